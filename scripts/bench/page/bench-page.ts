import { Queue } from '@core/model'
import { studyDayOf } from '@core/time/study-day'
import { RecallDatabase } from '@db/database'
import { putExamPlan } from '@db/exam-plan-repository'
import { getSettings, optionsForDeck } from '@db/options-repository'
import { countEveryDeck, loadTodayQueue } from '@db/study-repository'
import type { Platform } from '@platform/platform'
import { DAY_MS } from '@shared/durations'
import { createRecallStore } from '@store'
import { DECKS, deckIdOf, generateCollection, generatePicturesDeck, SEED_PROGRESS, type SeedProgress } from './generate'
import { journalFigures } from './journal-bench'
import { optimizeWeb } from './optimizer-bench'
import { bareCounts, bareQueue, openRaw, rowCounts, type CountsSpec, type QueueSpec } from './raw-idb'
import { createCollectionAt } from './seed-schema'
import { syncBench } from './sync-bench'

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

/**
 * A heavy user's collection as Recall's database version `seedVersion` held it (seed-schema.ts),
 * filled bare; the app's next start upgrades it. Nothing of the app has opened it yet, so there
 * is no journal either: that first start begins one and backs the collection up, as it does for
 * a user coming from a version before the journal.
 */
async function generate(n: number, now: number, seedVersion: number, logsPerCard = 10) {
  const start = performance.now()
  const tables = await createCollectionAt(seedVersion)
  const raw = await openRaw()
  try {
    const made = await generateCollection(raw, n, now, undefined, undefined, { logsPerCard, onProgress: seedProgress(start) })
    localStorage.setItem('recall.welcomeSeen', 'true')
    return { ...made, tables, ms: performance.now() - start }
  } finally {
    raw.close()
  }
}

/**
 * Rows written so far and the rate, on the console at most every 5 s (the runner prints lines
 * starting with SEED_PROGRESS), so that a seed of millions of rows is visibly alive.
 */
function seedProgress(start: number) {
  let shown = start
  return ({ cards, reviews, notes }: SeedProgress) => {
    const now = performance.now()
    if (now - shown < 5000) return
    shown = now
    const rows = cards + reviews + notes
    const s = (now - start) / 1000
    console.info(
      `${SEED_PROGRESS} ${cards} cards, ${reviews} logs, ${notes} notes: ${rows} rows in ${s.toFixed(0)} s, ${Math.round(rows / s)} rows/s`
    )
  }
}

/** After the app's first start (upgraded): the deck of picture cards, and an exam covering the ten bench decks 60 days ahead. */
async function afterFirstStart(now: number) {
  const raw = await openRaw()
  try {
    await generatePicturesDeck(raw, now)
  } finally {
    raw.close()
  }
  const db = new RecallDatabase()
  const deckIds = Array.from({ length: DECKS }, (_, i) => deckIdOf(i))
  await putExamPlan(db, { id: 'bench-exam', name: 'Bench exam', date: now + 60 * DAY_MS, deckIds, examMode: false, targetRecall: 0.9 })
  db.close()
  return { examDecks: deckIds }
}

const QUEUES = { fresh: Queue.New, learning: Queue.Learning, review: Queue.Review }

/**
 * What the bare limits of the deck list and the queue read: the numbers the app shows for every
 * deck, and how many cards of each list today's queue of `deckId` holds, as the app's own
 * functions find them now. Kept in localStorage for the bare first-card page.
 */
async function bareSpec(db: RecallDatabase, deckId: string): Promise<{ counts: CountsSpec; queue: QueueSpec }> {
  const { dayStartsAtHour } = await getSettings(db)
  const day = studyDayOf(Date.now(), dayStartsAtHour)
  const every = await countEveryDeck(db, day)
  const queue = await loadTodayQueue(db, deckId, day, await optionsForDeck(db, deckId))
  const spec = {
    counts: {
      dayEnd: day.end,
      queues: QUEUES,
      decks: every.map(({ deck, counts }) => ({ id: deck.id, review: counts.review, fresh: counts.fresh }))
    },
    queue: { deckId, dayEnd: day.end, queues: QUEUES, review: queue.review.length, fresh: queue.fresh.length }
  }
  localStorage.setItem('bench.bare', JSON.stringify(spec))
  return spec
}

