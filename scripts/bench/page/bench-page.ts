import { Queue, type CardRecord } from '@core/model'
import { toFsrsCard } from '@core/scheduling/card-state'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { RecallDatabase } from '@db/database'
import { REVIEW_DAYS_ROW } from '@db/derived-tables'
import { putExamPlan } from '@db/exam-plan-repository'
import { applyImport, planImport } from '@db/import-repository'
import { getSettings, optionsForDeck } from '@db/options-repository'
import { loadTodayQueue, recordReview } from '@db/study-repository'
import type { Platform } from '@platform/platform'
import { backupFileName } from '@shared/backup/backup-names'
import { parseNativeDeck } from '@shared/deck/native'
import { DAY_MS } from '@shared/durations'
import { createRecallStore } from '@store'
import Dexie from 'dexie'
import { Rating } from 'ts-fsrs'
import { DECKS, deckIdOf, generateCollection, generatePicturesDeck } from './generate'
import { journalFigures } from './journal-bench'
import { optimizeWeb } from './optimizer-bench'
import { openRaw, rawCardsOfDecks, rawCounts, rawQueue, rawRowsOf, readAll, rowCounts } from './raw-idb'
import { timeRepeated } from './stats-util'

/** One measured figure: raw samples in `unit`; the runner turns them into median and p95. */
export interface Sample {
  name: string
  unit: 'ms' | 'bytes'
  samples: number[]
  note?: string
}

// The app's store with a platform that reads no files: the collection is already in IndexedDB.
const platform = {
  name: 'web',
  listDecks: async () => ({ decks: [], problems: [] }),
  requestPersistentStorage: async () => false,
  saveFile: async () => ({ ok: false, message: 'bench' }),
  optimizeParameters: async () => ({ ok: false, message: 'bench' }),
  readDeckFile: async () => ({ problems: [] }),
  backups: null
} as unknown as Platform

async function generate(n: number, now: number) {
  const start = performance.now()
  // The app opens the database first, so it has the app's schema (version, tables, indexes); the rows then go in bare.
  const app = new RecallDatabase()
  await app.open()
  app.close()
  const raw = await openRaw()
  try {
    const made = await generateCollection(raw, n, now)
    await generatePicturesDeck(raw, now)
    await journalInStep(raw)
    localStorage.setItem('recall.welcomeSeen', 'true')
    return { ...made, ms: performance.now() - start }
  } finally {
    raw.close()
  }
}

/**
 * The collection was filled bare, so it has no journal. Left so, the app's first start would begin
 * one and back the whole collection up at once, in the middle of the figures: the journal mark and
 * an empty epoch make it find a journal in step, as a user of some days does.
 */
async function journalInStep(raw: IDBDatabase) {
  const tx = raw.transaction('journalMark', 'readwrite')
  tx.objectStore('journalMark').put({ key: 'mark', epoch: 'e-bench', seq: 0 })
  await new Promise((resolve) => (tx.oncomplete = resolve))
  const root = await navigator.storage.getDirectory()
  await (await root.getDirectoryHandle('journal', { create: true })).getDirectoryHandle('e-bench', { create: true })
  // And an automatic backup of a moment ago, so that none falls due in the middle of the grades
  // (a backup of the whole collection every 30 minutes of study is a cost of its own, not timed here).
  const backups = await root.getDirectoryHandle('backups', { create: true })
  const writable = await (await backups.getFileHandle(backupFileName(Date.now()), { create: true })).createWritable()
  await writable.write(new Uint8Array([0x1f, 0x8b]))
  await writable.close()
}

/** A 10,000-card deck file, as a person would import it. */
function deckFile(id: string, cards: number): string {
  return JSON.stringify({
    format: 'recall-deck',
    version: 1,
    id,
    name: `Imported ${id}`,
    cards: Array.from({ length: cards }, (_, i) => ({
      id: `imp-${i}`,
      front: `Imported question ${i} about model drift?`,
      back: `Answer ${i}: monitor it with SageMaker Model Monitor.`,
      tags: ['imported']
    }))
  })
}

/**
 * Grades due review cards of one deck between measurements (Good; every tenth Again), through the
 * app's own recordReview, untimed: what a day's study leaves for the next statistics opening.
 */
function studySession(db: RecallDatabase, deckId: string, options: Parameters<typeof createScheduler>[0]) {
  const scheduler = createScheduler(options, DEFAULT_DAY_STARTS_AT_HOUR)
  return {
    async pause(grades: number) {
      const due = await db.cards
        .where('[deckId+queue+due]')
        .between([deckId, Queue.Review, -Infinity], [deckId, Queue.Review, Infinity])
        .limit(grades)
        .toArray()
      for (const [i, card] of due.entries()) {
        const at = Date.now()
        await recordReview(db, card, previewGrades(scheduler, card, at)[i % 10 === 9 ? Rating.Again : Rating.Good], 5000)
      }
    }
  }
}

