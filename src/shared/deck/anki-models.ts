import { hasCloze } from '@shared/deck/cloze'
import { acceptCard, ankiGuidId, type AcceptedCard, type Where } from '@shared/deck/foreign-cards'
import { htmlToText } from '@shared/deck/html-to-text'
import { hashText, cardIdFromFront } from '@shared/deck/ids'
import { addMedia, type MediaCount } from '@shared/deck/media-count'
import type { DeckProblem } from '@shared/deck/problems'
import { isRecallBasicModel, isRecallQuestionModel } from '@shared/deck/recall-anki-guid'
import {
  fieldsNoteIssues,
  fieldsNoteSchema,
  isQuestionNote,
  MAX_FIELD_CHARS,
  parseNote,
  type CaseNote,
  type NoteType,
  type QuestionNote
} from '@shared/deck/schema'
import { decodeHTML } from 'entities'

/**
 * Anki's note types as Recall reads them, from a package (apkg.ts) or a CrowdAnki deck
 * (crowdanki.ts). The note types every Anki collection starts with stay simple: "Basic" and
 * "Basic (and reversed card)" become basic notes (reversed when there is the second card), "Cloze"
 * becomes a cloze note, as before. Any other note type comes along whole: its fields and card
 * templates become a note type of the deck (`deck.noteTypes`), and its notes `fields` notes whose
 * cards the templates make (anki-template.ts).
 */

/** A note type as Anki stores it: field names, and templates in HTML. */
export interface AnkiModel {
  /** Anki's id (or CrowdAnki's uuid): the Recall note type's id is made from it. */
  key: string
  name: string
  cloze: boolean
  fields: string[]
  templates: Array<{ name: string; qfmt: string; afmt: string }>
}

/** How a note type's notes come in. */
export type ModelMapping =
  | { kind: 'basic'; front: number; back: number; reverse: boolean }
  | { kind: 'cloze'; text: number; extra?: number }
  | { kind: 'fields'; type: NoteType }
  /** Recall's own exam-style question, exported with its note in the field "Recall data". */
  | { kind: 'recall-question' }

/** The note type's Recall id: the same Anki note type gets the same id on every import. */
function ankiNoteTypeId(key: string): string {
  return `nt-${hashText(key.trim())}`
}

