import { DEFAULT_STUDY_OPTIONS, type ReviewRecord } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import type { StatsScope } from '@core/stats/snapshot'
import { undo, type UndoEntry } from '@db/card-actions'
import { deleteCards, moveCards } from '@db/card-authoring'
import { encodeCollection, restoreCollection } from '@db/collection-backup'
import type { RecallDatabase } from '@db/database'
import { refreshReviewDays } from '@db/review-days'
import { recordReview } from '@db/study-repository'
import fc from 'fast-check'
import { Rating } from 'ts-fsrs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import { cardRecord, local, reviewLog, useTimeZone } from '../../helpers/review-records'
import { logScanFigures, logScanRows, rollupFigures, sortRows } from './review-days-reference'
import { generateCollection, storeCollection } from './stats-collection'

useTimeZone('Europe/London', afterAll)
vi.setConfig({ testTimeout: 120_000 })

// Monday 30 March 2026, 2 pm: the clocks went forward on Sunday morning.
const now = local(2026, 3, 30, 14)
const HOUR = 4
const DECKS = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips']
const SCOPES: StatsScope[] = ['all', { deckIds: ['aws-ml-pipeline'] }, { deckIds: ['aws-ml-services', 'aws-ml-chips'] }]

/** Every review figure, for every scope, and every rollup row, as the log scan computes them now. */
async function expectSameAsLogScan(db: RecallDatabase, dayStartsAtHour = HOUR): Promise<void> {
  const logs = await db.reviews.toArray()
  for (const scope of SCOPES)
    expect(await rollupFigures(db, scope, now, dayStartsAtHour)).toEqual(logScanFigures(logs, scope, now, dayStartsAtHour))
  expect(sortRows(await db.reviewDays.toArray())).toEqual(logScanRows(logs, dayStartsAtHour))
}

/** A small studied collection in the user's own decks (they can be edited), ids not in time order. */
async function studiedCollection(): Promise<RecallDatabase> {
  const db = freshDatabase()
  await storeCollection(db, generateCollection(DECKS, 12, now, 3), DECKS)
  await db.decks.toCollection().modify({ origin: 'user' })
  return db
}

const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
async function grade(db: RecallDatabase, id: string, rating: Rating.Again | Rating.Good, at = now): Promise<UndoEntry> {
  const card = (await db.cards.get(id))!
  const { logId } = await recordReview(db, card, previewGrades(scheduler, card, at)[rating], 4_000)
  return { label: 'Grade', before: [card], addedLogIds: [logId] }
}

// Random histories: a few cards in three decks over twelve days across the clock change, at
// three-hour steps so same-day repeats and equal times are common, Manual rows included, and
// stored in an order unrelated to their times.
const logArbitrary = fc.record({
  deck: fc.integer({ min: 0, max: 2 }),
  card: fc.integer({ min: 0, max: 2 }),
  slot: fc.integer({ min: 0, max: 12 * 8 }),
  rating: fc.integer({ min: 0, max: 4 }),
  state: fc.integer({ min: 0, max: 3 }),
  scheduled_days: fc.constantFrom(0, 3, 20, 21, 45),
  duration: fc.integer({ min: 0, max: 60_000 })
})
type LogSpec = typeof logArbitrary extends fc.Arbitrary<infer T> ? T : never
const FIRST_SLOT = local(2026, 3, 20, 0)
const toLog = (s: LogSpec): ReviewRecord => {
  const deckId = DECKS[s.deck]!
  const { deck, card, slot, ...fields } = s
  return reviewLog({ ...fields, deckId, cardKey: `${deckId}/c${card}`, review: FIRST_SLOT + slot * 3 * 3_600_000 })
}

