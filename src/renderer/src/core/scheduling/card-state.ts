import type { SchedulingState, StoredReviewLog } from '@core/model'
import type { StudyClock } from '@core/time/study-clock'
import { DAY_MS } from '@shared/durations'
import { createEmptyCard, type Card, type ReviewLog } from 'ts-fsrs'

/**
 * Conversions between the stored scheduling state (real epoch milliseconds) and ts-fsrs's cards and
 * logs (Dates on the study-day clock, `core/time/study-clock.ts`). Only `core/scheduling` converts.
 */

export function newSchedulingState(now: number): SchedulingState {
  const card = createEmptyCard(new Date(now))
  return {
    due: now,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state
  }
}

export function toFsrsCard(s: SchedulingState, clock: StudyClock): Card {
  return {
    due: new Date(clock.toClock(s.due)),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsed_days,
    scheduled_days: s.scheduled_days,
    learning_steps: s.learning_steps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    ...(s.last_review !== undefined ? { last_review: new Date(clock.toClock(s.last_review)) } : {})
  }
}

/**
 * A ts-fsrs card back in real time, after a grade at the real time `now`. A delay shorter than a
 * day (a learning step) is kept in real minutes; a due day is the same moment of the study day it
 * falls on, whatever the length of the days between.
 */
export function fromFsrsCard(card: Card, clock: StudyClock, now: number): SchedulingState {
  const at = clock.toClock(now)
  const last = card.last_review?.getTime()
  const lastReal = last === undefined ? undefined : last === at ? now : clock.fromClock(last)
  const due = card.due.getTime()
  return {
    due: last !== undefined && lastReal !== undefined && due - last < DAY_MS ? lastReal + (due - last) : clock.fromClock(due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(lastReal !== undefined ? { last_review: lastReal } : {})
  }
}

/** A ts-fsrs log in real time: the card's due before the grade, and the moment of the grade. */
export function fromFsrsLog(log: ReviewLog, before: SchedulingState, now: number): StoredReviewLog {
  return { ...log, due: before.due, review: now }
}
