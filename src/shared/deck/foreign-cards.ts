import { clozePlain, hasCloze } from '@shared/deck/cloze'
import { finishDeck, type LocatedNote } from '@shared/deck/finish-deck'
import { cardIdFromFront, hashText, slugify } from '@shared/deck/ids'
import { mediaNote, type MediaCount } from '@shared/deck/media-count'
import { recallIdsOfGuid } from '@shared/deck/recall-anki-guid'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import {
  basicNoteSchema,
  clozeNoteSchema,
  ID_PATTERN,
  MAX_FIELD_CHARS,
  type BasicNote,
  type ClozeNote,
  type Deck,
  type DeckDraft,
  type CaseNote,
  type FieldsNote,
  type QuestionNote
} from '@shared/deck/schema'

/**
 * The foreign-card toolkit shared by the CSV, JSON and Anki importers: a record read from another
 * tool's file becomes a Recall basic note, or a cloze note when its front has `{{c1::…}}` deletions
 * (`acceptCard`), repeated ids are reported and the deck is
 * validated (`finishImport`), and ids, tags and names are made the same way for every format.
 */

export interface ForeignCard {
  front: string
  back: string
  extra?: string
  tags?: string[]
  /** A valid Recall id (see foreignId/ankiGuidId); derived from the front when absent. */
  id?: string
  media?: MediaCount
  /** Study both ways (an Anki note with a reversed card); a cloze never is. */
  reverse?: boolean
}

/** Where a record was found: its line in a text file, or its position in a package. */
export interface Where {
  line?: number
  note?: number
}

export interface AcceptedCard {
  /** A fields note comes from an Anki note type of its own (anki-models.ts); a question from Recall's own export. */
  card: BasicNote | ClozeNote | FieldsNote | QuestionNote
  where: Where
  /** A note that comes with this one: the case study a question shows (once per deck, however many questions name it). */
  alongWith?: CaseNote
}

/**
 * Checks one record on its own, so that a bad record is reported and skipped while the rest of
 * the deck still imports. A front with Anki cloze deletions makes a cloze note (its back, Anki's
 * "Back Extra", goes to the extra); left-out media is mentioned once in the extra.
 */
export function acceptCard(foreign: ForeignCard, where: Where, file: string, problems: DeckProblem[]): AcceptedCard | undefined {
  const { front, back } = foreign
  let extra = foreign.extra?.trim() ?? ''
  const cloze = front.length <= MAX_FIELD_CHARS && hasCloze(front)
  if (cloze) extra = [back.trim(), extra].filter(Boolean).join('\n\n')
  const note = foreign.media && mediaNote(foreign.media)
  if (note) extra = extra ? `${extra}\n\n${note}` : note
  const shared = { ...(extra ? { extra } : {}), tags: foreign.tags ?? [] }
  const result = cloze
    ? clozeNoteSchema.safeParse({ type: 'cloze', id: foreign.id ?? cardIdFromFront(clozePlain(front)), text: front, ...shared })
    : basicNoteSchema.safeParse({
        type: 'basic',
        id: foreign.id ?? cardIdFromFront(front),
        front,
        back,
        ...shared,
        ...(foreign.reverse ? { reverse: true } : {})
      })
  if (result.success) return { card: result.data, where }
  for (const issue of result.error.issues) {
    // A cloze's text is the foreign card's front: the person knows it by that name.
    const path = issue.path.length > 0 ? String(issue.path[0]) : undefined
    const field = path === 'text' ? 'front' : path
    const message = issue.code === 'too_big' && field ? `${field} is longer than ${MAX_FIELD_CHARS} characters` : issue.message
    problems.push({ file, ...where, ...(field ? { field } : {}), message })
  }
  return undefined
}

/** Skips (and reports) repeated ids, then validates the deck. */
export function finishImport(
  draft: Omit<DeckDraft, 'notes'>,
  accepted: AcceptedCard[],
  problems: DeckProblem[],
  file: string
): ImportResult<Deck> {
  const first = new Map<string, Where>()
  const located: LocatedNote[] = []
  const along = new Set<string>()
  for (const { card, where, alongWith } of accepted) {
    if (alongWith && !along.has(alongWith.id)) {
      along.add(alongWith.id)
      located.push({ note: alongWith, line: where.line ?? 0 })
    }
    const seen = first.get(card.id)
    if (seen) {
      const at = [seen.note && `note ${seen.note}`, seen.line && `line ${seen.line}`].filter(Boolean).join(', ')
      const front =
        card.type === 'cloze'
          ? clozePlain(card.text)
          : card.type === 'fields'
            ? (card.fields.find((f) => f.trim()) ?? '')
            : card.type === 'basic'
              ? card.front
              : card.stem
      const what =
        card.id === cardIdFromFront(front)
          ? `the front "${front.slice(0, 60)}" is also on ${at}`
          : `duplicate id "${card.id}" (also on ${at})`
      problems.push({ file, ...where, field: 'id', message: `${what}; this card was skipped` })
      continue
    }
    first.set(card.id, where)
    located.push({ note: card, line: where.line ?? 0 })
  }
  return finishDeck(draft, located, problems, file)
}

/** Tags have no spaces and at most 64 characters; repeats are dropped. */
export function toTags(values: readonly string[]): string[] {
  const tags = new Set<string>()
  for (const value of values) {
    const tag = value.trim().replace(/\s+/g, '-')
    if (tag) tags.add(tag.length <= 64 ? tag : tag.slice(0, /[\ud800-\udbff]/.test(tag[63]!) ? 63 : 64))
  }
  return [...tags]
}

/** Another tool's id as a Recall id: kept when it already is one, else a readable slug plus a hash. */
export function foreignId(raw: string): string {
  const id = raw.trim()
  if (ID_PATTERN.test(id.toLowerCase())) return id.toLowerCase()
  return `${slugify(id, 40) || 'id'}-${hashText(id).slice(0, 8)}`
}

/**
 * Anki's note guid → card id; the same note gets the same id from a package or a text export. A
 * note Recall exported (guid `recall:<deck>/<note>`, recall-anki-guid.ts) gets its own id back.
 */
export function ankiGuidId(guid: string): string {
  return recallIdsOfGuid(guid.trim())?.noteId ?? `anki-${hashText(guid.trim())}`
}

export function fileStem(file: string): string {
  return (
    file
      .split(/[\\/]/)
      .pop()!
      .replace(/\.[^.]*$/, '')
      .trim() || 'Imported deck'
  )
}

export function deckIdFor(name: string, file: string): string {
  return slugify(name) || slugify(fileStem(file)) || 'imported-deck'
}

export function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best: string | undefined
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v
  return best
}

/** Line of an offset, for offsets that only grow: linear over the whole file, unlike lineAt per record. */
export function lineCounter(text: string): (offset: number) => number {
  let at = 0
  let line = 1
  return (offset) => {
    if (offset < at) [at, line] = [0, 1]
    for (const end = Math.min(offset, text.length); at < end; at++) if (text.charCodeAt(at) === 10) line++
    return line
  }
}
