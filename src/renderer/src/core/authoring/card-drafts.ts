import { DEFAULT_PRESET_ID, Queue, studyCardKey, type CardRecord, type DeckRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { cardSchema, type Card } from '@shared/deck/schema'

/**
 * Cards and decks made in the app. The user's own decks (made here, imported, or from the decks
 * folder) take new, moved, tagged and deleted cards; built-in decks are read-only and can be
 * copied. A deck made here has no file behind it (`file: ''`).
 */
export type Authored<T> = ({ ok: true } & T) | { ok: false; message: string }

/**
 * Reversed study cards sort after every forward card of a deck, as mergeDeck orders a deck file,
 * even as cards are added one by one: forward cards take ords 0, 1, 2…, reversed ones this + n.
 */
export const REVERSE_ORD_OFFSET = 1_000_000_000

/** The text of one direction of a card, as mergeDeck lays it out. */
function studyCardText(card: Card, reverse: boolean, ord: number): Pick<CardRecord, 'question' | 'answer' | 'extra' | 'tags' | 'ord'> {
  return {
    question: reverse ? card.back : card.front,
    answer: reverse ? card.front : card.back,
    ...(card.extra ? { extra: card.extra } : {}),
    tags: card.tags,
    ord
  }
}

/** A new study card, never studied. mergeDeck builds its new rows the same way and could call this. */
export function newStudyCard(deckId: string, card: Card, reverse: boolean, ord: number, now: number): CardRecord {
  return {
    id: studyCardKey(deckId, card.id, reverse),
    deckId,
    cardId: card.id,
    reverse,
    ...studyCardText(card, reverse, ord),
    ...newSchedulingState(now),
    queue: Queue.New,
    createdAt: now
  }
}

/** Both directions of a card when it asks for the reverse, with the ords above. */
export function newStudyCards(deckId: string, card: Card, forwardOrd: number, now: number): CardRecord[] {
  const forward = newStudyCard(deckId, card, false, forwardOrd, now)
  return card.reverse ? [forward, newStudyCard(deckId, card, true, REVERSE_ORD_OFFSET + forwardOrd, now)] : [forward]
}

/** Tags as typed in a box: separated by spaces or commas, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))]
}

export interface CardDraft {
  front: string
  back: string
  extra: string
  tags: string
  reverse: boolean
}

/** A draft as a deck card, checked by the deck format's own rules; the id is filled in later. */
export function draftToCard(draft: CardDraft): Authored<{ card: Card }> {
  const parsed = cardSchema.safeParse({
    id: 'draft',
    front: draft.front,
    back: draft.back,
    ...(draft.extra.trim() ? { extra: draft.extra.trim() } : {}),
    tags: parseTags(draft.tags),
    ...(draft.reverse ? { reverse: true } : {})
  })
  if (parsed.success) return { ok: true, card: parsed.data }
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

/** Study cards back to deck cards, in deck order: one per card id, `reverse` when both directions exist. */
export function notesOf(cards: CardRecord[]): Card[] {
  const byId = new Map<string, Card>()
  for (const c of [...cards].sort((a, b) => a.ord - b.ord)) {
    const known = byId.get(c.cardId)
    if (known) {
      known.reverse = true
      continue
    }
    const [front, back] = c.reverse ? [c.answer, c.question] : [c.question, c.answer]
    byId.set(c.cardId, {
      id: c.cardId,
      front,
      back,
      ...(c.extra ? { extra: c.extra } : {}),
      tags: [...c.tags],
      ...(c.reverse ? { reverse: true } : {})
    })
  }
  return [...byId.values()]
}

/** What a change of deck membership did, so the browser can drop and add its rows. */
export interface MembershipChange {
  removed: string[]
  added: string[]
}
