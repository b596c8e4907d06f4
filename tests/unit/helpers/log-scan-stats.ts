import type { Accumulator } from '@core/stats/accumulator'
import { buttonGroupOf, type AnswerButtons, type ButtonReview } from '@core/stats/answer-buttons'
import type { CalendarReview, ReviewDays } from '@core/stats/review-calendar'
import type { TodayCounts, TodayReview } from '@core/stats/today'
import {
  emptyRetentionCounts,
  MATURE_INTERVAL_DAYS,
  type RetentionCounts,
  type RetentionDays,
  type RetentionReview
} from '@core/stats/true-retention'
import { createStudyDayLookup, studyDayOf, studyDaysBack } from '@core/time/study-day'
import { Rating, State } from 'ts-fsrs'

/**
 * The review charts counted the plain way: every log fed through, one at a time, rules written
 * once per chart as Anki states them. The app reads the `reviewDays` rollup instead
 * (core/stats/review-day-rows.ts); these are the reference its figures must equal.
 */

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

/**
 * Answer-button presses over the last `days` study days up to today, or all time when `days` is
 * undefined. Feed it logs from the `review` / `[deckId+review]` index from the period's start.
 */
export function createAnswerButtonsAccumulator(params: {
  now: number
  dayStartsAtHour: number
  days?: number
}): Accumulator<ButtonReview, AnswerButtons> {
  const end = studyDayOf(params.now, params.dayStartsAtHour).end
  const start =
    params.days === undefined ? -Infinity : studyDaysBack(params.now, Math.max(1, params.days), params.dayStartsAtHour)[0]!.start
  const counts: AnswerButtons = { learning: [0, 0, 0, 0], young: [0, 0, 0, 0], mature: [0, 0, 0, 0] }
  return {
    add(log) {
      if (log.rating === Rating.Manual || log.review < start || log.review >= end) return
      counts[buttonGroupOf(log)][log.rating - 1]!++
    },
    result: () => counts
  }
}

/**
 * Gathers the whole history (for the longest streak) into per-day counts. Any order works;
 * through the `review` index the day lookup is nearly free.
 */
export function createReviewDaysAccumulator(params: { dayStartsAtHour: number }): Accumulator<CalendarReview, ReviewDays> {
  const dayOf = createStudyDayLookup(params.dayStartsAtHour)
  const counts = new Map<number, number>()
  return {
    add(log) {
      if (log.rating === Rating.Manual) return
      const start = dayOf(log.review).start
      counts.set(start, (counts.get(start) ?? 0) + 1)
    },
    result: () => ({ dayStartsAtHour: params.dayStartsAtHour, counts })
  }
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
      if (mature && passed) counts.maturePassed++
      else if (mature) counts.matureFailed++
      else if (passed) counts.youngPassed++
      else counts.youngFailed++
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
