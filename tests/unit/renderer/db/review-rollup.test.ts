import { DEFAULT_STUDY_OPTIONS, type ReviewDayRecord, type ReviewRecord } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import type { StatsScope } from '@core/stats/snapshot'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { undo, type UndoEntry } from '@db/card-actions'
import { deleteCards, moveCards } from '@db/card-authoring'
import { encodeCollection, restoreCollection } from '@db/collection-backup'
import { RecallDatabase } from '@db/database'
import { applyImport, deleteDeck, planImport } from '@db/import-repository'
import { forgetCards } from '@db/browse-repository'
import { currentTimeZone, REVIEW_DAYS_ROW } from '@db/review-rollup'
import { countReviewHistory, readReviewDays } from '@db/review-rollup-count'
import { recordReview } from '@db/study-repository'
import { readPackageHistory } from '@shared/deck/apkg-history'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import type { Deck } from '@shared/deck/schema'
import Dexie from 'dexie'
import fc from 'fast-check'
import initSqlJs from 'sql.js'
import { Rating, State } from 'ts-fsrs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { HISTORY_NOTES, historyCollection, NOW } from '../../helpers/anki-history-package'
import { freshDatabase } from '../../helpers/fixtures'
import { local, reviewLog, useTimeZone } from '../../helpers/review-records'
import { logScanFigures, rollupFigures } from './review-days-reference'
import { generateCollection, storeCollection } from './stats-collection'

useTimeZone('Europe/London', afterAll)
vi.setConfig({ testTimeout: 120_000 })

// Monday 30 March 2026, 2 pm: the clocks went forward on Sunday morning.
const now = local(2026, 3, 30, 14)
const HOUR = 4
const DECKS = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips']
const SCOPES: StatsScope[] = ['all', { deckIds: ['aws-ml-pipeline'] }, { deckIds: ['aws-ml-services', 'aws-ml-chips'] }]

/**
 * The day rows counted from scratch, written out here on purpose rather than taken from the app:
 * each deck's logs grouped by study day in time order (ties by id); a card counts once a day, and
 * its first review-state grade of the day counts for true retention.
 */
function countedFromScratch(logs: readonly ReviewRecord[], dayStartsAtHour: number): ReviewDayRecord[] {
  const rows = new Map<string, ReviewDayRecord>()
  const seen = new Set<string>()
  const reviewed = new Set<string>()
  const graded = logs
    .filter(
      (l) => l.rating >= 1 && l.rating <= 4 && Number.isFinite(l.review) && typeof l.deckId === 'string' && typeof l.cardKey === 'string'
    )
    .sort((a, b) => a.review - b.review || a.id! - b.id!)
  for (const log of graded) {
    const day = studyDayOf(log.review, dayStartsAtHour).start
    const key = `${log.deckId} ${day}`
    let row = rows.get(key)
    if (!row) {
      row = {
        deckId: log.deckId,
        day,
        grades: 0,
        cards: 0,
        timeMs: 0,
        youngPassed: 0,
        youngFailed: 0,
        maturePassed: 0,
        matureFailed: 0
      } as ReviewDayRecord
      row.learning = [0, 0, 0, 0]
      row.young = [0, 0, 0, 0]
      row.mature = [0, 0, 0, 0]
      rows.set(key, row)
    }
    row.grades += 1
    row.timeMs += log.duration
    const group = log.state !== State.Review ? 'learning' : log.scheduled_days >= 21 ? 'mature' : 'young'
    row[group][log.rating - 1]! += 1
    if (!seen.has(`${key} ${log.cardKey}`)) {
      seen.add(`${key} ${log.cardKey}`)
      row.cards += 1
    }
    if (group !== 'learning' && !reviewed.has(`${key} ${log.cardKey}`)) {
      reviewed.add(`${key} ${log.cardKey}`)
      if (group === 'young') row[log.rating > 1 ? 'youngPassed' : 'youngFailed'] += 1
      else row[log.rating > 1 ? 'maturePassed' : 'matureFailed'] += 1
    }
  }
  return sortRows([...rows.values()])
}

const sortRows = (rows: ReviewDayRecord[]) => rows.sort((a, b) => (a.deckId === b.deckId ? a.day - b.day : a.deckId < b.deckId ? -1 : 1))

