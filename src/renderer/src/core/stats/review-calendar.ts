import type { ReviewRecord } from '@core/model'
import { studyDaysBack } from '@core/time/study-day'

export type CalendarReview = Pick<ReviewRecord, 'review' | 'rating'>

/** Grades per study day, keyed by the day's first millisecond: one entry per day ever studied. */
export interface ReviewDays {
  dayStartsAtHour: number
  counts: Map<number, number>
}

interface CalendarDay {
  start: number
  count: number
}

export interface ReviewCalendar {
  /** Oldest first; the last is today. */
  days: CalendarDay[]
  /** Grades in the period. */
  total: number
  /** Days in the period with at least one grade. */
  activeDays: number
  /** The busiest day's count, for the colour scale. */
  max: number
}

/** The heatmap of the `days` study days up to and including the one containing `now`. */
export function buildReviewCalendar(gathered: ReviewDays, now: number, days = 365): ReviewCalendar {
  const series = studyDaysBack(now, days, gathered.dayStartsAtHour).map((d) => ({
    start: d.start,
    count: gathered.counts.get(d.start) ?? 0
  }))
  let total = 0
  let activeDays = 0
  let max = 0
  for (const { count } of series) {
    total += count
    if (count > 0) activeDays++
    max = Math.max(max, count)
  }
  return { days: series, total, activeDays, max }
}
