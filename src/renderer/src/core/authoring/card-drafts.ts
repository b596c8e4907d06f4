import { DEFAULT_PRESET_ID, noteKey, type CardRecord, type DeckRecord, type NoteRecord } from '@core/model'
import { cardsOfNote, newCardOf } from '@core/notes/cards-of-note'
import { basicNoteSchema, clozeNoteSchema, type BasicNote, type ClozeNote, type Note } from '@shared/deck/schema'

/**
 * Notes, cards and decks made in the app. The user's own decks (made here, imported, or from the
 * decks folder) take new, moved, tagged and deleted cards; built-in decks follow the app's updates
 * and can be copied, and their cards edited (the edit is kept through updates: db/deck-repository.ts).
 * A deck made here has no file behind it (`file: ''`).
 */
export type Authored<T> = ({ ok: true } & T) | { ok: false; message: string }

/**
 * Reversed study cards sort after every forward card of a deck, as mergeDeck orders a deck file,
 * even as cards are added one by one: forward cards take ords 0, 1, 2…, reversed ones this + n.
 */
export const REVERSE_ORD_OFFSET = 1_000_000_000

/**
 * A note's new study cards, never studied: its first card takes `forwardOrd`, a reversed card
 * REVERSE_ORD_OFFSET more, so that reversed cards stay after every forward card of the deck.
 */
export function newStudyCards(deckId: string, note: Note, forwardOrd: number, now: number): CardRecord[] {
  return cardsOfNote(deckId, note).map((text) => newCardOf(deckId, text, text.reverse ? REVERSE_ORD_OFFSET + forwardOrd : forwardOrd, now))
}

/** The note record of a note made in the app. */
export function newNoteRecord(deckId: string, note: Note, now: number): NoteRecord {
  return { id: noteKey(deckId, note.id), deckId, noteId: note.id, note, createdAt: now }
}

/** Tags as typed in a box: separated by spaces or commas, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))]
}

export interface CardDraft {
  /** For a cloze note, its text with `{{c1::…}}` deletions; `back` is then unused. */
  front: string
  back: string
  extra: string
  tags: string
  reverse: boolean
  /** A cloze note rather than a front/back one. */
  cloze?: boolean
}

/** A draft as a note (front/back, or cloze), checked by the deck format's own rules; the id is filled in later. */
export function draftToNote(draft: CardDraft): Authored<{ note: BasicNote | ClozeNote }> {
  const extra = draft.extra.trim() ? { extra: draft.extra.trim() } : {}
  const parsed = draft.cloze
    ? clozeNoteSchema.safeParse({ id: 'draft', type: 'cloze', text: draft.front, ...extra, tags: parseTags(draft.tags) })
    : basicNoteSchema.safeParse({
        id: 'draft',
        type: 'basic',
        front: draft.front,
        back: draft.back,
        ...extra,
        tags: parseTags(draft.tags),
        ...(draft.reverse ? { reverse: true } : {})
      })
  if (parsed.success) return { ok: true, note: parsed.data }
  const issue = parsed.error.issues[0]!
  const field = String(issue.path[0] ?? '')
  const message = field === 'tags' ? `Tag "${parseTags(draft.tags)[Number(issue.path[1])]}": ${issue.message}` : capitalise(issue.message)
  return { ok: false, message }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** `base`, or `base-2`, `base-3`… : the first that `taken` does not already hold. */
export async function uniqueId(base: string, taken: (id: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base.slice(0, 60)}-${n}`
    if (!(await taken(id))) return id
  }
}

/** A deck of the user's own, as made in the app (no file behind it). */
export function deckRecord(id: string, name: string, now: number, presetId = DEFAULT_PRESET_ID, description?: string): DeckRecord {
  return {
    id,
    name,
    ...(description ? { description } : {}),
    origin: 'user',
    file: '',
    contentHash: '',
    cardCount: 0,
    updatedAt: now,
    presetId
  }
}

/** What a change of deck membership did, so the browser can drop and add its rows. */
export interface MembershipChange {
  removed: string[]
  added: string[]
}
