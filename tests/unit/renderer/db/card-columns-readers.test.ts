import { forecastExamDecks, type ExamDeckInput } from '@core/exam-plan/decks-forecast'
import { type CardRecord, DEFAULT_STUDY_OPTIONS, type ExamPlan } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { gather } from '@core/stats/accumulator'
import { buildCardCountSlices, createCardCountsAccumulator } from '@core/stats/card-counts'
import { buildMemoryHistograms, createMemoryDistributionsAccumulator } from '@core/stats/card-distributions'
import { buildDueForecast, createDueForecastAccumulator } from '@core/stats/due-forecast'
import { type StatsScope } from '@core/stats/snapshot'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { loadExamDecks } from '@db/exam-plan-repository'
import { optionsForDeck } from '@db/options-repository'
import { loadCardCounts, loadDueForecast, loadMemoryDistributions } from '@db/stats-repository'
import { recordReview } from '@db/study-repository'
import { default_w, Rating } from 'ts-fsrs'
import { beforeAll, describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import { referenceStudiedToday } from '../../helpers/reference-counts'
import { generateCollection, storeCollection } from './stats-collection'

/**
 * The statistics and the exam forecast read the card columns; here they must give what the same
 * figures computed from the card records give, as the screens computed them before the columns.
 */
const DECKS = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips']
const NOW = new Date(2026, 4, 4, 10, 0).getTime()
const HOUR = 4
const DAY = 86_400_000

let db: RecallDatabase

beforeAll(async () => {
  db = freshDatabase()
  await storeCollection(db, generateCollection(DECKS, 80, NOW), DECKS)
  // Cards of a deck that was deleted while its cards stayed: the whole collection still counts them.
  await db.cards.bulkPut(generateCollection(['gone'], 10, NOW, 3).cards)
  await loadCardCounts(db, 'all', NOW, HOUR)
  // Changes after the columns were built, so the figures below come from patched columns.
  const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
  for (const id of ['aws-ml-services/c3', 'aws-ml-pipeline/c7', 'aws-ml-chips/c11']) {
    const card = (await db.cards.get(id))!
    await recordReview(db, card, previewGrades(scheduler, card, NOW + 60_000)[Rating.Again], 5_000)
  }
  await db.cards.update('aws-ml-chips/c2', { deckId: 'aws-ml-services' })
  await db.cards.put({ ...(await db.cards.get('aws-ml-pipeline/c1'))!, id: 'aws-ml-pipeline/c900', cardId: 'c900' })
})

/** The cards as the statistics read them before: the whole table in key order, or deck by deck. */
async function cardsOf(scope: StatsScope): Promise<CardRecord[]> {
  if (scope === 'all') return db.cards.toArray()
  return (await Promise.all(scope.deckIds.map((id) => db.cards.where('deckId').equals(id).toArray()))).flat()
}

/** Float sums over several decks may add in another order: figures are compared to 12 significant digits. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(12))
  if (Array.isArray(value)) return value.map(rounded)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]))
  return value
}

const SCOPES: Array<[string, StatsScope]> = [
  ['the whole collection', 'all'],
  ['one deck', { deckIds: ['aws-ml-pipeline'] }],
  ['two decks', { deckIds: ['aws-ml-services', 'aws-ml-chips'] }]
]

describe.each(SCOPES)('statistics of %s from the card columns', (_, scope) => {
  it('count the cards by kind, overall and per deck in the same order', async () => {
    const { total, byDeck } = gather(createCardCountsAccumulator({ now: NOW }), await cardsOf(scope))
    const expected = {
      total: buildCardCountSlices(total),
      byDeck: [...byDeck].map(([deckId, counts]) => ({ deckId, counts, total: buildCardCountSlices(counts).total }))
    }
    expect(await loadCardCounts(db, scope, NOW, HOUR)).toEqual(expected)
    expect(expected.total.total).toBeGreaterThan(50)
  })

  it('forecast the same due cards', async () => {
    for (const days of [30, 90] as const) {
      const expected = buildDueForecast(
        gather(createDueForecastAccumulator({ now: NOW, dayStartsAtHour: HOUR, days }), await cardsOf(scope))
      )
      expect(rounded(await loadDueForecast(db, scope, NOW, HOUR, days))).toEqual(rounded(expected))
    }
  })

  it('draw the same memory histograms', async () => {
    const expected = buildMemoryHistograms(gather(createMemoryDistributionsAccumulator({ now: NOW, w: default_w }), await cardsOf(scope)))
    expect(rounded(await loadMemoryDistributions(db, scope, NOW, HOUR))).toEqual(rounded(expected))
  })
})

describe('the exam forecast from the card columns', () => {
  it('gets the same cards and gives the same forecast as the card records', async () => {
    const exam: ExamPlan = {
      id: 'e',
      name: 'MLA-C01',
      date: NOW + 40 * DAY,
      deckIds: [...DECKS, 'gone'],
      examMode: false,
      targetRecall: 0.9
    }
    const day = studyDayOf(NOW, HOUR)
    const expected: ExamDeckInput[] = []
    for (const deckId of DECKS) {
      const deck = (await db.decks.get(deckId))!
      const cards = await db.cards.where('deckId').equals(deckId).toArray()
      expected.push({
        deckId,
        deckName: deck.name,
        cards,
        options: await optionsForDeck(db, deckId),
        studiedToday: await referenceStudiedToday(db, deckId, day)
      })
    }
    const decks = await loadExamDecks(db, exam, NOW, HOUR)
    expect(decks.map((d) => d.deckId)).toEqual(DECKS)
    decks.forEach((deck, i) => {
      const { cards, ...rest } = expected[i]!
      expect(deck).toMatchObject(rest)
      expect(deck.cards).toEqual(
        cards.map(
          ({
            id,
            ord,
            queue,
            tags,
            buriedUntil,
            due,
            stability,
            difficulty,
            elapsed_days,
            scheduled_days,
            learning_steps,
            reps,
            lapses,
            state,
            last_review
          }) => ({
            id,
            deckId: deck.deckId,
            ord,
            queue,
            tags,
            buriedUntil,
            due,
            stability,
            difficulty,
            elapsed_days,
            scheduled_days,
            learning_steps,
            reps,
            lapses,
            state,
            last_review
          })
        )
      )
    })
    const params = { now: NOW, examDate: exam.date, dayStartsAtHour: HOUR, targetRecall: exam.targetRecall }
    const forecast = forecastExamDecks(decks, params)
    expect(forecast).toEqual(forecastExamDecks(expected, params))
    expect(forecast.topics.length).toBeGreaterThan(2)
    expect(forecast.recallIfStopping.cards).toBeGreaterThan(100)
  })
})
