import { ID_PATTERN } from '@shared/deck/format'

/**
 * How a Recall note is known in Anki, so that a package exported by Recall (apkg-export.ts) and
 * imported again — in Anki or in Recall — updates the same notes instead of adding copies: its
 * guid is `recall:<deck id>/<note id>`, and its note type one of Recall's (apkg-export-note-types.ts).
 */

const PREFIX = 'recall:'

export function recallGuid(deckId: string, noteId: string): string {
  return `${PREFIX}${deckId}/${noteId}`
}

/** The deck and note ids of a guid Recall wrote; undefined for any other guid. */
export function recallIdsOfGuid(guid: string): { deckId: string; noteId: string } | undefined {
  if (!guid.startsWith(PREFIX)) return undefined
  const [deckId, noteId, more] = guid.slice(PREFIX.length).split('/')
  if (more !== undefined || !deckId || !noteId || !ID_PATTERN.test(deckId) || !ID_PATTERN.test(noteId)) return undefined
  return { deckId, noteId }
}

/** The names of Recall's basic note types: fields Front, Back, Extra; the second adds the reversed card. */
export const RECALL_BASIC_NAME = 'Recall Basic'
export const RECALL_REVERSED_NAME = 'Recall Basic (and reversed card)'
export const RECALL_QUESTION_NAME = 'Recall Question'
export const RECALL_QUESTION_FIELDS = ['Question', 'Answer', 'Recall data'] as const

/**
 * A note type Recall wrote for its basic notes, recognised by name and fields, so that it comes
 * back as basic notes (front, back, extra; reversed with two templates) and not as a note type.
 */
export function isRecallBasicModel(model: { name: string; fields: readonly string[] }): boolean {
  const name = model.name.replace(/[-+]\w*$/, '') // Anki may have made the name unique: "Recall Basic-1a2b3"
  return (name === RECALL_BASIC_NAME || name === RECALL_REVERSED_NAME) && model.fields.join('\x1f') === 'Front\x1fBack\x1fExtra'
}

/** Recall's exam-style question note type, as exported (apkg-export-note-types.ts), even renamed unique by Anki. */
export function isRecallQuestionModel(model: { name: string; fields: readonly string[] }): boolean {
  return model.name.replace(/[-+]\w*$/, '') === RECALL_QUESTION_NAME && model.fields.join('\x1f') === RECALL_QUESTION_FIELDS.join('\x1f')
}
