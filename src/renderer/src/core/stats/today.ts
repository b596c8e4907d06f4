import { Rating } from 'ts-fsrs'
import type { ReviewRecord } from '../../db/records'
import { studyDayOf } from '../day'
import type { Accumulator } from './accumulator'

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

/**
 * Today's study, from the logs of the study day containing `now`. Feed it that day's logs
 * (index `[deckId+review]` or `review` between the day's bounds); others are ignored.
 */
export function createTodayAccumulator(params: { now: number; dayStartsAtHour: number }): Accumulator<TodayReview, TodayCounts> {
  const day = studyDayOf(params.now, params.dayStartsAtHour)
  // Bounded by one day's grades: a few hundred keys.
  const cards = new Set<string>()
  const counts: TodayCounts = { reviews: 0, cards: 0, timeMs: 0, again: 0 }
  return {
    add(log) {
      if (log.rating === Rating.Manual || log.review < day.start || log.review >= day.end) return
      counts.reviews++
      counts.timeMs += log.duration
      if (log.rating === Rating.Again) counts.again++
      cards.add(log.cardKey)
    },
    result: () => ({ ...counts, cards: cards.size })
  }
}

export function buildTodaySummary(counts: TodayCounts): TodaySummary {
  const some = counts.reviews > 0
  return {
    ...counts,
    againRate: some ? counts.again / counts.reviews : null,
    msPerReview: some ? counts.timeMs / counts.reviews : null
  }
}