/** The template's tags and words, white space and line breaks aside, to compare with the standard shapes. */
const squeeze = (html: string) =>
  html
    .replace(/<br\s*\/?>|<\/?div>/gi, '')
    .replace(/\s+/g, '')
    .replace(/<hrid=("|')?answer\1\/?>/i, '<hr id=answer>')

const single = (template: string, filter = '') => {
  const match = new RegExp(`^\\{\\{${filter}([^{}#^/:]+)\\}\\}$`).exec(squeeze(template))
  return match?.[1]
}

/** `{{FrontSide}}<hr id=answer>{{Back}}` → "Back". */
const afterFrontSide = (template: string) => {
  const match = /^\{\{FrontSide\}\}<hr id=answer>\{\{([^{}#^/:]+)\}\}$/.exec(squeeze(template))
  return match?.[1]
}

/**
 * Anki's "Basic (type in the answer)": `{{Front}} {{type:Back}}` / `{{Front}}<hr id=answer>{{type:Back}}`
 * (or `{{FrontSide}}` before the rule). Typing is not asked in Recall: it is a basic note.
 */
function typeInAnswer(fields: readonly string[], template: { qfmt: string; afmt: string }): { front: number; back: number } | undefined {
  const q = /^\{\{([^{}#^/:]+)\}\}\{\{type:([^{}#^/:]+)\}\}$/.exec(squeeze(template.qfmt))
  const a = /^\{\{([^{}#^/:]+)\}\}<hr id=answer>\{\{type:([^{}#^/:]+)\}\}$/.exec(squeeze(template.afmt))
  if (!q || !a || (a[1] !== q[1] && a[1] !== 'FrontSide') || a[2] !== q[2]) return undefined
  return { front: fieldIndex(fields, q[1]), back: fieldIndex(fields, q[2]) }
}

/** Anki's field names compared without the spaces `squeeze` drops. */
const fieldIndex = (fields: readonly string[], squeezed: string | undefined) =>
  squeezed === undefined ? -1 : fields.findIndex((f) => f.replace(/\s+/g, '') === squeezed)

/** Basic, Basic (and reversed card), Cloze, or a note type of its own. */
export function mapModel(model: AnkiModel): ModelMapping {
  if (!model.cloze && isRecallQuestionModel(model)) return { kind: 'recall-question' }
  // Recall's own basic note types (apkg-export-note-types.ts): Front, Back, Extra; two templates when reversed.
  if (!model.cloze && isRecallBasicModel(model)) return { kind: 'basic', front: 0, back: 1, reverse: model.templates.length > 1 }
  const [first, second, ...more] = model.templates
  if (model.cloze && first && !second) {
    const text = fieldIndex(model.fields, single(first.qfmt, 'cloze:'))
    // The back is the cloze again, then at most one other field (Anki's "Back Extra").
    const back = squeeze(first.afmt)
    const rest = /^\{\{cloze:([^{}]+)\}\}(?:\{\{([^{}#^/:]+)\}\})?$/.exec(back)
    const extra = fieldIndex(model.fields, rest?.[2])
    if (text >= 0 && rest && fieldIndex(model.fields, rest[1]) === text && model.fields.length <= 2 && extra !== text)
      return { kind: 'cloze', text, ...(extra >= 0 ? { extra } : {}) }
  }
  if (!model.cloze && first && more.length === 0) {
    const typed = second ? undefined : typeInAnswer(model.fields, first)
    const front = typed ? typed.front : fieldIndex(model.fields, single(first.qfmt))
    const back = typed ? typed.back : fieldIndex(model.fields, afterFrontSide(first.afmt))
    const reversedOk =
      !second || (fieldIndex(model.fields, single(second.qfmt)) === back && fieldIndex(model.fields, afterFrontSide(second.afmt)) === front)
    // Only when it has no other field: a field its cards do not show stays a field of the note, not an extra.
    if (front >= 0 && back >= 0 && front !== back && reversedOk && model.fields.length === 2)
      return { kind: 'basic', front, back, reverse: Boolean(second) }
  }
  return {
    kind: 'fields',
    type: {
      id: ankiNoteTypeId(model.key),
      name: model.name.trim().slice(0, 200) || 'Anki note type',
      kind: model.cloze ? 'cloze' : 'standard',
      fields: uniqueNames(model.fields),
      templates: (model.cloze ? model.templates.slice(0, 1) : model.templates).map((t, i) => ({
        name: t.name.trim().slice(0, 200) || `Card ${i + 1}`,
        front: htmlToText(t.qfmt).text.slice(0, MAX_FIELD_CHARS),
        back: htmlToText(t.afmt).text.slice(0, MAX_FIELD_CHARS)
      }))
    }
  }
}

/** Field names as the templates name them; an empty or repeated name (which Anki refuses) gets a number. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>()
  return names.map((raw, i) => {
    let name = raw.trim().slice(0, 200) || `Field ${i + 1}`
    while (seen.has(name)) name = `${name} (${i + 1})`
    seen.add(name)
    return name
  })
}

/** One note type of `col.models` (schema 11): `flds` and `tmpls` sorted by `ord`, `type` 1 for cloze. */
export function legacyModel(key: string, value: unknown): AnkiModel | undefined {
  if (!value || typeof value !== 'object') return undefined
  const m = value as { id?: unknown; name?: unknown; type?: unknown; flds?: unknown; tmpls?: unknown }
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : [])
      .filter((x): x is Record<string, unknown> => Boolean(x) && typeof x === 'object')
      .map((x, i) => ({ x, ord: typeof x.ord === 'number' ? x.ord : i }))
      .sort((a, b) => a.ord - b.ord)
      .map(({ x }) => x)
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  return {
    key: typeof m.id === 'number' || typeof m.id === 'string' ? String(m.id) : key,
    name: str(m.name),
    cloze: m.type === 1,
    fields: list(m.flds).map((f) => str(f.name)),
    templates: list(m.tmpls).map((t) => ({ name: str(t.name), qfmt: str(t.qfmt), afmt: str(t.afmt) }))
  }
}

/** One Anki note as read from its file: its fields as HTML, in its note type's order. */
export interface AnkiNote {
  guid: string
  fields: readonly string[]
  tags: string[]
  /** How many cards Anki made of it, when known: a basic note with more than one is reversed. */
  cardCount?: number
}

/**
 * One note in Recall's terms, or a problem saying why it was skipped. `mapping` is undefined when
 * the note type is unknown (a package that lost it): the note comes in as before, first field
 * front, second back, the rest extra.
 */
export function acceptAnkiNote(
  note: AnkiNote,
  mapping: ModelMapping | undefined,
  where: Where,
  file: string,
  problems: DeckProblem[]
): AcceptedCard | undefined {
  const media: MediaCount = { images: 0, sounds: 0, videos: 0 }
  const texts = note.fields.map((field) => {
    const safe = htmlToText(field)
    addMedia(media, safe.media)
    return safe.text
  })
  const id = note.guid.trim() ? ankiGuidId(note.guid) : undefined
  const rest = (used: number[]) => texts.filter((t, i) => !used.includes(i) && t.trim()).join('\n\n')
  if (!mapping || mapping.kind === 'basic') {
    const front = mapping?.front ?? 0
    const back = mapping?.back ?? 1
    return acceptCard(
      {
        front: texts[front] ?? '',
        back: texts[back] ?? '',
        extra: rest([front, back]),
        media,
        tags: note.tags,
        id,
        reverse: Boolean(mapping?.reverse) || (note.cardCount ?? 0) > 1
      },
      where,
      file,
      problems
    )
  }
  if (mapping.kind === 'recall-question') {
    const data = recallQuestionData(note.fields[2] ?? '')
    if (data) return { card: { ...data.note, tags: note.tags }, where, ...(data.case ? { alongWith: data.case } : {}) }
    // Its data lost or broken: the question and answer as Anki shows them.
    return acceptCard({ front: texts[0] ?? '', back: texts[1] ?? '', media, tags: note.tags, id }, where, file, problems)
  }
  if (mapping.kind === 'cloze') {
    const text = texts[mapping.text] ?? ''
    if (!hasCloze(text)) {
      problems.push({
        file,
        ...where,
        field: 'text',
        message: `this cloze note has no cloze deletion (mark one as {{c1::answer}}); it was skipped`
      })
      return undefined
    }
    const extra = mapping.extra === undefined ? '' : (texts[mapping.extra] ?? '')
    return acceptCard({ front: text, back: extra, media, tags: note.tags, id }, where, file, problems)
  }
  const type = mapping.type
  const fields = type.fields.map((_, i) => texts[i] ?? '')
  const parsed = fieldsNoteSchema.safeParse({
    id: id ?? cardIdFromFront(fields.find((f) => f.trim()) ?? 'note'),
    type: 'fields',
    noteType: type.id,
    fields,
    tags: note.tags
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file, ...where, message: `${issue.message}; this note was skipped` })
    return undefined
  }
  const issues = fieldsNoteIssues(parsed.data, type)
  if (issues.length > 0) {
    for (const issue of issues) problems.push({ file, ...where, message: `${issue.message}; this note was skipped` })
    return undefined
  }
  return { card: parsed.data, where }
}

/** The question (and its case study) Recall wrote in "Recall data", when it is still whole and valid. */
function recallQuestionData(field: string): { note: QuestionNote; case?: CaseNote } | undefined {
  try {
    const data = JSON.parse(decodeHTML(field)) as { note?: unknown; case?: unknown }
    const note = parseNote(data.note)
    if (!note || !isQuestionNote(note)) return undefined
    const scenario = data.case === undefined ? undefined : parseNote(data.case)
    if (note.case !== undefined && (scenario?.type !== 'case' || scenario.id !== note.case)) return undefined
    return { note, ...(scenario?.type === 'case' ? { case: scenario } : {}) }
  } catch {
    return undefined
  }
}
