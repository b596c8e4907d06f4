import { gather } from '@core/stats/accumulator'
import { buildAnswerButtons } from '@core/stats/answer-buttons'
import { buildCardCountSlices, createCardCountsAccumulator } from '@core/stats/card-counts'
import { buildMemoryHistograms, createMemoryDistributionsAccumulator } from '@core/stats/card-distributions'
import { buildDueForecast, createDueForecastAccumulator } from '@core/stats/due-forecast'
import { buildRetentionByMonth, buildRetentionTable } from '@core/stats/retention-table'
import { buildReviewCalendar } from '@core/stats/review-calendar'
import { buildStreaks } from '@core/stats/streaks'
import { buildTodaySummary } from '@core/stats/today'
import { default_w } from 'ts-fsrs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { type CardRecord, DEFAULT_STUDY_OPTIONS, type ReviewRecord } from '@core/model'
import { type StatsScope } from '@core/stats/snapshot'
import type { RecallDatabase } from '@db/database'
import { savePresetForDeck } from '@db/options-repository'
import {
  loadAnswerButtons,
  loadCardCounts,
  loadDueForecast,
  loadMemoryDistributions,
  loadReviewCalendar,
  loadStatistics,
  loadTodayStats,
  loadTrueRetention
} from '@db/stats-repository'
import { freshDatabase } from '../../helpers/fixtures'
import {
  createAnswerButtonsAccumulator,
  createReviewDaysAccumulator,
  createTodayAccumulator,
  createTrueRetentionAccumulator
} from '../../helpers/log-scan-stats'
import { local, useTimeZone } from '../../helpers/review-records'
import { generateCollection, storeCollection, type Collection } from './stats-collection'

useTimeZone('Europe/London', afterAll)
// fake-indexeddb walks a cursor far slower than Chromium: a few thousand logs take seconds.
vi.setConfig({ testTimeout: 30_000 })

const DECKS = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips']
// Sunday 29 March 2026, 2 pm: the clocks went forward that morning, so the year behind holds both changes.
const now = local(2026, 3, 29, 14)
const HOUR = 4
// Another forgetting-curve decay (w[20]) for one deck: its memory figures must use its own preset.
const CHIPS_W = default_w.map((w, i) => (i === 20 ? 0.5 : w))

let db: RecallDatabase
let data: Collection

beforeAll(async () => {
  db = freshDatabase()
  data = generateCollection(DECKS, 120, now)
  await storeCollection(db, data, DECKS)
  await savePresetForDeck(db, 'aws-ml-chips', { id: 'chips', name: 'Chips', options: { ...DEFAULT_STUDY_OPTIONS, w: CHIPS_W } })
})

/** The same data held in memory, as the pure builders' tests feed it. */
function inScope(scope: StatsScope): { cards: CardRecord[]; reviews: ReviewRecord[] } {
  const keep = (deckId: string) => scope === 'all' || scope.deckIds.includes(deckId)
  return {
    cards: data.cards.filter((c) => keep(c.deckId)),
    reviews: data.reviews.filter((r) => keep(r.deckId)).sort((a, b) => a.review - b.review)
  }
}

/** Sums of floats depend on the order cards arrive in: figures are compared to 12 significant digits. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(12))
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, rounded(v)]))
  if (Array.isArray(value)) return value.map(rounded)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]))
  return value
}
const same = (actual: unknown, expected: unknown) => expect(rounded(actual)).toEqual(rounded(expected))

const SCOPES: Array<[string, StatsScope]> = [
  ['the whole collection', 'all'],
  ['one deck', { deckIds: ['aws-ml-pipeline'] }],
  ['two decks', { deckIds: ['aws-ml-services', 'aws-ml-chips'] }]
]

/** Every figure from the pure builders, fed the scope's records held in memory. */
function expectedFigures(scope: StatsScope) {
  const { cards, reviews } = inScope(scope)
  const days = gather(createReviewDaysAccumulator({ dayStartsAtHour: HOUR }), reviews)
  const retention = gather(createTrueRetentionAccumulator({ dayStartsAtHour: HOUR }), reviews)
  const counts = gather(createCardCountsAccumulator({ now }), cards)
  const memory = (w: readonly number[], keep: (c: CardRecord) => boolean) =>
    gather(createMemoryDistributionsAccumulator({ now, w }), cards.filter(keep))
  const chips = memory(CHIPS_W, (c) => c.deckId === 'aws-ml-chips')
  const others = memory(default_w, (c) => c.deckId !== 'aws-ml-chips')
  // Stability and difficulty do not depend on the weights; retrievability does.
  const everything = buildMemoryHistograms(memory(default_w, () => true))
  const forecast = (n: 30 | 90) => buildDueForecast(gather(createDueForecastAccumulator({ now, dayStartsAtHour: HOUR, days: n }), cards))
  return {
    today: buildTodaySummary(gather(createTodayAccumulator({ now, dayStartsAtHour: HOUR }), reviews)),
    calendar: buildReviewCalendar(days, now),
    streaks: buildStreaks(days, now),
    retention: { table: buildRetentionTable(retention, now), months: buildRetentionByMonth(retention) },
    buttons: buildAnswerButtons(gather(createAnswerButtonsAccumulator({ now, dayStartsAtHour: HOUR, days: 30 }), reviews)),
    forecast: { 30: forecast(30), 90: forecast(90) },
    counts: { total: buildCardCountSlices(counts.total), byDeck: counts.byDeck },
    memory: {
      stability: everything.stability,
      difficulty: everything.difficulty,
      retrievabilityCounts: chips.retrievability.map((n, i) => n + others.retrievability[i]!),
      retrievabilityMean:
        chips.cards + others.cards > 0 ? (chips.sums.retrievability + others.sums.retrievability) / (chips.cards + others.cards) : null
    }
  }
}

