import { parseTags } from '@core/authoring/card-drafts'
import { RecallError } from '@core/errors'
import { isUserDeck, noteKey, Queue, queueForState, type BrowseRow, type CardRecord, type NoteRecord, type ReviewRecord } from '@core/model'
import { forgetState, type Scheduler } from '@core/scheduling/scheduler'
import type { UndoEntry } from '@db/card-actions'
import * as cardActions from '@db/card-actions'
import type { RecallDatabase } from '@db/database'
import { Rating } from 'ts-fsrs'

/** What the card browser shows of a card: only the rows of the part of the list on screen are read. */
export function toBrowseRow(c: CardRecord): BrowseRow {
  const row: BrowseRow = {
    id: c.id,
    deckId: c.deckId,
    cardId: c.cardId,
    reverse: c.reverse,
    ord: c.ord,
    question: c.question,
    answer: c.answer,
    tags: c.tags,
    queue: c.queue,
    state: c.state,
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    scheduled_days: c.scheduled_days,
    reps: c.reps,
    lapses: c.lapses,
    createdAt: c.createdAt
  }
  if (c.extra) row.extra = c.extra
  if (c.cloze !== undefined) row.cloze = c.cloze
  if (c.flag) row.flag = c.flag
  if (c.last_review !== undefined) row.last_review = c.last_review
  return row
}

/** Rows of the cards with these keys, as the list shows them; a card that is gone or Removed has none. */
export async function browseRowsByIds(db: RecallDatabase, ids: readonly string[]): Promise<Map<string, BrowseRow>> {
  const cards = await db.cards.bulkGet([...ids])
  return new Map(cards.filter((c): c is CardRecord => c !== undefined && c.queue !== Queue.Removed).map((c) => [c.id, toBrowseRow(c)]))
}

/**
 * The first `count` rows of the browser's default order (creation, then deck, place in the deck
 * and key, as core/search/sort.ts orders them), Removed cards left out: read through the index of
 * version 10 while the browser's worker is still ordering every card.
 */
export async function firstBrowseRows(db: RecallDatabase, count: number): Promise<BrowseRow[]> {
  const cards = await db.cards
    .orderBy('[createdAt+deckId+ord]')
    .filter((c) => c.queue !== Queue.Removed)
    .limit(count)
    .toArray()
  return cards.map(toBrowseRow)
}

async function cardsOf(db: RecallDatabase, ids: readonly string[]): Promise<CardRecord[]> {
  return (await db.cards.bulkGet([...ids])).filter((c): c is CardRecord => c !== undefined)
}

/** What a bulk action did: how to undo it, and the cards as they are now (so the list need not read them again). */
export interface BulkChange {
  undo: UndoEntry
  after: CardRecord[]
}

/**
 * Suspends or unsuspends cards in one transaction and one bulk write: Ctrl+A on 100,000 cards
 * must not take 100,000 separate writes. The change to each card is card-actions' setSuspended
 * (a test holds the two equal); cards already in the wanted state are left alone.
 */
export async function suspendCards(db: RecallDatabase, ids: readonly string[], suspended: boolean): Promise<BulkChange> {
  return db.transaction('rw', db.cards, async () => {
    const before = (await cardsOf(db, ids)).filter((c) => (c.queue === Queue.Suspended) !== suspended)
    const after = before.map((c) => {
      const next: CardRecord = { ...c, queue: suspended ? Queue.Suspended : queueForState(c.state) }
      delete next.buriedUntil
      return next
    })
    await db.cards.bulkPut(after)
    return { undo: { label: suspended ? 'Suspend' : 'Unsuspend', before, addedLogIds: [] }, after }
  })
}

/**
 * Resets cards to new, each with its Manual log row, in one transaction and two bulk writes.
 * Each card changes exactly as card-actions' forget changes it (a test holds the two equal).
 * `schedulerOf` maps a deck to its scheduler.
 */
