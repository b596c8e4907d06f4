import type { SchedulingState, StoredReviewLog } from '@core/model'
import { createEmptyCard, type Card, type ReviewLog } from 'ts-fsrs'

/** Conversions between the stored scheduling state (epoch milliseconds) and ts-fsrs's cards and logs (Dates). */

export function newSchedulingState(now: number): SchedulingState {
  return fromFsrsCard(createEmptyCard(new Date(now)))
}

export function toFsrsCard(s: SchedulingState): Card {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsed_days,
    scheduled_days: s.scheduled_days,
    learning_steps: s.learning_steps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    ...(s.last_review !== undefined ? { last_review: new Date(s.last_review) } : {})
  }
}

export function fromFsrsCard(card: Card): SchedulingState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { last_review: card.last_review.getTime() } : {})
  }
}

export function fromFsrsLog(log: ReviewLog): StoredReviewLog {
  return { ...log, due: log.due.getTime(), review: log.review.getTime() }
}
