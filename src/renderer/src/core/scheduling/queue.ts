import type { StudyOrder } from '@core/model'
import { MINUTE_MS } from '@shared/durations'
import { State } from 'ts-fsrs'

/**
 * Today's queue for one deck: what is left to study, in the order it will be shown. Built once
 * per session from indexed queries, then updated in memory after each grade, so showing the next
 * card never waits for the database.
 */
export interface QueueEntry {
  id: string
  due: number
  ord: number
}

export interface TodayQueue {
  /** Learning and relearning cards due before the day ends, by due time. */
  learning: QueueEntry[]
  /** Review cards due today, by due time, cut to the day's review limit. */
  review: QueueEntry[]
  /** New cards in deck order, cut to the day's new-card limit. */
  fresh: QueueEntry[]
}

export type NextStep = { kind: 'card'; id: string; from: keyof TodayQueue } | { kind: 'wait'; until: number } | { kind: 'done' }

/** Anki's learn-ahead limit: with nothing else left, a learning card due this soon is shown now. */
export const LEARN_AHEAD_MS = 20 * MINUTE_MS

/**
 * What to show next. Cards in `avoid` (the card just answered; in practice, the last few) are not
 * shown while any other card could be: another due learning card, a review, a new card or a
 * learning card within the learn-ahead limit. When none could, the one answered longest ago is let
 * back first, and a card left alone comes back as before: when due, or within learn-ahead.
 */
export function pickNext(
  queue: TodayQueue,
  now: number,
  order: StudyOrder = 'reviews-first',
  avoid: readonly string[] = [],
  learnAheadMs = LEARN_AHEAD_MS
): NextStep {
  const shown = (e: QueueEntry) => !avoid.includes(e.id)
  const learning = queue.learning.find(shown)
  if (learning && learning.due <= now) return { kind: 'card', id: learning.id, from: 'learning' }
  const review = queue.review.find(shown)
  const fresh = queue.fresh.find(shown)
  if (fresh && (order === 'new-first' || !review)) return { kind: 'card', id: fresh.id, from: 'fresh' }
  if (review) return { kind: 'card', id: review.id, from: 'review' }
  if (learning && learning.due <= now + learnAheadMs) return { kind: 'card', id: learning.id, from: 'learning' }
  if (avoid.length > 0) return pickNext(queue, now, order, avoid.slice(1), learnAheadMs)
  if (learning) return { kind: 'wait', until: learning.due }
  return { kind: 'done' }
}

/**
 * The queue after a card was graded: the card leaves its list and, if it is still (re)learning
 * and due before the day ends, comes back into the learning list at its new due time.
 */
export function afterGrade(queue: TodayQueue, id: string, next: { due: number; state: State }, ord: number, dayEnd: number): TodayQueue {
  const without = (list: QueueEntry[]) => (list.some((e) => e.id === id) ? list.filter((e) => e.id !== id) : list)
  const learning = without(queue.learning)
  const stillLearning = next.state === State.Learning || next.state === State.Relearning
  return {
    learning: stillLearning && next.due < dayEnd ? insertByDue(learning, { id, due: next.due, ord }) : learning,
    review: without(queue.review),
    fresh: without(queue.fresh)
  }
}

/** The queue without these cards (siblings buried by a grade). */
export function withoutCards(queue: TodayQueue, ids: readonly string[]): TodayQueue {
  if (ids.length === 0) return queue
  const without = (list: QueueEntry[]) => list.filter((e) => !ids.includes(e.id))
  return { learning: without(queue.learning), review: without(queue.review), fresh: without(queue.fresh) }
}

function insertByDue(list: QueueEntry[], entry: QueueEntry): QueueEntry[] {
  let i = list.length
  while (i > 0 && list[i - 1]!.due > entry.due) i--
  return [...list.slice(0, i), entry, ...list.slice(i)]
}

export interface QueueCounts {
  fresh: number
  learning: number
  review: number
}

export function countQueue(queue: TodayQueue): QueueCounts {
  return { fresh: queue.fresh.length, learning: queue.learning.length, review: queue.review.length }
}