async function dropDeck(db: RecallDatabase, deckId: string) {
  await db.transaction('rw', db.cards, db.decks, async () => {
    await db.cards.where('deckId').equals(deckId).delete()
    await db.decks.delete(deckId)
  })
}

/**
 * `gradePauseMs`: how long the app's grades waited after the previous one (the runner's grade
 * loop, median). Each sample of the bare grade write waits as long first, as every grade does.
 */
async function measure(options: { reps: number; heavyReps: number; gradePauseMs: number }): Promise<Sample[]> {
  const db = new RecallDatabase()
  const raw = await openRaw()
  const store = createRecallStore({ db, platform, now: () => Date.now() })
  const out: Sample[] = []
  const add = (name: string, samples: number[], note?: string) => out.push({ name, unit: 'ms', samples, ...(note ? { note } : {}) })
  const deckId = deckIdOf(0)
  const deckOptions = await optionsForDeck(db, deckId)
  const { dayStartsAtHour } = await getSettings(db)
  const day = studyDayOf(Date.now(), dayStartsAtHour)
  const allDecks = await db.decks.toCollection().primaryKeys()
  const benchDecks = allDecks.filter((id) => id.startsWith('bench-'))

  // Today's queue of the biggest deck, and the deck list's counts of every deck, through the store.
  add('queue', await timeRepeated(options.reps, () => loadTodayQueue(db, deckId, day, deckOptions)))
  add(
    'limit:queue',
    await timeRepeated(options.reps, () =>
      rawQueue(raw, deckId, day, { reviews: deckOptions.reviewsPerDay, fresh: deckOptions.newCardsPerDay })
    )
  )
  add('counts', await timeRepeated(options.reps, () => store.getState().refreshCounts()), `${allDecks.length} decks`)
  add('limit:counts', await timeRepeated(options.reps, () => rawCounts(raw, allDecks, day)))

  // The statistics screen, every chart of the whole collection. First opening after an upgrade
  // (also after a change of day-start hour or time zone, or deleting cards): both caches are
  // built from the whole log and every card, so its limit is reading all of both. One sample.
  const refreshStats = async () => {
    await store.getState().refreshStats()
    if (store.getState().stats.status !== 'ready') throw new Error(`stats: ${store.getState().stats.error}`)
  }
  await db.transaction('rw', db.derived, db.cardColumns, async () => {
    await db.derived.delete(REVIEW_DAYS_ROW)
    await db.cardColumns.clear()
  })
  add(
    'stats-first-open',
    await timeRepeated(1, refreshStats, { warm: 0 }),
    'review rollup and card columns built from scratch (once per upgrade, day-start or time-zone change, card deletion)'
  )
  add(
    'limit:stats-first-open',
    await timeRepeated(1, async () => (await readAll(raw, 'reviews', () => undefined)) + (await readAll(raw, 'cards', () => undefined)), {
      warm: 0
    }),
    'getAll in 10k batches of every review log and every card'
  )
  // Every later opening reads the caches: the limit is reading the same rows bare.
  add('stats', await timeRepeated(options.heavyReps, refreshStats), 'opened again with nothing studied since')
  const studyBetween = studySession(db, deckIdOf(1), deckOptions)
  const afterStudy: number[] = []
  for (let i = 0; i < options.heavyReps; i++) {
    await studyBetween.pause(100)
    const start = performance.now()
    await refreshStats()
    afterStudy.push(performance.now() - start)
  }
  add('stats-after-study', afterStudy, 'opened after 100 more grades (the grades themselves are not timed)')
  add(
    'limit:stats',
    await timeRepeated(
      options.heavyReps,
      async () => (await readAll(raw, 'reviewDays', () => undefined)) + (await readAll(raw, 'cardColumns', () => undefined))
    ),
    'getAll of the rollup rows and the card columns'
  )

  // The exam forecast of one exam covering every bench deck, 60 days ahead.
  await putExamPlan(db, {
    id: 'bench-exam',
    name: 'Bench exam',
    date: Date.now() + 60 * DAY_MS,
    deckIds: benchDecks,
    examMode: false,
    targetRecall: 0.9
  })
  let simulated = 0
  add(
    'exam-forecast',
    await timeRepeated(options.heavyReps, async () => {
      await store.getState().refreshExamPlan()
      const entry = store.getState().examPlan.entries.find((e) => e.exam.id === 'bench-exam')
      if (!entry?.forecast) throw new Error(`exam forecast: ${entry?.error ?? store.getState().examPlan.error}`)
      simulated = entry.forecast.plan.reduce((n, d) => n + d.reviews, 0)
    })
  )
  // The forecast's floor: read its columns, and call ts-fsrs next() once per grade it simulates.
  const simulator = createScheduler({ ...deckOptions, enable_fuzz: false }, DEFAULT_DAY_STARTS_AT_HOUR)
  const reviewCards = (
    await db.cards
      .where('[deckId+queue+due]')
      .between([deckId, Queue.Review, -Infinity], [deckId, Queue.Review, Infinity])
      .limit(1000)
      .toArray()
  ).map((card) => toFsrsCard(card, simulator.clock))
  add(
    'limit:exam-forecast',
    await timeRepeated(options.heavyReps, async () => {
      await rawRowsOf(raw, 'cardColumns', benchDecks)
      const at = new Date()
      for (let i = 0; i < simulated; i++) simulator.fsrs.next(reviewCards[i % reviewCards.length]!, at, Rating.Good)
    }),
    `get of the exam decks' card columns, plus ts-fsrs next() alone once per grade the forecast simulates (${simulated.toLocaleString('en')})`
  )
  add(
    'probe:exam-cards',
    await timeRepeated(options.heavyReps, () => rawCardsOfDecks(raw, benchDecks)),
    "getAll of the exam decks' card records through the deckId index (what the forecast read before the columns)"
  )
  await db.exams.delete('bench-exam')

  // Importing a 10,000-card deck: parse + plan + merge, as the import dialog does (parse runs in a worker there).
  const text = (id: string) => deckFile(id, 10_000)
  const importIds = Array.from({ length: options.heavyReps + 1 }, (_, i) => `bench-import-${i}`)
  const files = importIds.map(text)
  add(
    'import-10k',
    await timeRepeated(options.heavyReps, async (i) => {
      const index = i < 0 ? importIds.length - 1 : i
      const parsed = parseNativeDeck(files[index]!, 'bench.json')
      if (!parsed.deck) throw new Error('import: the bench deck did not parse')
      const plan = await planImport(db, parsed.deck)
      await applyImport(db, parsed.deck, plan, { file: 'bench.json', keepRemoved: false, now: Date.now() })
    })
  )
  for (const id of importIds) await dropDeck(db, id)
  const bulkRows = (rep: number): CardRecord[] =>
    Array.from({ length: 10_000 }, (_, i) => ({
      id: `bench-bulk/${rep}/${i}`,
      deckId: 'bench-bulk',
      cardId: `${rep}-${i}`,
      reverse: false,
      ord: i,
      question: `Imported question ${i} about model drift?`,
      answer: `Answer ${i}: monitor it with SageMaker Model Monitor.`,
      tags: ['imported'],
      due: Date.now(),
      stability: 0,
      difficulty: 0,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      reps: 0,
      lapses: 0,
      state: 0,
      queue: Queue.New,
      createdAt: Date.now()
    }))
  const prepared = Array.from({ length: options.heavyReps + 1 }, (_, i) => bulkRows(i))
  add(
    'limit:import-10k',
    await timeRepeated(options.heavyReps, (i) =>
      db.transaction('rw', db.cards, () => db.cards.bulkPut(prepared[i < 0 ? options.heavyReps : i]!))
    ),
    'Dexie bulkPut of 10,000 card rows, one strict transaction'
  )
  await dropDeck(db, 'bench-bulk')

  // The grade's two parts, bare: ts-fsrs next() per card, and one strict Dexie transaction.
  const scheduler = createScheduler(deckOptions, DEFAULT_DAY_STARTS_AT_HOUR)
  const sample = await db.cards
    .where('[deckId+queue+due]')
    .between([deckId, Queue.Review, -Infinity], [deckId, Queue.Review, Infinity])
    .limit(1000)
    .toArray()
  const cards = sample.map((card) => toFsrsCard(card, scheduler.clock))
  const at = new Date()
  const perCard = await timeRepeated(options.reps, () => {
    for (const card of cards) scheduler.fsrs.next(card, at, Rating.Good)
  })
  add(
    'limit:fsrs-next',
    perCard.map((ms) => ms / cards.length),
    `ts-fsrs next() per card, mean of ${cards.length} cards per sample`
  )
  const target = sample[0]!
  const logIds: number[] = []
  const bareWrite = async () => logIds.push(await bareGradeWrite(db, target))
  // Storage that has just written is quicker at the next write than storage that has waited (the
  // same IndexedDB write in the app page: 0.9–1.6 ms back to back, 2.6–2.9 ms after 40 ms idle).
  // A grade always comes after a pause, so the limit is measured after the same pause; back to
  // back is printed as a probe.
  const pause = () => new Promise((resolve) => setTimeout(resolve, options.gradePauseMs))
  add(
    'limit:grade-write',
    await timeRepeated(options.reps * 5, bareWrite, { before: pause }),
    `one strict Dexie transaction: put a card, add a log; each after ${options.gradePauseMs} ms idle (the grades' median pause)`
  )
  add(
    'probe:grade-write-back-to-back',
    await timeRepeated(options.reps * 5, bareWrite),
    'the same transaction with no pause between samples'
  )
  await db.reviews.bulkDelete(logIds)
  raw.close()
  db.close()
  return out
}