describe('the review rollup', () => {
  it('gives the figures of the log scan for random histories, and after logs are added, changed and deleted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(logArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(logArbitrary, { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), logArbitrary), { maxLength: 3 }),
        async (history, added, deletions, changes) => {
          const db = freshDatabase()
          await db.reviews.bulkAdd(history.map(toLog))
          await expectSameAsLogScan(db)
          await db.reviews.bulkAdd(added.map(toLog))
          const ids = (await db.reviews.toCollection().primaryKeys()) as number[]
          await db.reviews.bulkDelete(deletions.map((i) => ids[i % ids.length]!))
          for (const [i, spec] of changes) await db.reviews.put({ ...toLog(spec), id: ids[i % ids.length]! })
          await expectSameAsLogScan(db)
          db.close()
        }
      ),
      { numRuns: 40 }
    )
  })

  it('counts a card’s grades stored newest first from their own deck-day', async () => {
    const db = freshDatabase()
    const days = [1, 2, 3].map((d) => local(2026, 3, 27 - d, 10))
    await db.reviews.bulkAdd(
      days.flatMap((at) => [reviewLog({ review: at + 60_000, rating: Rating.Good }), reviewLog({ review: at, rating: Rating.Again })])
    )
    const report = await refreshReviewDays(db, HOUR)
    expect(report).toMatchObject({ rebuilt: true, daysRecounted: 2 })
    expect(sortRows(await db.reviewDays.toArray())).toEqual(logScanRows(await db.reviews.toArray(), HOUR))
    expect((await db.reviewDays.toArray()).map((r) => [r.youngPassed, r.youngFailed])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1]
    ])
  })

  it('takes the grade stored first when a card has two at the same moment, as the log scan does', async () => {
    const db = freshDatabase()
    const at = local(2026, 3, 26, 10)
    await db.reviews.bulkAdd([
      reviewLog({ review: at + 1, rating: Rating.Easy }),
      reviewLog({ review: at, rating: Rating.Again }),
      reviewLog({ review: at, rating: Rating.Good })
    ])
    await expectSameAsLogScan(db)
    expect(await db.reviewDays.toArray()).toMatchObject([{ youngPassed: 0, youngFailed: 1 }])
  })

  it('stays equal through grades, undo, deleted cards and moved cards', async () => {
    const db = await studiedCollection()
    await expectSameAsLogScan(db)

    const entries = [await grade(db, 'aws-ml-services/c1', Rating.Good), await grade(db, 'aws-ml-services/c2', Rating.Again)]
    const todaysLogs = await db.reviews
      .where('[deckId+review]')
      .between(['aws-ml-services', local(2026, 3, 30, 4)], ['aws-ml-services', now], true, true)
      .count()
    // Only today's deck-day is counted again, from its own logs.
    expect(await refreshReviewDays(db, HOUR)).toEqual({ rebuilt: false, daysRecounted: 1, logsRead: todaysLogs + 2 })
    await expectSameAsLogScan(db)

    await undo(db, entries[1]!)
    await expectSameAsLogScan(db)
    expect((await deleteCards(db, ['aws-ml-pipeline/c3', 'aws-ml-chips/c5'])).ok).toBe(true)
    await expectSameAsLogScan(db)
    expect((await moveCards(db, ['aws-ml-chips/c1', 'aws-ml-chips/c2'], 'aws-ml-pipeline')).ok).toBe(true)
    await expectSameAsLogScan(db)
  })

  it('stays equal after the collection is restored from a backup', async () => {
    const db = await studiedCollection()
    await expectSameAsLogScan(db)
    const backup = await encodeCollection(db, '0.1.0', now)
    await grade(db, 'aws-ml-chips/c4', Rating.Good)
    await db.reviews.where('cardKey').equals('aws-ml-services/c6').delete()
    await expectSameAsLogScan(db)
    expect(await restoreCollection(db, backup)).toMatchObject({ ok: true })
    await expectSameAsLogScan(db)
    expect(await db.reviews.count()).toBeGreaterThan(100)
  })

  it('counts everything again under another day-start hour', async () => {
    const db = await studiedCollection()
    await expectSameAsLogScan(db)
    expect((await refreshReviewDays(db, 0)).rebuilt).toBe(true)
    await expectSameAsLogScan(db, 0)
    await expectSameAsLogScan(db, HOUR)
  })

  it('counts everything again in another time zone', async () => {
    const db = await studiedCollection()
    await expectSameAsLogScan(db)
    process.env.TZ = 'America/New_York'
    try {
      expect((await refreshReviewDays(db, HOUR)).rebuilt).toBe(true)
      await expectSameAsLogScan(db)
    } finally {
      process.env.TZ = 'Europe/London'
    }
    expect((await refreshReviewDays(db, HOUR)).rebuilt).toBe(true)
    await expectSameAsLogScan(db)
  })

  it('only looks, writing nothing and reading no logs, when nothing changed', async () => {
    const db = await studiedCollection()
    await grade(db, 'aws-ml-services/c1', Rating.Good)
    await refreshReviewDays(db, HOUR)
    const before = { rows: await db.reviewDays.toArray(), kept: await db.derived.toArray() }
    const transactions = vi.spyOn(db, 'transaction')
    expect(await refreshReviewDays(db, HOUR)).toEqual({ rebuilt: false, daysRecounted: 0, logsRead: 0 })
    expect(transactions.mock.calls.map((call) => call[0])).toEqual(['r'])
    transactions.mockRestore()
    expect({ rows: await db.reviewDays.toArray(), kept: await db.derived.toArray() }).toEqual(before)
  })

  it('opens despite damaged logs, leaving out one without a time or a deck', async () => {
    const db = freshDatabase()
    const good = [reviewLog({ review: local(2026, 3, 26, 10) }), reviewLog({ review: local(2026, 3, 27, 10), rating: Rating.Again })]
    const damaged = [
      reviewLog({ review: Number.NaN }),
      { ...reviewLog({ review: local(2026, 3, 26, 11) }), deckId: undefined as unknown as string }
    ]
    await db.reviews.bulkAdd([...good, ...damaged])
    const [a, b, ...rest] = await db.reviews.toArray()
    expect(rest).toHaveLength(2)
    expect(await rollupFigures(db, { deckIds: ['aws'] }, now, HOUR)).toEqual(logScanFigures([a!, b!], 'all', now, HOUR))
    await db.reviews.bulkDelete(rest.map((log) => log.id!))
    await expectSameAsLogScan(db)
  })

  it('gives zeros for a collection without reviews, and keeps counting once grades come', async () => {
    const db = freshDatabase()
    await db.cards.put(cardRecord({ id: 'aws-ml-services/c1', deckId: 'aws-ml-services' }))
    await expectSameAsLogScan(db)
    expect(await db.reviewDays.count()).toBe(0)
    await grade(db, 'aws-ml-services/c1', Rating.Good)
    await expectSameAsLogScan(db)
    expect(await db.reviewDays.count()).toBe(1)
  })
})
