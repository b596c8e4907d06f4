import type { ReviewDayRecord, ReviewRecord } from '@core/model'
import type { Accumulator } from '@core/stats/accumulator'
import { BUTTON_GROUPS, buttonGroupOf, type AnswerButtons } from '@core/stats/answer-buttons'
import type { ReviewDays } from '@core/stats/review-calendar'
import type { TodayCounts } from '@core/stats/today'
import { addRetentionCounts, emptyRetentionCounts, type RetentionCounts, type RetentionDays } from '@core/stats/true-retention'
import { createStudyDayLookup } from '@core/time/study-day'
import { Rating, type Grade } from 'ts-fsrs'

/**
 * The review charts' counts per deck and study day (the `reviewDays` rollup), and the sums the
 * chart builders take from those rows. A log is classified as the log-scan accumulators do it:
 * Manual rows are not study, `buttonGroupOf` says learning, young or mature, a grade above Again
 * passed; true retention takes each card's first review-state grade of the study day.
 */

export type RollupReview = Pick<ReviewRecord, 'deckId' | 'cardKey' | 'review' | 'rating' | 'state' | 'scheduled_days' | 'duration'>

export interface DeckDay {
  deckId: string
  /** First millisecond of the study day. */
  day: number
}

export interface ReviewDayRows {
  rows: ReviewDayRecord[]
  /**
   * Deck-days whose distinct cards and true retention may be wrong: a card's grade arrived after
   * one of a later day. Count them again from that deck-day's logs in time order.
   */
  late: DeckDay[]
}

function emptyReviewDay(deckId: string, day: number): ReviewDayRecord {
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
 * deck has no row to go in (a row's key holds its deck). Neither may stop the statistics opening.
 */
export const placed = (log: Pick<ReviewRecord, 'review' | 'deckId'>): boolean =>
  Number.isFinite(log.review) && typeof log.deckId === 'string'

/** Study: any placed grade but a Manual row. */
export const countable = (log: Pick<ReviewRecord, 'rating' | 'review' | 'deckId'>): boolean => log.rating !== Rating.Manual && placed(log)

/** A card on the last study day it was graded: its first review-state grade of that day, if any yet. */
interface CardDay {
  day: number
  first?: { review: number; passed: boolean; mature: boolean }
}

/**
 * Rows from logs in any order, holding one entry per card (distinct cards and true retention are
 * per card and day): logs of one card nearly always come in time order (a card is graded after
 * its previous grade), and when they do not, the deck-day is reported as `late` rather than held
 * in memory. Fed one deck-day's logs (any order), or several deck-days each in time order,
 * nothing is late. Call `result` once.
 */
export function createReviewDayRowsAccumulator(params: { dayStartsAtHour: number }): Accumulator<RollupReview, ReviewDayRows> {
  const dayOf = createStudyDayLookup(params.dayStartsAtHour)
  const rows = new Map<string, Map<number, ReviewDayRecord>>()
  const cardDays = new Map<string, Map<string, CardDay>>()
  const late = new Map<string, Set<number>>()

  const rowOf = (deckId: string, day: number): ReviewDayRecord => {
    let days = rows.get(deckId)
    if (!days) rows.set(deckId, (days = new Map<number, ReviewDayRecord>()))
    let row = days.get(day)
    if (!row) days.set(day, (row = emptyReviewDay(deckId, day)))
    return row
  }
  const tally = (deckId: string, { day, first }: CardDay) => {
    if (!first) return
    const row = rowOf(deckId, day)
    if (first.mature && first.passed) row.maturePassed++
    else if (first.mature) row.matureFailed++
    else if (first.passed) row.youngPassed++
    else row.youngFailed++
  }
  const markLate = (deckId: string, day: number) => {
    let days = late.get(deckId)
    if (!days) late.set(deckId, (days = new Set()))
    days.add(day)
  }

  return {
    add(log) {
      if (!countable(log)) return
      const day = dayOf(log.review).start
      const row = rowOf(log.deckId, day)
      const group = buttonGroupOf(log)
      row.grades++
      row.timeMs += log.duration
      row[group][(log.rating as Grade) - 1]!++
      let cards = cardDays.get(log.deckId)
      if (!cards) cardDays.set(log.deckId, (cards = new Map<string, CardDay>()))
      let card = cards.get(log.cardKey)
      if (card && day < card.day) return markLate(log.deckId, day)
      if (!card || day > card.day) {
        if (card) tally(log.deckId, card)
        cards.set(log.cardKey, (card = { day }))
        row.cards++
      }
      // The earliest review-state grade of the day counts; at equal times the one fed first, as in the log scan.
      if (group !== 'learning' && (!card.first || log.review < card.first.review)) {
        card.first = { review: log.review, passed: log.rating > Rating.Again, mature: group === 'mature' }
      }
    },
    result() {
      for (const [deckId, cards] of cardDays) for (const card of cards.values()) tally(deckId, card)
      cardDays.clear()
      return {
        rows: [...rows.values()].flatMap((days) => [...days.values()]),
        late: [...late].flatMap(([deckId, days]) => [...days].map((day) => ({ deckId, day })))
      }
    }
  }
}

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
