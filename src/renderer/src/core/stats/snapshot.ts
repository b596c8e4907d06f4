import type { ReviewDayRecord, StatsCard } from '@core/model'
import type { Accumulator } from '@core/stats/accumulator'
import { buildAnswerButtons, type ButtonGroupSeries } from '@core/stats/answer-buttons'
import { buildCardCountSlices, createCardCountsAccumulator, type CardCountSlice, type CardKindCounts } from '@core/stats/card-counts'
import {
  buildMemoryHistograms,
  createMemoryDistributionsAccumulator,
  type MemoryDistributions,
  type MemoryHistograms
} from '@core/stats/card-distributions'
import { buildDueForecast, createDueForecastAccumulator, type DueForecast } from '@core/stats/due-forecast'
import { buildExamTaskStats, createExamTasksAccumulator, type ExamTaskStats } from '@core/stats/exam-tasks'
import {
  buildRetentionByMonth,
  buildRetentionTable,
  type RetentionMonth,
  type RetentionPeriod,
  type RetentionRow
} from '@core/stats/retention-table'
import { buildReviewCalendar, type ReviewCalendar } from '@core/stats/review-calendar'
import { answerButtonsOfRows, retentionDaysOfRows, reviewDaysOfRows, todayOfRows } from '@core/stats/review-day-rows'
import { buildStreaks, type Streaks } from '@core/stats/streaks'
import { buildTodaySummary, type TodaySummary } from '@core/stats/today'
import { studyDayOf, studyDaysBack } from '@core/time/study-day'
import { default_w } from 'ts-fsrs'

/**
 * The statistics screen's views, built from the per-day review rollup and one pass over the cards'
 * scheduling fields. Pure: db/stats-repository.ts reads the rows and cards and hands them here.
 */

/** The decks a statistic covers: some decks, or the whole collection. */
export type StatsScope = 'all' | { deckIds: readonly string[] }

/** The answer-button chart covers the last month, as Anki's default does. */
export const ANSWER_BUTTON_DAYS = 30

/**
 * One accumulator per deck, merged at the end. True retention needs logs in time order, which
 * holds within a deck on either index; memory figures need each deck's own FSRS weights.
 */
function perDeck<In extends { deckId: string }, Out>(
  make: (deckId: string) => Accumulator<In, Out>,
  merge: (parts: Out[]) => Out
): Accumulator<In, Out> {
  const parts = new Map<string, Accumulator<In, Out>>()
  return {
    add(record) {
      let part = parts.get(record.deckId)
      if (!part) parts.set(record.deckId, (part = make(record.deckId)))
      part.add(record)
    },
    result: () => (parts.size === 0 ? make('').result() : merge([...parts.values()].map((p) => p.result())))
  }
}

function mergeDistributions(parts: MemoryDistributions[]): MemoryDistributions {
  const [first, ...rest] = parts
  const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!)
  return rest.reduce(
    (acc, d) => ({
      cards: acc.cards + d.cards,
      stability: add(acc.stability, d.stability),
      difficulty: add(acc.difficulty, d.difficulty),
      retrievability: add(acc.retrievability, d.retrievability),
      sums: {
        stability: acc.sums.stability + d.sums.stability,
        difficulty: acc.sums.difficulty + d.sums.difficulty,
        retrievability: acc.sums.retrievability + d.sums.retrievability
      }
    }),
    first!
  )
}

export const todayOf = (rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): TodaySummary =>
  buildTodaySummary(todayOfRows(rows, studyDayOf(now, dayStartsAtHour).start))

export function calendarOf(rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): { calendar: ReviewCalendar; streaks: Streaks } {
  const days = reviewDaysOfRows(rows, dayStartsAtHour)
  return { calendar: buildReviewCalendar(days, now), streaks: buildStreaks(days, now) }
}

export function retentionOf(rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): RetentionView {
  const days = retentionDaysOfRows(rows, dayStartsAtHour)
  return { table: buildRetentionTable(days, now), months: buildRetentionByMonth(days) }
}

export function buttonsOf(rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): ButtonGroupSeries[] {
  const from = studyDaysBack(now, ANSWER_BUTTON_DAYS, dayStartsAtHour)[0]!.start
  return buildAnswerButtons(answerButtonsOfRows(rows, from, studyDayOf(now, dayStartsAtHour).end))
}

// Each card chart family: its accumulator and its build step, shared by the one-chart loaders
// below and by `loadCardFigures`, which feeds them all from one pass over the cards.

export interface CardCountsView {
  total: { slices: CardCountSlice[]; total: number }
  byDeck: Array<{ deckId: string; counts: CardKindCounts; total: number }>
}

export const cardFamilies = (now: number, dayStartsAtHour: number, weights: Map<string, readonly number[]>) => {
  const counts = createCardCountsAccumulator({ now })
  const memory = perDeck<StatsCard, MemoryDistributions>(
    (deckId) => createMemoryDistributionsAccumulator({ now, w: weights.get(deckId) ?? default_w }),
    mergeDistributions
  )
  const examTasks = createExamTasksAccumulator({ now, weights: (deckId) => weights.get(deckId) ?? default_w })
  const forecast30 = createDueForecastAccumulator({ now, dayStartsAtHour, days: 30 })
  const forecast90 = createDueForecastAccumulator({ now, dayStartsAtHour, days: 90 })
  return {
    counts: {
      acc: counts,
      build: (): CardCountsView => {
        const { total, byDeck } = counts.result()
        return {
          total: buildCardCountSlices(total),
          byDeck: [...byDeck.entries()].map(([deckId, c]) => ({ deckId, counts: c, total: buildCardCountSlices(c).total }))
        }
      }
    },
    memory: { acc: memory, build: () => buildMemoryHistograms(memory.result()) },
    examTasks: { acc: examTasks, build: () => buildExamTaskStats(examTasks.result()) },
    forecast30: { acc: forecast30, build: () => buildDueForecast(forecast30.result()) },
    forecast90: { acc: forecast90, build: () => buildDueForecast(forecast90.result()) }
  }
}

export interface RetentionView {
  table: Record<RetentionPeriod, RetentionRow>
  months: RetentionMonth[]
}

/** Where counting the review log into the rollup stands, after an upgrade (db/review-rollup-count.ts). */
export interface CountingProgress {
  /** Logs counted so far, and about how many there are. */
  counted: number
  estimate: number
}

/** The figures counted from the review rollup: quick to read, and the top of the screen. */
export interface ReviewFigures {
  /** Null when the review figures count every log; otherwise they count only part of it so far. */
  counting: CountingProgress | null
  today: TodaySummary
  calendar: ReviewCalendar
  streaks: Streaks
  retention: RetentionView
  buttons: ButtonGroupSeries[]
}

/** The figures counted from every card's scheduling fields. */
export interface CardFigures {
  counts: CardCountsView
  memory: MemoryHistograms
  forecast: Record<30 | 90, DueForecast>
  /** By exam guide, domain and task statement, for the guides the cards name. */
  exams: ExamTaskStats[]
}

export type StatsSnapshot = ReviewFigures & CardFigures
