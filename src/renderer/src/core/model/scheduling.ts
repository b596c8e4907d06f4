import type { ReviewLog, State } from 'ts-fsrs'

/**
 * A card's FSRS state as stored: the fields of a ts-fsrs `Card`, with dates as epoch
 * milliseconds so that they can be indexed and compared without allocation.
 */
export interface SchedulingState {
  due: number
  stability: number
  difficulty: number
  elapsed_days: number
  scheduled_days: number
  learning_steps: number
  reps: number
  lapses: number
  state: State
  last_review?: number
}

/** A ts-fsrs review log as stored, with dates as epoch milliseconds. */
export interface StoredReviewLog extends Omit<ReviewLog, 'due' | 'review'> {
  due: number
  review: number
}
