import type { ReviewDayRecord, ReviewRecord } from '@core/model'
import { BUTTON_GROUPS, type AnswerButtons } from '@core/stats/answer-buttons'
import type { ReviewDays } from '@core/stats/review-calendar'
import type { TodayCounts } from '@core/stats/today'
import { addRetentionCounts, emptyRetentionCounts, type RetentionCounts, type RetentionDays } from '@core/stats/true-retention'
import { Rating } from 'ts-fsrs'

/**
 * The review charts' counts per deck and study day (the `reviewDays` rollup, summed from the
 * quarter-hour slots of review-slots.ts), and the sums the chart builders take from those rows.
 * A log is classified as the log-scan accumulators do it: Manual rows are not study,
 * `buttonGroupOf` says learning, young or mature, a grade above Again passed; true retention
 * takes each card's first review-state grade of the study day.
 */

export type RollupReview = Pick<ReviewRecord, 'deckId' | 'cardKey' | 'review' | 'rating' | 'state' | 'scheduled_days' | 'duration'>

export function emptyReviewDay(deckId: string, day: number): ReviewDayRecord {
  return {
    deckId,
    day,
    grades: 0,
    cards: 0,
    timeMs: 0,
    ...emptyRetentionCounts(),
    learning: [0, 0, 0, 0],
    young: [0, 0, 0, 0],
    mature: [0, 0, 0, 0]
  }
}

/**
 * A damaged log without a time was never in the time indexes the log scan read; one without a
 * deck has no row to go in (a row's key holds its deck); one without a card key cannot be found
 * with its card's other grades. None of them may stop the statistics opening.
 */
const placed = (log: Pick<ReviewRecord, 'review' | 'deckId' | 'cardKey'>): boolean =>
  Number.isFinite(log.review) && typeof log.deckId === 'string' && typeof log.cardKey === 'string'

/** Study: any placed grade but a Manual row. */
export const countable = (log: Pick<ReviewRecord, 'rating' | 'review' | 'deckId' | 'cardKey'>): boolean =>
  log.rating !== Rating.Manual && placed(log)

// The sums the chart builders take, from rows of any decks.

/** Grades per study day, as the plain log scan counts them (tests/unit/helpers/log-scan-stats.ts). */
export function reviewDaysOfRows(rows: Iterable<ReviewDayRecord>, dayStartsAtHour: number): ReviewDays {
  const counts = new Map<number, number>()
  for (const row of rows) if (row.grades > 0) counts.set(row.day, (counts.get(row.day) ?? 0) + row.grades)
  return { dayStartsAtHour, counts }
}

/** True-retention counts per study day, as the plain log scan counts them: only days with some. */
export function retentionDaysOfRows(rows: Iterable<ReviewDayRecord>, dayStartsAtHour: number): RetentionDays {
  const days = new Map<number, RetentionCounts>()
  for (const row of rows) {
    if (row.youngPassed + row.youngFailed + row.maturePassed + row.matureFailed === 0) continue
    const into = days.get(row.day)
    if (into) addRetentionCounts(into, row)
    else days.set(row.day, addRetentionCounts(emptyRetentionCounts(), row))
  }
  return { dayStartsAtHour, days }
}

/** Today's study, as the plain log scan counts it, from the rows of the study day starting at `day`. */
export function todayOfRows(rows: Iterable<ReviewDayRecord>, day: number): TodayCounts {
  const counts: TodayCounts = { reviews: 0, cards: 0, timeMs: 0, again: 0 }
  for (const row of rows) {
    if (row.day !== day) continue
    counts.reviews += row.grades
    counts.cards += row.cards
    counts.timeMs += row.timeMs
    counts.again += row.learning[0] + row.young[0] + row.mature[0]
  }
  return counts
}

/** Answer-button presses of the study days starting in [from, to). */
export function answerButtonsOfRows(rows: Iterable<ReviewDayRecord>, from: number, to: number): AnswerButtons {
  const counts: AnswerButtons = { learning: [0, 0, 0, 0], young: [0, 0, 0, 0], mature: [0, 0, 0, 0] }
  for (const row of rows) {
    if (row.day < from || row.day >= to) continue
    for (const group of BUTTON_GROUPS) for (let i = 0; i < 4; i++) counts[group][i]! += row[group][i]!
  }
  return counts
}
