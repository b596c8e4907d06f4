import { type CardRecord, type DeckRecord, Queue, queueForState, type StudyOptions } from '@core/model'
import { allowanceFor, type StudiedToday } from '@core/scheduling/daily-limits'
import type { QueueCounts, QueueEntry, TodayQueue } from '@core/scheduling/queue'
import type { GradeOutcome } from '@core/scheduling/scheduler'
import { buriesAny, buryOptionsOf, gatherNotes, siblingsToBury, takeApartFromSiblings, type BuryOptions } from '@core/scheduling/siblings'
import type { StudyDay } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { listDecks } from '@db/deck-records'
import { optionsOfDecks } from '@db/options-repository'
import { classifyStorageError } from '@db/storage-errors'
import { learningDueOfDecks, studiedTodayOfDecks } from '@db/today-counters'
import { assertUnchangedSinceShown } from '@db/write-guards'
import { hashText } from '@shared/deck/ids'
import Dexie, { type Table } from 'dexie'

/** The day's limits and, read as their defaults when absent, the sibling-burying options. */
type Limits = Pick<StudyOptions, 'newCardsPerDay' | 'reviewsPerDay'> & Partial<BuryOptions>

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
  return withCounters(db, [db.cards, db.reviews, db.derived], async (keep) => {
    // In the same transaction as the reading, as the deck list's count does: one transaction less
    // on the way to the first card. On a full disk (read-only) they stay buried, as counted.
    if (keep) await unburyFinishedDays(db, [deckId], day)
    const allowance = allowanceFor(options, (await studiedTodayOfDecks(db, [deckId], day, keep)).get(deckId)!)
    const ranked = options.newCardOrder === 'random' && allowance.newCards > 0 ? await rankedNewKeys(db, deckId, day) : undefined
    const learningRead = dueBefore(db, deckId, Queue.Learning, day.end).toArray()
    const inRank = async (n: number) => (await db.cards.bulkGet(ranked!.slice(0, n))).filter((c): c is CardRecord => c !== undefined)
    const { review, fresh } = await gatherAfterLearning(
      learningRead.then((cards) => cards.map((c) => c.id)),
      {
        review: (n) => dueBefore(db, deckId, Queue.Review, day.end).limit(n).toArray(),
        fresh: ranked ? inRank : (n) => newInOrder(db, deckId).limit(n).toArray()
      },
      (card) => card.id,
      allowance,
      buryOptionsOf(options)
    )
    const learning = await learningRead
    const cards = new Map<string, CardRecord>()
    for (const list of [learning, review, fresh]) for (const card of list) cards.set(card.id, card)
    return { queue: { learning: learning.map(toEntry), review: review.map(toEntry), fresh: fresh.map(toEntry) }, cards }
  })
}

/**
 * Random order, stable for the day: new cards are ranked by a hash of their id and the day, so
 * reopening the deck the same day shows the same selection. Only keys are read for the ranking.
 */
