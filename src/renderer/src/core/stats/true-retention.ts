import type { ReviewRecord } from '@core/model'

export type RetentionReview = Pick<ReviewRecord, 'cardKey' | 'review' | 'rating' | 'state' | 'scheduled_days'>

/** Anki's threshold: a card whose last interval was 21 days or more is mature. */
export const MATURE_INTERVAL_DAYS = 21

export interface RetentionCounts {
  youngPassed: number
  youngFailed: number
  maturePassed: number
  matureFailed: number
}

export interface RetentionDays {
  dayStartsAtHour: number
  /** Counts per study day, keyed by the day's first millisecond. */
  days: Map<number, RetentionCounts>
}

export const emptyRetentionCounts = (): RetentionCounts => ({ youngPassed: 0, youngFailed: 0, maturePassed: 0, matureFailed: 0 })

export function addRetentionCounts(into: RetentionCounts, from: RetentionCounts): RetentionCounts {
  into.youngPassed += from.youngPassed
  into.youngFailed += from.youngFailed
  into.maturePassed += from.maturePassed
  into.matureFailed += from.matureFailed
  return into
}