/** How many review logs a piece of work reads (Dexie's reading hook sees every one). */
async function logsReadBy(db: RecallDatabase, work: () => Promise<unknown>): Promise<number> {
  let read = 0
  const count = (log: ReviewRecord) => {
    read++
    return log
  }
  db.reviews.hook('reading', count)
  try {
    await work()
  } finally {
    db.reviews.hook('reading').unsubscribe(count)
  }
  return read
}

/**
 * What the statistics open on equals what counting every log from scratch gives, under the
 * current time zone and this day-start hour; and opening them reads no review log.
 */
async function expectCountedFromScratch(db: RecallDatabase, dayStartsAtHour = HOUR): Promise<void> {
  let opened: ReviewDayRecord[] = []
  expect(
    await logsReadBy(db, async () => {
      const read = await readReviewDays(db, 'all', dayStartsAtHour)
      expect(read.counting).toBeNull()
      opened = read.rows
    })
  ).toBe(0)
  const logs = await db.reviews.toArray()
  expect(sortRows(opened)).toEqual(countedFromScratch(logs, dayStartsAtHour))
  // What the day rows are kept as, too: the rows the next opening reads.
  expect(sortRows(await db.reviewDays.toArray())).toEqual(countedFromScratch(logs, dayStartsAtHour))
}

