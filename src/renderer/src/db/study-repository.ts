import { type CardRecord, type DeckRecord, Queue, queueForState, type StudyOptions } from '@core/model'
import { allowanceFor, type StudiedToday } from '@core/scheduling/daily-limits'
import type { QueueCounts, QueueEntry, TodayQueue } from '@core/scheduling/queue'
import type { GradeOutcome } from '@core/scheduling/scheduler'
import type { StudyDay } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { listDecks } from '@db/deck-repository'
import { optionsOfDecks } from '@db/options-repository'
import { classifyStorageError } from '@db/storage-errors'
import { learningDueOfDecks, studiedTodayOfDecks } from '@db/today-counters'
import { assertUnchangedSinceShown } from '@db/write-guards'
import { hashText } from '@shared/deck/ids'
import Dexie, { type Table } from 'dexie'

type Limits = Pick<StudyOptions, 'newCardsPerDay' | 'reviewsPerDay'>

/** What each deck studied on `day`, from the counter the deck list keeps (today-counters.ts). */
export async function studiedTodayByDeck(
  db: RecallDatabase,
  deckIds: readonly string[],
  day: StudyDay
): Promise<Map<string, StudiedToday>> {
  return withCounters(db, [db.reviews, db.derived], (keep) => studiedTodayOfDecks(db, deckIds, day, keep))
}

const dueBefore = (db: RecallDatabase, deckId: string, queue: number, end: number) =>
  db.cards.where('[deckId+queue+due]').between([deckId, queue, Dexie.minKey], [deckId, queue, end], true, false)

const newInOrder = (db: RecallDatabase, deckId: string) =>
  db.cards.where('[deckId+queue+ord]').between([deckId, Queue.New, Dexie.minKey], [deckId, Queue.New, Dexie.maxKey])

const toEntry = (card: CardRecord): QueueEntry => ({ id: card.id, due: card.due, ord: card.ord })

/** Today's queue of a deck, read through indexes and cut to what the day's limits leave. */
export async function loadTodayQueue(
  db: RecallDatabase,
  deckId: string,
  day: StudyDay,
  options: Limits & Pick<StudyOptions, 'newCardOrder'>
): Promise<TodayQueue> {
  return (await loadTodayStudy(db, deckId, day, options)).queue
}

/**
 * Today's queue and the records of the cards in it: the study session shows each next card from
 * these, so a grade waits for its own write and nothing else.
 */
export async function loadTodayStudy(
  db: RecallDatabase,
  deckId: string,
  day: StudyDay,
  options: Limits & Pick<StudyOptions, 'newCardOrder'>
): Promise<{ queue: TodayQueue; cards: Map<string, CardRecord> }> {
  await unburyFinishedDays(db, deckId, day)
  return withCounters(db, [db.cards, db.reviews, db.derived], async (keep) => {
    const allowance = allowanceFor(options, (await studiedTodayOfDecks(db, [deckId], day, keep)).get(deckId)!)
    const [learning, review, fresh] = await Promise.all([
      dueBefore(db, deckId, Queue.Learning, day.end).toArray(),
      dueBefore(db, deckId, Queue.Review, day.end).limit(allowance.reviews).toArray(),
      options.newCardOrder === 'random'
        ? randomNewCards(db, deckId, allowance.newCards, day)
        : newInOrder(db, deckId).limit(allowance.newCards).toArray()
    ])
    const cards = new Map<string, CardRecord>()
    for (const list of [learning, review, fresh]) for (const card of list) cards.set(card.id, card)
    return { queue: { learning: learning.map(toEntry), review: review.map(toEntry), fresh: fresh.map(toEntry) }, cards }
  })
}

/**
 * Random order, stable for the day: new cards are ranked by a hash of their id and the day, so
 * reopening the deck the same day shows the same selection. Only keys are read for the ranking.
 */