describe('statistics read from the database through indexes', () => {
  it('has a collection big enough to mean something', () => {
    expect(data.cards.length).toBe(360)
    expect(data.reviews.length).toBeGreaterThan(2000)
    expect(data.reviews.filter((r) => r.review >= local(2026, 3, 29, 4)).length).toBeGreaterThan(10)
  })

  describe.each(SCOPES)('for %s', (_, scope) => {
    // Built on first use: the collection is generated in beforeAll.
    let figures: ReturnType<typeof expectedFigures> | undefined
    const expected = () => (figures ??= expectedFigures(scope))

    it('counts today’s study as the today builder does', async () => {
      expect(expected().today.reviews).toBeGreaterThan(0)
      same(await loadTodayStats(db, scope, now, HOUR), expected().today)
    })

    it('draws the same calendar and streaks', async () => {
      const result = await loadReviewCalendar(db, scope, now, HOUR)
      same(result, { calendar: expected().calendar, streaks: expected().streaks })
      expect(result.calendar.days).toHaveLength(365)
    })

    it('finds the same true retention, by period and by month', async () => {
      const result = await loadTrueRetention(db, scope, now, HOUR)
      same(result, expected().retention)
      expect(result.table.last365Days.total.passed).toBeGreaterThan(0)
    })

    it('counts the same answer-button presses over the last month', async () => {
      same(await loadAnswerButtons(db, scope, now, HOUR), expected().buttons)
    })

    it('forecasts the same due cards for 30 and 90 days', async () => {
      same(await loadDueForecast(db, scope, now, HOUR, 30), expected().forecast[30])
      same(await loadDueForecast(db, scope, now, HOUR, 90), expected().forecast[90])
    })

    it('counts cards by state, overall and per deck', async () => {
      const result = await loadCardCounts(db, scope, now, HOUR)
      same(result.total, expected().counts.total)
      same(new Map(result.byDeck.map((d) => [d.deckId, d.counts])), expected().counts.byDeck)
    })

    it('builds the memory histograms with each deck’s own weights', async () => {
      const result = await loadMemoryDistributions(db, scope, now, HOUR)
      same(result.stability, expected().memory.stability)
      same(result.difficulty, expected().memory.difficulty)
      same(
        result.retrievability.bins.map((b) => b.count),
        expected().memory.retrievabilityCounts
      )
      expect(result.retrievability.mean).toBeCloseTo(expected().memory.retrievabilityMean!, 12)
    })

    it('gives every chart the same figures from one pass over each table', async () => {
      const all = await loadStatistics(db, scope, now, HOUR)
      same(
        {
          today: all.today,
          calendar: all.calendar,
          streaks: all.streaks,
          retention: all.retention,
          buttons: all.buttons,
          forecast: all.forecast
        },
        {
          today: expected().today,
          calendar: expected().calendar,
          streaks: expected().streaks,
          retention: expected().retention,
          buttons: expected().buttons,
          forecast: expected().forecast
        }
      )
      same(all.counts.total, expected().counts.total)
      same(all.memory.stability, expected().memory.stability)
      same(
        all.memory.retrievability.bins.map((b) => b.count),
        expected().memory.retrievabilityCounts
      )
    })
  })

  it('gives zeros, not errors, for a deck with no cards or reviews', async () => {
    const empty = await loadStatistics(db, { deckIds: ['no-such-deck'] }, now, HOUR)
    expect(empty.today).toMatchObject({ reviews: 0, cards: 0, againRate: null })
    expect(empty.calendar.total).toBe(0)
    expect(empty.streaks).toEqual({ current: 0, longest: 0 })
    expect(empty.counts.total.total).toBe(0)
    expect(empty.memory.retrievability.mean).toBeNull()
    expect(empty.retention.table.allTime.total.rate).toBeNull()
  })
})
