import type { ReviewRecord } from '@core/model'

export type TodayReview = Pick<ReviewRecord, 'cardKey' | 'review' | 'rating' | 'duration'>

export interface TodayCounts {
  /** Grades given today (Manual rows such as resets are not study). */
  reviews: number
  /** Distinct cards graded today. */
  cards: number
  /** Sum of the grades' durations, in milliseconds. */
  timeMs: number
  again: number
}

export interface TodaySummary extends TodayCounts {
  /** Again grades / all grades, or null before the first grade of the day. */
  againRate: number | null
  /** Mean time per grade in milliseconds, or null before the first grade. */
  msPerReview: number | null
}

export function buildTodaySummary(counts: TodayCounts): TodaySummary {
  const some = counts.reviews > 0
  return {
    ...counts,
    againRate: some ? counts.again / counts.reviews : null,
    msPerReview: some ? counts.timeMs / counts.reviews : null
  }
}