export async function forgetCards(
  db: RecallDatabase,
  ids: readonly string[],
  schedulerOf: (deckId: string) => Scheduler,
  now: number
): Promise<BulkChange> {
  return db.transaction('rw', db.cards, db.reviews, async () => {
    const before = await cardsOf(db, ids)
    const after: CardRecord[] = []
    const logs: ReviewRecord[] = []
    for (const card of before) {
      const { next: reset, log } = forgetState(schedulerOf(card.deckId), card, now)
      const next: CardRecord = { ...card, ...reset, queue: Queue.New }
      if (reset.last_review === undefined) delete next.last_review
      delete next.buriedUntil
      after.push(next)
      logs.push({ ...log, rating: Rating.Manual, manual: 'reset', cardKey: card.id, deckId: card.deckId, duration: 0 })
    }
    await db.cards.bulkPut(after)
    const logIds = (await db.reviews.bulkAdd(logs, { allKeys: true })) as number[]
    return { undo: { label: 'Reset', before, addedLogIds: logIds }, after }
  })
}

export type TagChange = ({ ok: true } & BulkChange) | { ok: false; message: string }

/**
 * Adds and removes tags on cards (both directions, as tags belong to the card) of the user's own
 * decks. A built-in deck takes its tags from its file at every update, which would undo the change.
 */
export async function changeTags(
  db: RecallDatabase,
  ids: readonly string[],
  add: readonly string[],
  remove: readonly string[]
): Promise<TagChange> {
  return db.transaction('rw', [db.decks, db.cards, db.notes], async () => {
    const picked = await cardsOf(db, ids)
    const decks = await db.decks.bulkGet([...new Set(picked.map((c) => c.deckId))])
    const locked = decks.find((d) => d && !isUserDeck(d))
    if (locked)
      return {
        ok: false as const,
        message: `Tags of "${locked.name}" come with the built-in deck; copy the deck to your decks to tag its cards.`
      }
    const notes = new Set(picked.map((c) => `${c.deckId}\u0000${c.cardId}`))
    const siblings = await Promise.all([...notes].map((n) => db.cards.where('[deckId+cardId]').equals(n.split('\u0000')).toArray()))
    const gone = new Set(remove)
    const before: CardRecord[] = []
    const after: CardRecord[] = []
    for (const card of siblings.flat()) {
      const tags = [...new Set([...card.tags.filter((t) => !gone.has(t)), ...add])]
      if (tags.length === card.tags.length && tags.every((t, i) => t === card.tags[i])) continue
      before.push(card)
      after.push({ ...card, tags })
    }
    await db.cards.bulkPut(after)
    const notesBefore = await retagNotes(db, after)
    return { ok: true as const, undo: { label: add.length ? 'Add tags' : 'Remove tags', before, addedLogIds: [], notesBefore }, after }
  })
}

/**
 * Saves the side panel's form: the text of both directions through card-actions (progress kept)
 * and, for the user's own decks, the tags, in one transaction and one undo step.
 */
export async function saveCardEdit(db: RecallDatabase, cardKey: string, text: cardActions.CardText, tagsText: string): Promise<UndoEntry> {
  return db.transaction('rw', [db.decks, db.cards, db.notes], async () => {
    const card = await db.cards.get(cardKey)
    if (!card) throw new RecallError('not-found', 'the card no longer exists')
    const entry = await cardActions.editCardText(db, card.deckId, card.cardId, text)
    const tags = parseTags(tagsText)
    if (isUserDeck(await db.decks.get(card.deckId)) && tags.join(' ') !== card.tags.join(' ')) {
      await db.cards.where('[deckId+cardId]').equals([card.deckId, card.cardId]).modify({ tags })
      const before = await retagNotes(db, [{ ...card, tags }])
      if (!entry.notesBefore?.length) entry.notesBefore = before
    }
    return entry
  })
}

/** A note's tags follow its cards' (tags belong to the note); returns the notes as they were. */
async function retagNotes(db: RecallDatabase, cards: readonly CardRecord[]): Promise<NoteRecord[]> {
  const tagsOf = new Map(cards.map((c) => [noteKey(c.deckId, c.cardId), c.tags]))
  const notes = (await db.notes.bulkGet([...tagsOf.keys()])).filter((n): n is NoteRecord => n !== undefined)
  await db.notes.bulkPut(notes.map((n) => ({ ...n, note: { ...n.note, tags: [...tagsOf.get(n.id)!] } })))
  return notes
}
