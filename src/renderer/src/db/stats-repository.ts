import Dexie from 'dexie'
import { default_w } from 'ts-fsrs'
import { studyDayOf } from '../core/day'
import type { Accumulator } from '../core/stats/accumulator'
import { buildAnswerButtons, createAnswerButtonsAccumulator, type ButtonGroupSeries } from '../core/stats/answer-buttons'
import { buildCardCountSlices, createCardCountsAccumulator, type CardCountSlice, type CardKindCounts } from '../core/stats/card-counts'
import { buildMemoryHistograms, createMemoryDistributionsAccumulator, type MemoryDistributions, type MemoryHistograms } from '../core/stats/card-distributions'
import { buildDueForecast, createDueForecastAccumulator, type DueForecast } from '../core/stats/due-forecast'
import { buildRetentionByMonth, buildRetentionTable, type RetentionMonth, type RetentionPeriod, type RetentionRow } from '../core/stats/retention-table'
import { buildReviewCalendar, createReviewDaysAccumulator, type ReviewCalendar } from '../core/stats/review-calendar'
import { buildStreaks, type Streaks } from '../core/stats/streaks'
import { studyDaysBack } from '../core/stats/study-days'
import { buildTodaySummary, createTodayAccumulator, type TodaySummary } from '../core/stats/today'
import { addRetentionCounts, createTrueRetentionAccumulator, type RetentionCounts, type RetentionDays } from '../core/stats/true-retention'
import type { RecallDatabase } from './database'
import { optionsForDeck } from './options-repository'
import { Queue, type CardRecord, type ReviewRecord } from './records'

/** The decks a statistic covers: some decks, or the whole collection. */
export type StatsScope = 'all' | { deckIds: readonly string[] }

/** The answer-button chart covers the last month, as Anki's default does. */
export const ANSWER_BUTTON_DAYS = 30

/**
 * Streams review logs in [from, to) through a time index: the `review` index for the collection
 * (one cursor, in time order), `[deckId+review]` per deck (time order within each deck).
 */
function eachReview(db: RecallDatabase, scope: StatsScope, from: number, to: number, visit: (log: ReviewRecord) => void): Promise<void> {
  return db.transaction('r', db.reviews, async () => {
    if (scope === 'all') return void (await db.reviews.where('review').between(from, to, true, false).each(visit))
    for (const deckId of scope.deckIds) await db.reviews.where('[deckId+review]').between([deckId, from], [deckId, to], true, false).each(visit)
  })
}

/** Streams the cards of the scope: the whole table, or each deck through the `deckId` index. */
function eachCard(db: RecallDatabase, scope: StatsScope, visit: (card: CardRecord) => void): Promise<void> {
  return db.transaction('r', db.cards, async () => {
    if (scope === 'all') return void (await db.cards.each(visit))
    for (const deckId of scope.deckIds) await db.cards.where('deckId').equals(deckId).each(visit)
  })
}

