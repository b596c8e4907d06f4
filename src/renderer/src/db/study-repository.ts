import Dexie from 'dexie'
import { allowanceFor, tallyStudiedToday, type StudiedToday } from '../core/daily-limits'
import type { StudyDay } from '../core/day'
import type { QueueCounts, QueueEntry, TodayQueue } from '../core/queue'
import type { GradeOutcome } from '../core/scheduler'
import type { StudyOptions } from '../core/study-options'
import type { RecallDatabase } from './database'
import { Queue, queueForState, type CardRecord } from './records'

type Limits = Pick<StudyOptions, 'newCardsPerDay' | 'reviewsPerDay'>

export async function studiedToday(db: RecallDatabase, deckId: string, day: StudyDay): Promise<StudiedToday> {
  const logs = await db.reviews.where('[deckId+review]').between([deckId, day.start], [deckId, day.end], true, false).toArray()
  return tallyStudiedToday(logs.map((log) => log.state))
}

const dueBefore = (db: RecallDatabase, deckId: string, queue: number, end: number) =>
  db.cards.where('[deckId+queue+due]').between([deckId, queue, Dexie.minKey], [deckId, queue, end], true, false)

const newInOrder = (db: RecallDatabase, deckId: string) =>
  db.cards.where('[deckId+queue+ord]').between([deckId, Queue.New, Dexie.minKey], [deckId, Queue.New, Dexie.maxKey])

const toEntry = (card: CardRecord): QueueEntry => ({ id: card.id, due: card.due, ord: card.ord })

/** Today's queue of a deck, read through indexes and cut to what the day's limits leave. */
export async function loadTodayQueue(db: RecallDatabase, deckId: string, day: StudyDay, limits: Limits): Promise<TodayQueue> {
  return db.transaction('r', db.cards, db.reviews, async () => {
    const allowance = allowanceFor(limits, await studiedToday(db, deckId, day))
    const [learning, review, fresh] = await Promise.all([
      dueBefore(db, deckId, Queue.Learning, day.end).toArray(),
      dueBefore(db, deckId, Queue.Review, day.end).limit(allowance.reviews).toArray(),
      newInOrder(db, deckId).limit(allowance.newCards).toArray()
    ])
    return { learning: learning.map(toEntry), review: review.map(toEntry), fresh: fresh.map(toEntry) }
  })
}

/** The deck list's numbers for today, counted without loading cards. */
export async function countToday(db: RecallDatabase, deckId: string, day: StudyDay, limits: Limits): Promise<QueueCounts> {
  return db.transaction('r', db.cards, db.reviews, async () => {
    const allowance = allowanceFor(limits, await studiedToday(db, deckId, day))
    const [learning, review, fresh] = await Promise.all([
      dueBefore(db, deckId, Queue.Learning, day.end).count(),
      dueBefore(db, deckId, Queue.Review, day.end).count(),
      newInOrder(db, deckId).count()
    ])
    return { learning, review: Math.min(review, allowance.reviews), fresh: Math.min(fresh, allowance.newCards) }
  })
}

export function getCard(db: RecallDatabase, id: string): Promise<CardRecord | undefined> {
  return db.cards.get(id)
}

/**
 * Stores a grade: the card's new state and its review log, in one transaction, so that either
 * both are saved or neither is. Resolves only once the write is committed.
 */
export async function recordReview(db: RecallDatabase, card: CardRecord, outcome: GradeOutcome, duration: number): Promise<CardRecord> {
  const updated: CardRecord = { ...card, ...outcome.next, queue: queueForState(outcome.next.state) }
  if (outcome.next.last_review === undefined) delete updated.last_review
  await db.transaction('rw', db.cards, db.reviews, async () => {
    await db.cards.put(updated)
    await db.reviews.add({ ...outcome.log, cardKey: card.id, deckId: card.deckId, duration: Math.max(0, Math.round(duration)) })
  })
  return updated
}

export function reviewsOfCard(db: RecallDatabase, cardKey: string) {
  return db.reviews.where('cardKey').equals(cardKey).sortBy('review')
}
