import { Queue, type ReviewDayRecord, type StatsCard } from '@core/model'
import type { ButtonGroupSeries } from '@core/stats/answer-buttons'
import type { MemoryHistograms } from '@core/stats/card-distributions'
import type { DueForecast } from '@core/stats/due-forecast'
import type { ReviewCalendar } from '@core/stats/review-calendar'
import {
  buttonsOf,
  calendarOf,
  cardFamilies,
  retentionOf,
  todayOf,
  type CardCountsView,
  type CardFigures,
  type RetentionView,
  type ReviewFigures,
  type StatsScope,
  type StatsSnapshot
} from '@core/stats/snapshot'
import type { Streaks } from '@core/stats/streaks'
import type { TodaySummary } from '@core/stats/today'
import { eachCardOfColumns, readAllCardColumns, readCardColumns } from '@db/card-columns'
import type { RecallDatabase } from '@db/database'
import { optionsForDeck } from '@db/options-repository'
import { readReviewDays } from '@db/review-rollup-count'
import { default_w } from 'ts-fsrs'

/**
 * Streams the scheduling fields of the scope's cards from the card columns (card-columns.ts),
 * never the cards themselves: deck by deck, each in key order, the whole collection's decks in
 * the order of their first key (as a walk over the table met them).
 */
async function eachCard(db: RecallDatabase, scope: StatsScope, visit: (card: StatsCard) => void): Promise<void> {
  for (const deck of await columnsOf(db, scope)) eachCardOfColumns(deck, visit)
}

const columnsOf = (db: RecallDatabase, scope: StatsScope) => (scope === 'all' ? readAllCardColumns(db) : readCardColumns(db, scope.deckIds))

/** Only the cards a forecast can count: the learning, review and buried queues. */
function eachScheduledCard(db: RecallDatabase, scope: StatsScope, visit: (card: StatsCard) => void): Promise<void> {
  return eachCard(db, scope, (card) => {
    if (card.queue === Queue.Learning || card.queue === Queue.Review || card.queue === Queue.Buried) visit(card)
  })
}

/**
 * Each deck's FSRS weights, from its preset (the defaults when it has none): in one readonly
 * transaction (a transaction per read was ~20 of them, each a round trip to the storage process,
 * 0.3-0.5 s in the worker at 10,000 cards under load).
 */
function weightsOfDecks(db: RecallDatabase, scope: StatsScope): Promise<Map<string, readonly number[]>> {
  return db.transaction('r', db.decks, db.presets, async () => {
    const deckIds = scope === 'all' ? await db.decks.toCollection().primaryKeys() : scope.deckIds
    const entries = await Promise.all(deckIds.map(async (id) => [id, (await optionsForDeck(db, id)).w ?? default_w] as const))
    return new Map(entries)
  })
}

// The review charts read the per-deck, per-day rollup (review-rollup.ts), kept current by every
// write: a few thousand rows instead of every review log.

async function reviewDayRows(db: RecallDatabase, scope: StatsScope, dayStartsAtHour: number): Promise<ReviewDayRecord[]> {
  return (await readReviewDays(db, scope, dayStartsAtHour)).rows
}

export async function loadTodayStats(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<TodaySummary> {
  return todayOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

/** The heatmap of the past year and the streaks; the longest streak needs the whole history. */
export async function loadReviewCalendar(
  db: RecallDatabase,
  scope: StatsScope,
  now: number,
  dayStartsAtHour: number
): Promise<{ calendar: ReviewCalendar; streaks: Streaks }> {
  return calendarOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

export async function loadTrueRetention(
  db: RecallDatabase,
  scope: StatsScope,
  now: number,
  dayStartsAtHour: number
): Promise<RetentionView> {
  return retentionOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

export async function loadAnswerButtons(
  db: RecallDatabase,
  scope: StatsScope,
  now: number,
  dayStartsAtHour: number
): Promise<ButtonGroupSeries[]> {
  return buttonsOf(await reviewDayRows(db, scope, dayStartsAtHour), now, dayStartsAtHour)
}

export async function loadDueForecast(
  db: RecallDatabase,
  scope: StatsScope,
  now: number,
  dayStartsAtHour: number,
  days: 30 | 90
): Promise<DueForecast> {
  const family = cardFamilies(now, dayStartsAtHour, new Map())[days === 30 ? 'forecast30' : 'forecast90']
  await eachScheduledCard(db, scope, (card) => family.acc.add(card))
  return family.build()
}

export async function loadCardCounts(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<CardCountsView> {
  const { counts } = cardFamilies(now, dayStartsAtHour, new Map())
  await eachCard(db, scope, (card) => counts.acc.add(card))
  return counts.build()
}

export async function loadMemoryDistributions(
  db: RecallDatabase,
  scope: StatsScope,
  now: number,
  dayStartsAtHour: number
): Promise<MemoryHistograms> {
  const { memory } = cardFamilies(now, dayStartsAtHour, await weightsOfDecks(db, scope))
  await eachCard(db, scope, (card) => memory.acc.add(card))
  return memory.build()
}

/** The review charts' figures, from the rollup's day rows alone: the top of the screen, shown first. */
export async function loadReviewFigures(
  db: RecallDatabase,
  scope: StatsScope,
  now: number,
  dayStartsAtHour: number
): Promise<ReviewFigures> {
  const { rows, counting } = await readReviewDays(db, scope, dayStartsAtHour)
  return {
    counting,
    today: todayOf(rows, now, dayStartsAtHour),
    ...calendarOf(rows, now, dayStartsAtHour),
    retention: retentionOf(rows, now, dayStartsAtHour),
    buttons: buttonsOf(rows, now, dayStartsAtHour)
  }
}

/** The card charts' figures, from one pass over the cards' columns. */
export async function loadCardFigures(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<CardFigures> {
  // The weights and the columns are read side by side (each a few rounds of storage requests).
  const [weights, columns] = await Promise.all([weightsOfDecks(db, scope), columnsOf(db, scope)])
  const cards = cardFamilies(now, dayStartsAtHour, weights)
  for (const deck of columns)
    eachCardOfColumns(deck, (card) => {
      cards.counts.acc.add(card)
      cards.memory.acc.add(card)
      cards.examTasks.acc.add(card)
      cards.forecast30.acc.add(card)
      cards.forecast90.acc.add(card)
    })
  return {
    counts: cards.counts.build(),
    memory: cards.memory.build(),
    forecast: { 30: cards.forecast30.build(), 90: cards.forecast90.build() },
    exams: cards.examTasks.build()
  }
}

/** Every chart of the statistics screen: the review charts from the rollup, the card charts from one pass over the cards. */
export async function loadStatistics(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<StatsSnapshot> {
  const [reviews, cards] = await Promise.all([
    loadReviewFigures(db, scope, now, dayStartsAtHour),
    loadCardFigures(db, scope, now, dayStartsAtHour)
  ])
  return { ...reviews, ...cards }
}
