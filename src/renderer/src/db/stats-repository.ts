import { default_w } from 'ts-fsrs'
import { studyDayOf } from '@core/day'
import type { Accumulator } from '@core/stats/accumulator'
import { buildAnswerButtons, type ButtonGroupSeries } from '@core/stats/answer-buttons'
import { buildCardCountSlices, createCardCountsAccumulator, type CardCountSlice, type CardKindCounts } from '@core/stats/card-counts'
import { buildMemoryHistograms, createMemoryDistributionsAccumulator, type MemoryDistributions, type MemoryHistograms } from '@core/stats/card-distributions'
import { buildDueForecast, createDueForecastAccumulator, type DueForecast } from '@core/stats/due-forecast'
import { buildRetentionByMonth, buildRetentionTable, type RetentionMonth, type RetentionPeriod, type RetentionRow } from '@core/stats/retention-table'
import { buildReviewCalendar, type ReviewCalendar } from '@core/stats/review-calendar'
import { answerButtonsOfRows, retentionDaysOfRows, reviewDaysOfRows, todayOfRows } from '@core/stats/review-day-rows'
import { buildStreaks, type Streaks } from '@core/stats/streaks'
import { studyDaysBack } from '@core/stats/study-days'
import { buildTodaySummary, type TodaySummary } from '@core/stats/today'
import { eachCardOfColumns, readAllCardColumns, readCardColumns, type StatsCard } from './card-columns'
import type { RecallDatabase } from './database'
import { optionsForDeck } from './options-repository'
import { Queue, type ReviewDayRecord } from './records'
import { readReviewDayRows, refreshReviewDays } from './review-days'

/** The decks a statistic covers: some decks, or the whole collection. */
export type StatsScope = 'all' | { deckIds: readonly string[] }

/** The answer-button chart covers the last month, as Anki's default does. */
export const ANSWER_BUTTON_DAYS = 30

/**
 * Streams the scheduling fields of the scope's cards from the card columns (card-columns.ts),
 * never the cards themselves: deck by deck, each in key order, the whole collection's decks in
 * the order of their first key (as a walk over the table met them).
 */
async function eachCard(db: RecallDatabase, scope: StatsScope, visit: (card: StatsCard) => void): Promise<void> {
  const columns = scope === 'all' ? await readAllCardColumns(db) : await readCardColumns(db, scope.deckIds)
  for (const deck of columns) eachCardOfColumns(deck, visit)
}

/** Only the cards a forecast can count: the learning, review and buried queues. */
function eachScheduledCard(db: RecallDatabase, scope: StatsScope, visit: (card: StatsCard) => void): Promise<void> {
  return eachCard(db, scope, (card) => {
    if (card.queue === Queue.Learning || card.queue === Queue.Review || card.queue === Queue.Buried) visit(card)
  })
}

/**
 * One accumulator per deck, merged at the end. True retention needs logs in time order, which
 * holds within a deck on either index; memory figures need each deck's own FSRS weights.
 */