async function writeBareSpec(deckId: string) {
  const db = new RecallDatabase()
  try {
    return await bareSpec(db, deckId)
  } finally {
    db.close()
  }
}

/**
 * Today's queue of the biggest deck through the app's loadTodayQueue, and the deck list's numbers
 * through the store's refreshCounts, each sample followed by its bare limit's (bareQueue,
 * bareCounts: the same rows, no more), so that whatever else the machine does hits both alike.
 */
async function measureQueueAndCounts(reps: number): Promise<Sample[]> {
  const db = new RecallDatabase()
  const raw = await openRaw()
  const store = createRecallStore({ db, platform, now: () => Date.now() })
  try {
    const deckId = deckIdOf(0)
    const spec = await bareSpec(db, deckId)
    const options = await optionsForDeck(db, deckId)
    const day = studyDayOf(Date.now(), (await getSettings(db)).dayStartsAtHour)
    const pairs = {
      queue: [() => loadTodayQueue(db, deckId, day, options), () => bareQueue(raw, spec.queue)],
      counts: [() => store.getState().refreshCounts(), () => bareCounts(raw, spec.counts)]
    } as const
    const out: Sample[] = []
    for (const [name, [app, bare]] of Object.entries(pairs)) {
      const [ours, limit]: [number[], number[]] = [[], []]
      for (let i = -1; i < reps; i++) {
        for (const [run, into] of [
          [app, ours],
          [bare, limit]
        ] as const) {
          const start = performance.now()
          await run()
          if (i >= 0) into.push(performance.now() - start)
        }
      }
      out.push({ name, unit: 'ms', samples: ours }, { name: `limit:${name}`, unit: 'ms', samples: limit })
    }
    const shown = spec.counts.decks.reduce((n, d) => n + d.review + d.fresh, 0)
    out.find((s) => s.name === 'limit:counts')!.note =
      `${spec.counts.decks.length} decks: decks, presets, the two counter rows and the keys behind the ${shown} review and new cards shown`
    out.find((s) => s.name === 'limit:queue')!.note =
      `the studied-today row, the learning cards due today, and the ${spec.queue.review} review and ${spec.queue.fresh} new cards of the queue`
    return out
  } finally {
    raw.close()
    db.close()
  }
}

/** An imported deck taken out again through the app's Dexie class (its middleware keeps the caches right), with the media added since `since`. */
async function dropImported(deckId: string, since: number) {
  const db = new RecallDatabase()
  try {
    await db.transaction('rw', [db.cards, db.notes, db.decks, db.media], async () => {
      await db.cards.where('deckId').equals(deckId).delete()
      await db.notes.where('deckId').equals(deckId).delete()
      await db.decks.delete(deckId)
      await db.media.filter((m) => m.added >= since).delete()
    })
  } finally {
    db.close()
  }
}

/** One app operation, once, for the profiler (scripts/bench/profile.ts). */
async function once(what: 'stats' | 'counts' | 'exam') {
  const db = new RecallDatabase()
  const store = createRecallStore({ db, platform, now: () => Date.now() })
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
      afterFirstStart: typeof afterFirstStart
      writeBareSpec: typeof writeBareSpec
      measureQueueAndCounts: typeof measureQueueAndCounts
      dropImported: typeof dropImported
      optimizeWeb: typeof optimizeWeb
      journalFigures: typeof journalFigures
      once: typeof once
      rowCounts: typeof rowCounts
      sync: typeof syncBench
    }
  }
}

window.bench = {
  generate,
  afterFirstStart,
  writeBareSpec,
  measureQueueAndCounts,
  dropImported,
  optimizeWeb,
  journalFigures,
  once,
  rowCounts,
  sync: syncBench
}
document.getElementById('status')!.textContent = 'bench ready'
