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

/** Every field of a card's FSRS state, for code that copies or compares one state with another. */
export const SCHEDULING_FIELDS = [
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state',
  'last_review'
] as const satisfies ReadonlyArray<keyof SchedulingState>

/** A ts-fsrs review log as stored, with dates as epoch milliseconds. */
export interface StoredReviewLog extends Omit<ReviewLog, 'due' | 'review'> {
  due: number
  review: number
}