function perDeck<In extends { deckId: string }, Out>(make: (deckId: string) => Accumulator<In, Out>, merge: (parts: Out[]) => Out): Accumulator<In, Out> {
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

/** Each deck's FSRS weights, from its preset (the defaults when it has none). */
async function weightsOfDecks(db: RecallDatabase, scope: StatsScope): Promise<Map<string, readonly number[]>> {
  const deckIds = scope === 'all' ? ((await db.decks.toCollection().primaryKeys()) as string[]) : scope.deckIds
  const entries = await Promise.all(deckIds.map(async (id) => [id, (await optionsForDeck(db, id)).w ?? default_w] as const))
  return new Map(entries)
}

// The review charts read the per-deck, per-day rollup (review-days.ts), brought up to date
// first: a few thousand rows instead of every review log.

async function reviewDayRows(db: RecallDatabase, scope: StatsScope, dayStartsAtHour: number): Promise<ReviewDayRecord[]> {
  await refreshReviewDays(db, dayStartsAtHour)
  return readReviewDayRows(db, scope)
}

const todayOf = (rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): TodaySummary =>
  buildTodaySummary(todayOfRows(rows, studyDayOf(now, dayStartsAtHour).start))

function calendarOf(rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): { calendar: ReviewCalendar; streaks: Streaks } {
  const days = reviewDaysOfRows(rows, dayStartsAtHour)
  return { calendar: buildReviewCalendar(days, now), streaks: buildStreaks(days, now) }
}

function retentionOf(rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): RetentionView {
  const days = retentionDaysOfRows(rows, dayStartsAtHour)
  return { table: buildRetentionTable(days, now), months: buildRetentionByMonth(days) }
}

function buttonsOf(rows: ReviewDayRecord[], now: number, dayStartsAtHour: number): ButtonGroupSeries[] {
  const from = studyDaysBack(now, ANSWER_BUTTON_DAYS, dayStartsAtHour)[0]!.start
  return buildAnswerButtons(answerButtonsOfRows(rows, from, studyDayOf(now, dayStartsAtHour).end))
}

// Each card chart family: its accumulator and its build step, shared by the one-chart loaders
// below and by `loadStatistics`, which feeds them all from one pass over the cards.

export interface CardCountsView {
  total: { slices: CardCountSlice[]; total: number }
  byDeck: Array<{ deckId: string; counts: CardKindCounts; total: number }>
}

const cardFamilies = (now: number, dayStartsAtHour: number, weights: Map<string, readonly number[]>) => {
  const counts = createCardCountsAccumulator({ now })
  const memory = perDeck<StatsCard, MemoryDistributions>(
    (deckId) => createMemoryDistributionsAccumulator({ now, w: weights.get(deckId) ?? default_w }),
    mergeDistributions
  )
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
    forecast30: { acc: forecast30, build: () => buildDueForecast(forecast30.result()) },
    forecast90: { acc: forecast90, build: () => buildDueForecast(forecast90.result()) }
  }
}

export async function loadTodayStats(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<TodaySummary> {
  return todayOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

/** The heatmap of the past year and the streaks; the longest streak needs the whole history. */
export async function loadReviewCalendar(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<{ calendar: ReviewCalendar; streaks: Streaks }> {
  return calendarOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

export interface RetentionView {
  table: Record<RetentionPeriod, RetentionRow>
  months: RetentionMonth[]
}

export async function loadTrueRetention(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<RetentionView> {
  return retentionOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

export async function loadAnswerButtons(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<ButtonGroupSeries[]> {
  return buttonsOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

export async function loadDueForecast(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number, days: 30 | 90): Promise<DueForecast> {
  const family = cardFamilies(now, dayStartsAtHour, new Map())[days === 30 ? 'forecast30' : 'forecast90']
  await eachScheduledCard(db, scope, (card) => family.acc.add(card))
  return family.build()
}

export async function loadCardCounts(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<CardCountsView> {
  const { counts } = cardFamilies(now, dayStartsAtHour, new Map())
  await eachCard(db, scope, (card) => counts.acc.add(card))
  return counts.build()
}

export async function loadMemoryDistributions(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<MemoryHistograms> {
  const { memory } = cardFamilies(now, dayStartsAtHour, await weightsOfDecks(db, scope))
  await eachCard(db, scope, (card) => memory.acc.add(card))
  return memory.build()
}

export interface StatsSnapshot {
  today: TodaySummary
  calendar: ReviewCalendar
  streaks: Streaks
  retention: RetentionView
  buttons: ButtonGroupSeries[]
  counts: CardCountsView
  memory: MemoryHistograms
  forecast: Record<30 | 90, DueForecast>
}

/** Every chart of the statistics screen: the review charts from the rollup, the card charts from one pass over the cards. */
export async function loadStatistics(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<StatsSnapshot> {
  const rows = await reviewDayRows(db, scope, dayStartsAtHour)
  const cards = cardFamilies(now, dayStartsAtHour, await weightsOfDecks(db, scope))
  await eachCard(db, scope, (card) => {
    cards.counts.acc.add(card)
    cards.memory.acc.add(card)
    cards.forecast30.acc.add(card)
    cards.forecast90.acc.add(card)
  })
  return {
    today: todayOf(rows, now, dayStartsAtHour),
    ...calendarOf(rows, now, dayStartsAtHour),
    retention: retentionOf(rows, now, dayStartsAtHour),
    buttons: buttonsOf(rows, now, dayStartsAtHour),
    counts: cards.counts.build(),
    memory: cards.memory.build(),
    forecast: { 30: cards.forecast30.build(), 90: cards.forecast90.build() }
  }
}