async function rankedNewKeys(db: RecallDatabase, deckId: string, day: StudyDay): Promise<string[]> {
  const keys = await newInOrder(db, deckId).primaryKeys()
  const ranked = keys.map((k) => [hashText(`${day.start}:${k}`), k] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return ranked.map(([, k]) => k)
}

/**
 * Today's review and new cards, gathered after the learning cards (their keys): each list in its
 * order, cut to the day's allowance, a card skipped when a sibling was gathered before it
 * (core/scheduling/siblings.ts). The first reads go out together; a list is read further only
 * when skipped siblings left it short. Both the study queue and the deck list's counts come from
 * here, so they agree.
 */
async function gatherAfterLearning<T>(
  learning: Promise<readonly string[]>,
  reads: { review: (n: number) => Promise<T[]>; fresh: (n: number) => Promise<T[]> },
  idOf: (row: T) => string,
  allowance: { reviews: number; newCards: number },
  bury: BuryOptions
): Promise<{ review: T[]; fresh: T[] }> {
  const firstReview = allowance.reviews > 0 ? reads.review(allowance.reviews) : undefined
  const firstFresh = allowance.newCards > 0 ? reads.fresh(allowance.newCards) : undefined
  // Awaited later; an abort in between must not leave their rejections unhandled.
  firstReview?.catch(() => undefined)
  firstFresh?.catch(() => undefined)
  const gathered = gatherNotes(new Set(), await learning)
  const take = (limit: number, apart: boolean) => (ids: string[]) => takeApartFromSiblings(ids, gathered, apart, limit)
  const review = await readTaking(firstReview, reads.review, idOf, allowance.reviews, take(allowance.reviews, bury.buryReviewSiblings))
  gatherNotes(gathered, review.map(idOf))
  const fresh = await readTaking(firstFresh, reads.fresh, idOf, allowance.newCards, take(allowance.newCards, bury.buryNewSiblings))
  return { review, fresh }
}

/** The rows `take` keeps of the first `limit` read, reading twice as far while skipped ones leave it short. */
async function readTaking<T>(
  first: Promise<T[]> | undefined,
  read: (n: number) => Promise<T[]>,
  idOf: (row: T) => string,
  limit: number,
  take: (ids: string[]) => string[]
): Promise<T[]> {
  if (!first) return []
  let rows = await first
  for (let n = limit; ; n *= 2) {
    if (n > limit) rows = await read(n)
    const taken = new Set(take(rows.map(idOf)))
    if (taken.size >= limit || rows.length < n) return rows.filter((row) => taken.has(idOf(row)))
  }
}

/** Cards buried on an earlier study day come back into study. */
async function unburyFinishedDays(db: RecallDatabase, deckIds: readonly string[], day: StudyDay): Promise<void> {
  await db.transaction('rw', db.cards, () =>
    Promise.all(
      deckIds.map((deckId) =>
        db.cards
          .where('[deckId+queue+ord]')
          .between([deckId, Queue.Buried, Dexie.minKey], [deckId, Queue.Buried, Dexie.maxKey])
          .filter((c) => (c.buriedUntil ?? 0) <= day.start)
          .modify((c) => {
            c.queue = queueForState(c.state)
            delete c.buriedUntil
          })
      )
    )
  )
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
  // Cards buried on an earlier day are back in the lists before they are counted, as study will find them.
  if (keep) await unburyFinishedDays(db, deckIds, day)
  const [studied, learning] = await Promise.all([
    studiedTodayOfDecks(db, deckIds, day, keep),
    learningDueOfDecks(db, deckIds, day.end, keep)
  ])
  // A new collection for each read: Dexie's limit() only ever lowers a collection's limit.
  const keys = (collection: () => ReturnType<typeof newInOrder>) => (n: number) => collection().limit(n).primaryKeys() as Promise<string[]>
  // Issued together, so IndexedDB works through them without a round trip per deck. Only keys are
  // read: siblings are told apart by their keys.
  return Promise.all(
    deckIds.map(async (deckId) => {
      const limits = limitsOf(deckId)
      const allowance = allowanceFor(limits, studied.get(deckId)!)
      const learningKeys = learning.get(deckId)!
      const { review, fresh } = await gatherAfterLearning(
        Promise.resolve(learningKeys),
        { review: keys(() => dueBefore(db, deckId, Queue.Review, day.end)), fresh: keys(() => newInOrder(db, deckId)) },
        (key) => key,
        allowance,
        buryOptionsOf(limits)
      )
      return { learning: learningKeys.length, review: review.length, fresh: fresh.length }
    })
  )
}

export function getCard(db: RecallDatabase, id: string): Promise<CardRecord | undefined> {
  return db.cards.get(id)
}

/** The card as a grade leaves it (what `recordReview` writes): known before the write, so the next card can be prepared while it runs. */
export function gradedCard(card: CardRecord, outcome: GradeOutcome): CardRecord {
  const updated: CardRecord = { ...card, ...outcome.next, queue: queueForState(outcome.next.state) }
  if (outcome.next.last_review === undefined) delete updated.last_review
  return updated
}

/**
 * Stores a grade: the card's new state and its review log, in one transaction, so that either
 * both are saved or neither is. Resolves only once the write is committed. With `siblings`
 * (today's study), the card's siblings waiting today are buried in the same transaction
 * (core/scheduling/siblings.ts); `buried` are they as they were, for undo.
 */
export async function recordReview(
  db: RecallDatabase,
  card: CardRecord,
  outcome: GradeOutcome,
  duration: number,
  siblings?: { day: StudyDay; options: Partial<BuryOptions> }
): Promise<{ card: CardRecord; logId: number; buried: CardRecord[] }> {
  const updated = gradedCard(card, outcome)
  const options = siblings && buryOptionsOf(siblings.options)
  const bury = options && buriesAny(options) ? { ...siblings, options } : undefined
  // Not an async function, and no await inside: Dexie keeps its transaction zone across native
  // awaits by redefining the page's global Promise on every microtask ("zone echoes"), about a
  // hundred times per grade, and V8 then drops optimised code. Traced, that was most of the
  // write's main-thread time; explicit then() needs no echoes.
  // The grade before this one is in the journal before this write can start (journal-writer.ts).
  const journaled = db.journal?.written()
  if (journaled) await journaled
  const { logId, buried } = await db.transaction('rw', db.cards, db.reviews, () =>
    // The requests go out together: IndexedDB runs them in order, so the read, sent first, sees
    // the card as it was before the write, and one round trip to the browser's storage serves
    // them all. With burying on, the read is of the note's cards (the card and its siblings,
    // `[deckId+cardId]`): one request instead of the card's and its note's.
    Dexie.Promise.all([
      bury
        ? db.cards.where('[deckId+cardId]').equals([card.deckId, card.cardId]).toArray()
        : db.cards.get(card.id).then((c) => (c ? [c] : [])),
      db.cards.put(updated),
      db.reviews.add({ ...outcome.log, cardKey: card.id, deckId: card.deckId, duration: Math.max(0, Math.round(duration)) })
    ]).then(([ofNote, , id]) => {
      // Another tab may have answered or changed the card since it was shown here: throwing
      // aborts the transaction, so no write is kept. (A card moved to another deck under the
      // same key is not among its old deck's: it is stale as well.)
      assertUnchangedSinceShown(
        card,
        ofNote.find((c) => c.id === card.id)
      )
      const toBury = bury ? siblingsToBury(card, ofNote, bury.day, bury.options) : []
      const before = ofNote.filter((c) => toBury.some((b) => b.id === c.id))
      return toBury.length === 0 ? { logId: id, buried: before } : db.cards.bulkPut(toBury).then(() => ({ logId: id, buried: before }))
    })
  )
  return { card: updated, logId: logId as number, buried }
}

export function reviewsOfCard(db: RecallDatabase, cardKey: string) {
  return db.reviews.where('cardKey').equals(cardKey).sortBy('review')
}