/** Only the cards a forecast can count: the learning, review and buried queues of each deck. */
function eachScheduledCard(db: RecallDatabase, scope: StatsScope, visit: (card: CardRecord) => void): Promise<void> {
  if (scope === 'all') return eachCard(db, scope, visit)
  return db.transaction('r', db.cards, async () => {
    for (const deckId of scope.deckIds) {
      for (const queue of [Queue.Learning, Queue.Review, Queue.Buried]) {
        await db.cards.where('[deckId+queue+due]').between([deckId, queue, Dexie.minKey], [deckId, queue, Dexie.maxKey]).each(visit)
      }
    }
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

function mergeRetentionDays(parts: RetentionDays[]): RetentionDays {
  const days = new Map<number, RetentionCounts>()
  for (const part of parts) {
    for (const [start, counts] of part.days) {
      const into = days.get(start)
      days.set(start, into ? addRetentionCounts(into, counts) : { ...counts })
    }
  }
  return { dayStartsAtHour: parts[0]!.dayStartsAtHour, days }
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

// Each chart family: its accumulator and its build step, shared by the one-chart loaders below
// and by `loadStatistics`, which feeds them all from one pass over each table.

const reviewFamilies = (now: number, dayStartsAtHour: number) => {
  const today = createTodayAccumulator({ now, dayStartsAtHour })
  const calendar = createReviewDaysAccumulator({ dayStartsAtHour })
  const retention = perDeck<ReviewRecord, RetentionDays>(() => createTrueRetentionAccumulator({ dayStartsAtHour }), mergeRetentionDays)
  const buttons = createAnswerButtonsAccumulator({ now, dayStartsAtHour, days: ANSWER_BUTTON_DAYS })
  return {
    today: { acc: today, build: () => buildTodaySummary(today.result()) },
    calendar: { acc: calendar, build: () => ({ calendar: buildReviewCalendar(calendar.result(), now), streaks: buildStreaks(calendar.result(), now) }) },
    retention: {
      acc: retention,
      build: () => {
        const days = retention.result()
        return { table: buildRetentionTable(days, now), months: buildRetentionByMonth(days) }
      }
    },
    buttons: { acc: buttons, build: () => buildAnswerButtons(buttons.result()) }
  }
}

export interface CardCountsView {
  total: { slices: CardCountSlice[]; total: number }
  byDeck: Array<{ deckId: string; counts: CardKindCounts; total: number }>
}

const cardFamilies = (now: number, dayStartsAtHour: number, weights: Map<string, readonly number[]>) => {
  const counts = createCardCountsAccumulator({ now })
  const memory = perDeck<CardRecord, MemoryDistributions>(
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
  const { today } = reviewFamilies(now, dayStartsAtHour)
  const day = studyDayOf(now, dayStartsAtHour)
  await eachReview(db, scope, day.start, day.end, (log) => today.acc.add(log))
  return today.build()
}

/** The heatmap of the past year and the streaks; the longest streak needs the whole history. */
export async function loadReviewCalendar(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<{ calendar: ReviewCalendar; streaks: Streaks }> {
  const { calendar } = reviewFamilies(now, dayStartsAtHour)
  await eachReview(db, scope, -Infinity, Infinity, (log) => calendar.acc.add(log))
  return calendar.build()
}

export interface RetentionView {
  table: Record<RetentionPeriod, RetentionRow>
  months: RetentionMonth[]
}

export async function loadTrueRetention(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<RetentionView> {
  const { retention } = reviewFamilies(now, dayStartsAtHour)
  await eachReview(db, scope, -Infinity, Infinity, (log) => retention.acc.add(log))
  return retention.build()
}

export async function loadAnswerButtons(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<ButtonGroupSeries[]> {
  const { buttons } = reviewFamilies(now, dayStartsAtHour)
  const from = studyDaysBack(now, ANSWER_BUTTON_DAYS, dayStartsAtHour)[0]!.start
  await eachReview(db, scope, from, studyDayOf(now, dayStartsAtHour).end, (log) => buttons.acc.add(log))
  return buttons.build()
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

/** Every chart of the statistics screen from one pass over the review log and one over the cards. */
export async function loadStatistics(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<StatsSnapshot> {
  const reviews = reviewFamilies(now, dayStartsAtHour)
  const cards = cardFamilies(now, dayStartsAtHour, await weightsOfDecks(db, scope))
  await eachReview(db, scope, -Infinity, Infinity, (log) => {
    reviews.today.acc.add(log)
    reviews.calendar.acc.add(log)
    reviews.retention.acc.add(log)
    reviews.buttons.acc.add(log)
  })
  await eachCard(db, scope, (card) => {
    cards.counts.acc.add(card)
    cards.memory.acc.add(card)
    cards.forecast30.acc.add(card)
    cards.forecast90.acc.add(card)
  })
  return {
    today: reviews.today.build(),
    ...reviews.calendar.build(),
    retention: reviews.retention.build(),
    buttons: reviews.buttons.build(),
    counts: cards.counts.build(),
    memory: cards.memory.build(),
    forecast: { 30: cards.forecast30.build(), 90: cards.forecast90.build() }
  }
}
