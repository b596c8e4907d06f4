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
 * One deck's study on one study day, as the review charts count it (a derived table summed from the
 * `reviewSlots` rows under the current day-start hour and time zone; see db/review-rollup.ts).
 * Manual rows (resets, reschedules) are not counted.
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

/**
 * One deck's grades on one UTC day, by quarter hour (a derived table; see core/stats/review-slots.ts
 * for what the entries hold). Any study day, under any day-start hour and any time zone whose
 * offset is a whole number of quarter hours, is a sum of these quarter hours.
 */
export interface ReviewSlotsRecord {
  deckId: string
  /** First millisecond of the UTC day. */
  day: number
  /** Entry keys, ascending: quarter hour, answer button and the gaps that say whether a grade was a card's first of its day. */
  keys: Uint32Array
  /** Each key's count (grades), or for a quarter hour's time entry the milliseconds spent. */
  values: Float64Array
}
