import type { StoredReviewLog } from './scheduling'

export interface ReviewRecord extends StoredReviewLog {
  id?: number
  cardKey: string
  deckId: string
  /** Milliseconds from showing the question to the grade. */
  duration: number
  /** For Manual rows (rating 0): what the user did to the card. */
  manual?: 'reset' | 'reschedule'
}

/**
 * One deck's study on one study day, as the review charts count it (a derived table, rebuilt from
 * the review log when missing; see db/review-days.ts). Manual rows (resets, reschedules) are not counted.
 */
export interface ReviewDayRecord {
  deckId: string
  /** First millisecond of the study day, under the rule in the `reviewDays` bookkeeping row. */
  day: number
  /** Grades given. */
  grades: number
  /** Distinct cards graded (today's figures need it, and a card is in one deck). */
  cards: number
  /** Sum of the grades' durations, ms. */
  timeMs: number
  /** True retention: each card's first review-state grade of the day. */
  youngPassed: number
  youngFailed: number
  maturePassed: number
  matureFailed: number
  /** Answer buttons: Again, Hard, Good, Easy presses for learning, young and mature cards. */
  learning: [number, number, number, number]
  young: [number, number, number, number]
  mature: [number, number, number, number]
}