async function randomNewCards(db: RecallDatabase, deckId: string, limit: number, day: StudyDay): Promise<CardRecord[]> {
  if (limit <= 0) return []
  const keys = await newInOrder(db, deckId).primaryKeys()
  const ranked = keys.map((k) => [hashText(`${day.start}:${k}`), k] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const chosen = await db.cards.bulkGet(ranked.slice(0, limit).map(([, k]) => k))
  return chosen.filter((c): c is CardRecord => c !== undefined)
}

/** Cards buried on an earlier study day come back into study. */
async function unburyFinishedDays(db: RecallDatabase, deckId: string, day: StudyDay): Promise<void> {
  await db.transaction('rw', db.cards, async () => {
    await db.cards
      .where('[deckId+queue+ord]')
      .between([deckId, Queue.Buried, Dexie.minKey], [deckId, Queue.Buried, Dexie.maxKey])
      .filter((c) => (c.buriedUntil ?? 0) <= day.start)
      .modify((c) => {
        c.queue = queueForState(c.state)
        delete c.buriedUntil
      })
  })
}

/** The deck list's numbers for today, counted without loading cards. */
export async function countToday(db: RecallDatabase, deckId: string, day: StudyDay, limits: Limits): Promise<QueueCounts> {
  return withCounters(db, [db.cards, db.reviews, db.derived], async (keep) => (await countDecks(db, [deckId], day, () => limits, keep))[0]!)
}

/** Every deck with its numbers for today, in one transaction (the deck list). */
export async function countEveryDeck(db: RecallDatabase, day: StudyDay): Promise<Array<{ deck: DeckRecord; counts: QueueCounts }>> {
  return withCounters(db, [db.decks, db.presets, db.cards, db.reviews, db.derived], async (keep) => {
    const decks = await listDecks(db)
    const options = await optionsOfDecks(db, decks)
    const counts = await countDecks(
      db,
      decks.map((deck) => deck.id),
      day,
      (deckId) => options.get(deckId)!,
      keep
    )
    return decks.map((deck, i) => ({ deck, counts: counts[i]! }))
  })
}

/**
 * Runs `count` in a readwrite transaction that keeps the counters it brings up to date
 * (today-counters.ts). On a full or failing disk the same numbers are counted again read-only,
 * without keeping them: the deck list and study must still open when no write fits.
 */
async function withCounters<T>(db: RecallDatabase, tables: Table[], count: (keep: boolean) => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', tables, () => count(true))
  } catch (error) {
    const problem = classifyStorageError(error)
    if (problem !== 'full' && problem !== 'disk-error') throw error
    return db.transaction('r', tables, () => count(false))
  }
}

/**
 * What was studied today and the learning cards come from counters (today-counters.ts); review
 * and new cards are shown capped by the day's limits, so at most that many keys are read of
 * each: IndexedDB's count() walks the whole range, some 13 µs a key in Chromium.
 */
async function countDecks(
  db: RecallDatabase,
  deckIds: readonly string[],
  day: StudyDay,
  limitsOf: (deckId: string) => Limits,
  keep: boolean
): Promise<QueueCounts[]> {
  const [studied, learning] = await Promise.all([
    studiedTodayOfDecks(db, deckIds, day, keep),
    learningDueOfDecks(db, deckIds, day.end, keep)
  ])
  const capped = (collection: ReturnType<typeof newInOrder>, limit: number) =>
    limit <= 0
      ? Promise.resolve(0)
      : collection
          .limit(limit)
          .primaryKeys()
          .then((keys) => keys.length)
  // Issued together, so IndexedDB works through them without a round trip per deck.
  return Promise.all(
    deckIds.map(async (deckId) => {
      const allowance = allowanceFor(limitsOf(deckId), studied.get(deckId)!)
      const [review, fresh] = await Promise.all([
        capped(dueBefore(db, deckId, Queue.Review, day.end), allowance.reviews),
        capped(newInOrder(db, deckId), allowance.newCards)
      ])
      return { learning: learning.get(deckId)!, review, fresh }
    })
  )
}

export function getCard(db: RecallDatabase, id: string): Promise<CardRecord | undefined> {
  return db.cards.get(id)
}

/**
 * Stores a grade: the card's new state and its review log, in one transaction, so that either
 * both are saved or neither is. Resolves only once the write is committed.
 */
export async function recordReview(
  db: RecallDatabase,
  card: CardRecord,
  outcome: GradeOutcome,
  duration: number
): Promise<{ card: CardRecord; logId: number }> {
  const updated: CardRecord = { ...card, ...outcome.next, queue: queueForState(outcome.next.state) }
  if (outcome.next.last_review === undefined) delete updated.last_review
  // Not an async function, and no await inside: Dexie keeps its transaction zone across native
  // awaits by redefining the page's global Promise on every microtask ("zone echoes"), about a
  // hundred times per grade, and V8 then drops optimised code. Traced, that was most of the
  // write's main-thread time; explicit then() needs no echoes.
  const logId = await db.transaction('rw', db.cards, db.reviews, () =>
    // The three requests go out together: IndexedDB runs them in order, so the read sees the card
    // as it was before the write, and one round trip to the browser's storage serves all three.
    Dexie.Promise.all([
      db.cards.get(card.id),
      db.cards.put(updated),
      db.reviews.add({ ...outcome.log, cardKey: card.id, deckId: card.deckId, duration: Math.max(0, Math.round(duration)) })
    ]).then(([stored, , id]) => {
      // Another tab may have answered or changed the card since it was shown here: throwing
      // aborts the transaction, so neither write is kept.
      assertUnchangedSinceShown(card, stored)
      return id
    })
  )
  return { card: updated, logId: logId as number }
}

export function reviewsOfCard(db: RecallDatabase, cardKey: string) {
  return db.reviews.where('cardKey').equals(cardKey).sortBy('review')
}