/** Every review figure of the screen, for every scope, as the plain log scan computes them. */
async function expectFiguresOfLogScan(db: RecallDatabase, dayStartsAtHour = HOUR): Promise<void> {
  const logs = await db.reviews.toArray()
  for (const scope of SCOPES)
    expect(await rollupFigures(db, scope, now, dayStartsAtHour)).toEqual(logScanFigures(logs, scope, now, dayStartsAtHour))
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

/** Runs `work` with TZ set to `zone`, then puts TZ back. */
async function inZone<T>(zone: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.TZ
  process.env.TZ = zone
  try {
    return await work()
  } finally {
    process.env.TZ = before
  }
}

// Random histories: a few cards in three decks over six days across the clock change, on quarter
// hours or just inside or at the end of one, so same-day repeats, equal times and grades right at
// a day's start (whatever the hour) are common; Manual rows included, and stored in an order
// unrelated to their times.
const logArbitrary = fc.record({
  deck: fc.integer({ min: 0, max: 2 }),
  card: fc.integer({ min: 0, max: 2 }),
  slot: fc.integer({ min: 0, max: 6 * 96 }),
  within: fc.constantFrom(0, 0, 0, 60_000, 15 * 60_000 - 1),
  rating: fc.integer({ min: 0, max: 4 }),
  state: fc.integer({ min: 0, max: 3 }),
  scheduled_days: fc.constantFrom(0, 3, 20, 21, 45),
  duration: fc.integer({ min: 0, max: 60_000 })
})
type LogSpec = typeof logArbitrary extends fc.Arbitrary<infer T> ? T : never
const FIRST_SLOT = local(2026, 3, 26, 0)
const toLog = (s: LogSpec): ReviewRecord => {
  const deckId = DECKS[s.deck]!
  const { deck, card, slot, within, ...fields } = s
  return reviewLog({ ...fields, deckId, cardKey: `${deckId}/c${card}`, review: FIRST_SLOT + slot * 15 * 60_000 + within })
}

describe('the review rollup, kept on every write', () => {
  it('knows the time zone again at once when the page moves to a zone of other offsets', async () => {
    const here = currentTimeZone()
    // The name as a formatter reads it there (ICU spells Kathmandu its own way).
    const read = () => Promise.resolve([currentTimeZone(), Intl.DateTimeFormat().resolvedOptions().timeZone])
    for (const zone of ['Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe']) {
      const [kept, fresh] = await inZone(zone, read)
      expect(kept).toBe(fresh)
      expect(kept).not.toBe(here)
    }
    expect(currentTimeZone()).toBe(here)
  })

  it('equals counting from scratch for random histories, after logs are added, changed and deleted, under any day start and zone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(logArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(logArbitrary, { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), logArbitrary), { maxLength: 3 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom('Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'),
        async (history, added, deletions, changes, hour, zone) => {
          const db = freshDatabase()
          await db.reviews.bulkAdd(history.map(toLog))
          await expectCountedFromScratch(db)
          await db.reviews.bulkAdd(added.map(toLog))
          const ids = (await db.reviews.toCollection().primaryKeys()) as number[]
          await db.reviews.bulkDelete(deletions.map((i) => ids[i % ids.length]!))
          for (const [i, spec] of changes) await db.reviews.put({ ...toLog(spec), id: ids[i % ids.length]! })
          await expectCountedFromScratch(db)
          await expectCountedFromScratch(db, hour)
          await inZone(zone, () => expectCountedFromScratch(db, hour))
          db.close()
        }
      ),
      { numRuns: 40 }
    )
  })

  it('counts a card once on the day it was first graded right at the day’s start, and again on a day started a moment later', async () => {
    const db = freshDatabase()
    const start = local(2026, 3, 27, HOUR)
    const card = (review: number, rating = Rating.Good) => reviewLog({ review, rating, cardKey: 'aws/c1' })
    await db.reviews.bulkAdd([card(start), card(start + 20 * 60_000, Rating.Again), card(start - 1), card(start + 86_400_000 - 1)])
    await expectCountedFromScratch(db)
    expect(sortRows(await db.reviewDays.toArray()).map((r) => [r.grades, r.cards, r.youngPassed, r.youngFailed])).toEqual([
      [1, 1, 1, 0],
      [3, 1, 1, 0]
    ])
    await expectCountedFromScratch(db, HOUR + 1)
    await inZone('Asia/Kathmandu', () => expectCountedFromScratch(db, 10))
  })

  it('follows grades and their undo, in the same transaction as the grade', async () => {
    const db = await studiedCollection()
    await expectCountedFromScratch(db)
    const entries = [
      await grade(db, 'aws-ml-services/c1', Rating.Good),
      await grade(db, 'aws-ml-services/c2', Rating.Again),
      await grade(db, 'aws-ml-services/c2', Rating.Good, now + 60_000)
    ]
    await expectCountedFromScratch(db)
    await expectFiguresOfLogScan(db)

    await undo(db, entries[2]!)
    await expectCountedFromScratch(db)
    await undo(db, entries[1]!)
    await expectCountedFromScratch(db)

    // A grade whose transaction fails leaves the rollup as it was.
    const before = await db.reviewDays.toArray()
    await expect(
      db.transaction('rw', db.cards, db.reviews, async () => {
        await grade(db, 'aws-ml-chips/c1', Rating.Good)
        throw new Error('disk full')
      })
    ).rejects.toThrow('disk full')
    expect(await db.reviewDays.toArray()).toEqual(before)
    await expectCountedFromScratch(db)
  })

  it('takes out the reviews of deleted cards instead of counting everything again, and follows moved cards', async () => {
    const db = await studiedCollection()
    const slotsBefore = await db.reviewSlots.count()
    expect((await deleteCards(db, ['aws-ml-pipeline/c3', 'aws-ml-chips/c5'])).ok).toBe(true)
    await expectCountedFromScratch(db)
    // The other decks' rows were left as they were.
    expect(await db.reviewSlots.count()).toBeGreaterThan(slotsBefore / 2)
    expect((await moveCards(db, ['aws-ml-chips/c1', 'aws-ml-chips/c2'], 'aws-ml-pipeline')).ok).toBe(true)
    await expectCountedFromScratch(db)
    await expectFiguresOfLogScan(db)
  })

  it('follows a deck deleted, a reset (Manual rows) and a log emptied', async () => {
    const db = await studiedCollection()
    await deleteDeck(db, 'aws-ml-chips')
    await expectCountedFromScratch(db)
    await forgetCards(db, ['aws-ml-services/c1', 'aws-ml-services/c4'], () => scheduler, now)
    await expectCountedFromScratch(db)
    // Check collection clears a removed deck's cards with their logs.
    await db.transaction('rw', db.cards, db.reviews, async () => {
      const keys = await db.cards.where('deckId').equals('aws-ml-chips').primaryKeys()
      await db.cards.bulkDelete(keys)
      await db.reviews.where('cardKey').anyOf(keys).delete()
    })
    await expectCountedFromScratch(db)
    await db.reviews.where(':id').below(40).delete()
    await expectCountedFromScratch(db)
    await db.reviews.clear()
    await expectCountedFromScratch(db)
    expect(await db.reviewSlots.count()).toBe(0)
    await grade(db, 'aws-ml-services/c2', Rating.Good)
    await expectCountedFromScratch(db)
    expect(await db.reviewDays.count()).toBe(1)
  })

  // Thousands of writes through the in-memory IndexedDB: 11–23 s on two quiet cores, so more than the default 30 s under load.
  it('follows writes to thousands of one deck’s cards at once (read by key range), leaving the deck’s other cards as they were', async () => {
    const db = freshDatabase()
    const key = (i: number) => `big/c${String(i).padStart(4, '0')}`
    const at = (i: number) => local(2026, 3, 1 + (i % 25), i % 24, (i * 7) % 60)
    // 2,500 cards with a grade each; then 2,200 of them (every one but each eighth) get two more.
    await db.reviews.bulkAdd(Array.from({ length: 2_500 }, (_, i) => reviewLog({ deckId: 'big', cardKey: key(i), review: at(i) })))
    const touched = Array.from({ length: 2_500 }, (_, i) => i).filter((i) => i % 8 !== 0)
    await db.reviews.bulkAdd(
      touched.flatMap((i) => [
        reviewLog({ deckId: 'big', cardKey: key(i), review: at(i) + 600_000, rating: Rating.Again }),
        reviewLog({ deckId: 'big', cardKey: key(i), review: at(i) - 86_400_000 })
      ])
    )
    await expectCountedFromScratch(db)
    await db.reviews.where('cardKey').anyOf(touched.slice(0, 2_100).map(key)).delete()
    await expectCountedFromScratch(db)
    expect(await db.reviews.count()).toBe(2_500 + 2 * touched.length - 3 * 2_100)
  }, 120_000)

  it('counts a restored collection’s log in the restore itself', async () => {
    const db = await studiedCollection()
    const backup = await encodeCollection(db, '0.1.0', now)
    await grade(db, 'aws-ml-chips/c4', Rating.Good)
    await db.reviews.where('cardKey').equals('aws-ml-services/c6').delete()
    expect(await restoreCollection(db, backup)).toMatchObject({ ok: true })
    await expectCountedFromScratch(db)
    expect((await db.derived.get(REVIEW_DAYS_ROW)) as unknown).toMatchObject({ countedThrough: null })
    expect(await db.reviews.count()).toBeGreaterThan(100)
  })

  it('sums the day rows again from the quarter hours when the day-start hour changes, reading no log', async () => {
    const db = await studiedCollection()
    for (const hour of [0, 23, 5, HOUR]) {
      await expectCountedFromScratch(db, hour)
      await expectFiguresOfLogScan(db, hour)
    }
    await grade(db, 'aws-ml-services/c3', Rating.Again)
    await expectCountedFromScratch(db, 0)
  })

  it('reads rows summed under the rule in one transaction, and after a change of day start sums them first, then reads them', async () => {
    const db = await studiedCollection()
    await expectCountedFromScratch(db)
    const opened = vi.spyOn(db.core, 'transaction')
    const read = await readReviewDays(db, { deckIds: ['aws-ml-pipeline'] }, HOUR)
    expect(opened).toHaveBeenCalledTimes(1)
    expect(opened.mock.calls[0]![1]).toBe('readonly')
    expect(sortRows(read.rows)).toEqual(
      countedFromScratch(
        (await db.reviews.toArray()).filter((log) => log.deckId === 'aws-ml-pipeline'),
        HOUR
      )
    )
    opened.mockClear()
    // Another hour: a look, the sum (readwrite), then the rows as summed; the same figures as a scan.
    const moved = await readReviewDays(db, 'all', 0)
    expect(opened.mock.calls.map((call) => call[1])).toEqual(['readonly', 'readwrite', 'readonly'])
    expect(sortRows(moved.rows)).toEqual(countedFromScratch(await db.reviews.toArray(), 0))
    opened.mockRestore()
    await expectFiguresOfLogScan(db, 0)
  })

  it('sums them again in another time zone: +5:45, +5:30, Lord Howe’s half-hour daylight saving, and New York across its clock change', async () => {
    const db = await studiedCollection()
    await expectCountedFromScratch(db)
    for (const zone of ['Asia/Kathmandu', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/New_York', 'Pacific/Chatham']) {
      await inZone(zone, async () => {
        await expectCountedFromScratch(db)
        await expectCountedFromScratch(db, 0)
      })
    }
    // A grade written in another zone than the rows were summed in: they are summed again on reading.
    await inZone('Asia/Kathmandu', () => grade(db, 'aws-ml-pipeline/c2', Rating.Good))
    expect((await db.derived.get(REVIEW_DAYS_ROW)) as unknown).toMatchObject({ daysCurrent: false })
    await expectCountedFromScratch(db)
    await inZone('Asia/Kathmandu', () => expectCountedFromScratch(db))
    await expectFiguresOfLogScan(db)
  })

  it('brings in an Anki package’s review history with the import', async () => {
    const SQL = await initSqlJs()
    const anki = new SQL.Database(historyCollection(SQL))
    const history = readPackageHistory(anki)!
    anki.close()
    const deck: Deck = {
      format: 'recall-deck',
      version: 2,
      id: 'geography',
      name: 'Geography',
      notes: HISTORY_NOTES.map((n) => ({
        type: 'basic' as const,
        id: ankiGuidId(n.guid),
        front: n.fields[0]!,
        back: n.fields[1]!,
        tags: [],
        ...(n.cards === 2 ? { reverse: true } : {})
      }))
    }
    const db = await studiedCollection()
    await applyImport(db, deck, await planImport(db, deck), { file: 'geo.apkg', keepRemoved: false, now: NOW, history })
    expect(await db.reviews.where('deckId').equals('geography').count()).toBeGreaterThan(5)
    await expectCountedFromScratch(db)
  })
})

