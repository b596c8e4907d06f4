import { Rating, State } from 'ts-fsrs'
import type { ReviewRecord } from '../../db/records'
import type { Accumulator } from './accumulator'
import { createStudyDayLookup } from './study-days'

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

interface FirstReview {
  review: number
  passed: boolean
  mature: boolean
}

/**
 * Anki's true retention: of the cards that were in the review state, how many were remembered
 * (any grade above Again). Only each card's first review-state log of a study day counts: a
 * same-day repeat is not a fresh test of memory. Logs must come in time order across days, as
 * the `review` and `[deckId+review]` indexes give them (within a day any order works), so that
 * memory holds one day's cards at most.
 */
export function createTrueRetentionAccumulator(params: { dayStartsAtHour: number }): Accumulator<RetentionReview, RetentionDays> {
  const dayOf = createStudyDayLookup(params.dayStartsAtHour)
  const days = new Map<number, RetentionCounts>()
  let currentDay: number | undefined
  let firsts = new Map<string, FirstReview>()

  const tally = (firstOfDay: Map<string, FirstReview>): RetentionCounts => {
    const counts = emptyRetentionCounts()
    for (const { passed, mature } of firstOfDay.values()) {
      if (mature) passed ? counts.maturePassed++ : counts.matureFailed++
      else passed ? counts.youngPassed++ : counts.youngFailed++
    }
    return counts
  }

  return {
    add(log) {
      if (log.rating === Rating.Manual) return
      const day = dayOf(log.review).start
      if (currentDay === undefined || day > currentDay) {
        if (currentDay !== undefined && firsts.size > 0) days.set(currentDay, tally(firsts))
        currentDay = day
        firsts = new Map()
      } else if (day < currentDay) {
        throw new RangeError('True retention needs review logs in time order (read them through the review index)')
      }
      if (log.state !== State.Review) return
      const earlier = firsts.get(log.cardKey)
      if (earlier && earlier.review <= log.review) return
      firsts.set(log.cardKey, {
        review: log.review,
        passed: log.rating > Rating.Again,
        mature: log.scheduled_days >= MATURE_INTERVAL_DAYS
      })
    },
    result() {
      const all = new Map(days)
      if (currentDay !== undefined && firsts.size > 0) all.set(currentDay, tally(firsts))
      return { dayStartsAtHour: params.dayStartsAtHour, days: all }
    }
  }
}