/**
 * The grade's bare write: one strict Dexie transaction putting a card and adding a log, written
 * the quickest way Dexie allows (both requests at once, a plain scope without await, as
 * recordReview is), so the limit carries no overhead the app has already shed.
 */
async function bareGradeWrite(db: RecallDatabase, card: CardRecord): Promise<number> {
  const id = await db.transaction('rw', db.cards, db.reviews, () =>
    Dexie.Promise.all([
      db.cards.put(card),
      db.reviews.add({
        cardKey: card.id,
        deckId: card.deckId,
        rating: 3,
        state: 2,
        due: 0,
        stability: 1,
        difficulty: 5,
        elapsed_days: 0,
        last_elapsed_days: 0,
        scheduled_days: 1,
        learning_steps: 0,
        review: 0,
        duration: 1
      })
    ]).then(([, logId]) => logId)
  )
  return id as number
}

/** Resolves after the next frame has been painted: requestAnimationFrame, then a task (as the recorder). */
const afterPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve()
      channel.port2.postMessage(0)
    })
  )

interface KeyedSample {
  dom: number
  painted: number
  /** The previous key's text in the DOM → this key, as the recorder's grade pause. */
  pause: number
}

let keyed: { samples: KeyedSample[]; stop: () => Promise<void> } | null = null