/** The stores as version 7 declared them (database.ts), to write a collection from before the slots. */
const VERSION_7: Array<[number, Record<string, string>]> = [
  [
    1,
    {
      decks: 'id',
      cards: 'id, deckId, [deckId+queue+due], [deckId+queue+ord], [deckId+cardId]',
      reviews: '++id, cardKey, [deckId+review], review'
    }
  ],
  [2, { presets: 'id', settings: 'key' }],
  [3, { exams: 'id', simulations: 'id, finishedAt' }],
  [
    4,
    {
      cards: 'id, deckId, [deckId+queue+due], [deckId+queue+ord], [deckId+cardId], [deckId+mod]',
      reviewDays: '[deckId+day]',
      cardColumns: 'deckId',
      derived: 'name'
    }
  ],
  [5, { notes: 'id, deckId' }],
  [6, { media: 'name, hash' }],
  [7, { journalMark: 'key' }]
]

describe('a collection from before the quarter hours', () => {
  it('loses its old day rows in the upgrade, and is counted in the background after it', async () => {
    const name = `rollup-upgrade-${process.pid}`
    const old = new Dexie(name)
    for (const [version, stores] of VERSION_7) old.version(version).stores(stores)
    const { reviews } = generateCollection(DECKS, 8, now, 5)
    await old.table('reviews').bulkAdd(reviews)
    await old.table('reviewDays').put({ ...countedFromScratch([{ ...reviews[0]!, id: 1 }], HOUR)[0]!, grades: 999 })
    await old.table('derived').put({ name: REVIEW_DAYS_ROW, dayStartsAtHour: HOUR, timeZone: 'Europe/London', lastLogId: 1, deleted: [] })
    old.close()

    const db = new RecallDatabase(name)
    await db.open()
    expect(await db.reviewDays.count()).toBe(0)
    expect(await db.derived.get(REVIEW_DAYS_ROW)).toBeUndefined()
    expect((await readReviewDays(db, 'all', HOUR)).counting).toMatchObject({ counted: 0 })
    await countReviewHistory(db)
    await expectCountedFromScratch(db)
    db.close()
  })

  it('is counted in the background after the upgrade, showing what is counted so far, while grades go on', async () => {
    const db = await studiedCollection()
    // As the upgrade leaves it: the day rows of before gone, no bookkeeping, nothing counted.
    const stale = { ...countedFromScratch(await db.reviews.toArray(), HOUR)[0]!, grades: 999 }
    await db.transaction('rw', db.reviewSlots, db.reviewDays, db.derived, async () => {
      await db.reviewSlots.clear()
      await db.reviewDays.bulkPut([stale])
      await db.derived.delete(REVIEW_DAYS_ROW)
    })
    // Not counted yet: the screen opens on nothing and says so.
    const first = await readReviewDays(db, 'all', HOUR)
    expect(first.counting).toEqual({ counted: 0, estimate: await db.reviews.count() })

    const progress: number[] = []
    const grades: Array<Promise<unknown>> = []
    await countReviewHistory(
      db,
      (p) => {
        progress.push(p.counted)
        // A grade between two pages: counted with its card, whether that card is counted yet or not.
        if (progress.length % 3 === 1) grades.push(grade(db, `${DECKS[progress.length % 3]}/c${progress.length % 12}`, Rating.Good))
      },
      25
    )
    await Promise.all(grades)
    expect(progress.length).toBeGreaterThan(5)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    await expectCountedFromScratch(db)
    await expectFiguresOfLogScan(db)
  })
})