/**
 * The whole grade, bare, from a real key: while armed, each key the runner presses starts the bare
 * write, then one line of text changes; timed like the app's grades (key event time → text in the
 * DOM → frame painted), so the browser's input delivery and its frame timing are in the limit too.
 */
async function armKeyedWrites() {
  const db = new RecallDatabase()
  const target = (await db.cards
    .where('[deckId+queue+due]')
    .between([deckIdOf(0), Queue.Review, -Infinity], [deckIdOf(0), Queue.Review, Infinity])
    .first())!
  const line = document.getElementById('paint-probe')!
  const samples: KeyedSample[] = []
  const logIds: number[] = []
  let lastShownAt = NaN
  const onKey = async (event: KeyboardEvent) => {
    const start = event.timeStamp
    logIds.push(await bareGradeWrite(db, target))
    line.textContent = `Question ${samples.length + 1}`
    const shownAt = performance.now()
    const pause = start - lastShownAt
    lastShownAt = shownAt
    await afterPaint()
    samples.push({ dom: shownAt - start, painted: performance.now() - start, pause })
  }
  const listener = (event: KeyboardEvent) => void onKey(event)
  window.addEventListener('keydown', listener)
  keyed = {
    samples,
    stop: async () => {
      window.removeEventListener('keydown', listener)
      await db.reviews.bulkDelete(logIds)
      db.close()
    }
  }
}

const keyedCount = () => keyed?.samples.length ?? 0

async function stopKeyedWrites() {
  const samples = keyed?.samples ?? []
  await keyed?.stop()
  keyed = null
  return samples
}

/** One app operation, once, for the profiler (scripts/bench/profile.ts). */
async function once(what: 'stats' | 'counts' | 'exam') {
  const db = new RecallDatabase()
  const store = createRecallStore({ db, platform, now: () => Date.now() })
  const deckIds = (await db.decks.toCollection().primaryKeys()).filter((id) => id.startsWith('bench-'))
  if (what === 'exam')
    await putExamPlan(db, {
      id: 'bench-exam',
      name: 'Bench exam',
      date: Date.now() + 60 * DAY_MS,
      deckIds,
      examMode: false,
      targetRecall: 0.9
    })
  const start = performance.now()
  if (what === 'stats') await store.getState().refreshStats()
  if (what === 'counts') await store.getState().refreshCounts()
  if (what === 'exam') await store.getState().refreshExamPlan()
  const ms = performance.now() - start
  db.close()
  return ms
}

declare global {
  interface Window {
    bench: {
      generate: typeof generate
      optimizeWeb: typeof optimizeWeb
      journalFigures: typeof journalFigures
      measure: typeof measure
      once: typeof once
      rowCounts: typeof rowCounts
      armKeyedWrites: typeof armKeyedWrites
      keyedCount: typeof keyedCount
      stopKeyedWrites: typeof stopKeyedWrites
      decks: number
    }
  }
}

window.bench = {
  generate,
  optimizeWeb,
  journalFigures,
  measure,
  once,
  rowCounts,
  armKeyedWrites,
  keyedCount,
  stopKeyedWrites,
  decks: DECKS
}
document.getElementById('status')!.textContent = 'bench ready'
