import { mulberry32 } from '@core/practice/random'
import { DEFAULT_STUDY_OPTIONS, type CardRecord, type SchedulingState } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { cardStateFingerprint } from '@core/sync/card-replay'
import { applyChanges, emptySyncState } from '@core/sync/sync-state'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { RecallDatabase } from '@db/database'
import { syncNow } from '@db/sync/sync-engine'
import { linkCollection } from '@db/sync/sync-link'
import { metaTable } from '@db/sync/sync-meta'
import { syncCardState } from '@db/sync/row-fields'
import type { SyncedReviewRecord } from '@db/sync/sync-records'
import type { ReviewChange } from '@shared/sync/changes'
import { formatStamp, startHlc, tick, type Hlc } from '@shared/sync/hlc'
import { readSyncFolder, type SyncFile } from '@shared/sync/read-sync-folder'
import { encodeSegment, segmentName } from '@shared/sync/segment-format'
import { encodeSnapshotParts, newSnapshotGroup, snapshotName } from '@shared/sync/snapshot-format'
import type { SyncFolderAccess, SyncFolderResult, SyncListOptions } from '@shared/sync/sync-folder-access'
import { Rating, type Grade } from 'ts-fsrs'
import { generateCollection } from './generate'
import { barePut, openRaw, sameShape } from './raw-idb'

const DAY = 86_400_000
const YEAR = 365 * DAY
/** The most changes a device puts in one segment (the engine's MAX_SEGMENT_CHANGES). */
const SEGMENT_CHANGES = 5_000
const COLLECTION = 'bench-sync'
/** The other device: an id as deviceIdOf makes them (16 hex digits). */
const OTHER_DEVICE = '0b0e0d0e0f000102'

/** A sync folder in memory (the contract of shared/sync/sync-folder-access.ts): path under `recall/` → text. */
class BenchFolder implements SyncFolderAccess {
  readonly files = new Map<string, string>()
  /** When each file was written (a count): its signature with its length, as a disk's modification time. */
  private readonly written = new Map<string, number>()
  private writes = 0
  list(options: SyncListOptions = {}): Promise<SyncFolderResult<SyncFile[]>> {
    const files = [...this.files].map(([path, text]) => {
      const sig = `${text.length}:${this.written.get(path) ?? 0}`
      return options.textless ? { path, sig } : { path, sig, text }
    })
    return Promise.resolve({ ok: true, value: files })
  }
  /** A file put in the folder (this device's writes, or the other device's delivered). */
  put(path: string, text: string): void {
    this.files.set(path, text)
    this.written.set(path, ++this.writes)
  }
  writeSegment(device: string, seq: number, text: string): Promise<SyncFolderResult<string>> {
    const path = `${device}/${segmentName(seq)}`
    if (this.files.has(path)) return Promise.resolve({ ok: false, problem: { kind: 'failed', message: `${path} already exists` } })
    this.put(path, text)
    return Promise.resolve({ ok: true, value: path })
  }
  writeSnapshot(device: string, seq: number, text: string): Promise<SyncFolderResult<string>> {
    const path = `${device}/${snapshotName(seq)}`
    if (this.files.has(path)) return Promise.resolve({ ok: false, problem: { kind: 'failed', message: `${path} already exists` } })
    this.put(path, text)
    return Promise.resolve({ ok: true, value: path })
  }
  removeOwn(device: string, name: string): Promise<SyncFolderResult<string>> {
    this.files.delete(`${device}/${name}`)
    return Promise.resolve({ ok: true, value: `${device}/${name}` })
  }
  writeMedia(device: string, hash: string): Promise<SyncFolderResult<string>> {
    return Promise.resolve({ ok: true, value: `${device}/media/${hash}` })
  }
  readMedia(): Promise<SyncFolderResult<Uint8Array>> {
    return Promise.resolve({ ok: false, problem: { kind: 'missing', message: 'no media in the bench' } })
  }
}

/** Again 8 %, Hard 12 %, Good 70 %, Easy 10 %. */
function ratingOf(r: number): Grade {
  return r < 0.08 ? Rating.Again : r < 0.2 ? Rating.Hard : r < 0.9 ? Rating.Good : Rating.Easy
}

/**
 * A year of another device's study, as that device's recorder would have written it: `count`
 * grades at seeded times spread over the year after `from`, on seeded cards of the collection,
 * each graded by the app's scheduler (default options, the deck's preset here) from the state the
 * card had reached, so `before` is the fingerprint the replay will find and `after` the state the
 * device gave. Stamps come from the device's clock; segments of at most 5,000 changes.
 */
function otherDeviceYear(cards: readonly CardRecord[], count: number, from: number, seed = 24): { texts: string[]; touched: Set<string> } {
  const rand = mulberry32(seed)
  const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
  const states = new Map<string, SchedulingState>()
  const times = Array.from({ length: count }, () => from + DAY + Math.floor(rand() * (YEAR - 2 * DAY))).sort((a, b) => a - b)
  let clock: Hlc = startHlc(OTHER_DEVICE)
  const changes: ReviewChange[] = []
  const touched = new Set<string>()
  for (const time of times) {
    const card = cards[Math.floor(rand() * cards.length)]!
    const state = states.get(card.id) ?? card
    const at = Math.max(time, state.last_review ?? 0)
    const rating = ratingOf(rand())
    const outcome = previewGrades(scheduler, state, at)[rating]
    clock = tick(clock, at)
    const stamp = formatStamp(clock)
    const { state: logState, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps } = outcome.log
    changes.push({
      k: 'review',
      at: stamp,
      id: stamp,
      card: card.id,
      deck: card.deckId,
      rating,
      review: at,
      duration: 3_000 + Math.floor(rand() * 12_000),
      before: cardStateFingerprint(syncCardState(state)),
      log: { state: logState, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps },
      after: syncCardState(outcome.next)
    })
    states.set(card.id, outcome.next)
    touched.add(card.id)
  }
  const texts: string[] = []
  for (let start = 0, seq = 1; start < changes.length; start += SEGMENT_CHANGES, seq++)
    texts.push(encodeSegment(OTHER_DEVICE, seq, changes.slice(start, start + SEGMENT_CHANGES)).text)
  return { texts, touched }
}

interface Prepared {
  db: RecallDatabase
  folder: BenchFolder
  other: string[]
  touched: Set<string>
  now: number
}
let prepared: Prepared | undefined

/**
 * Untimed: a collection of `cards` cards (the bench's generator, its history ending a year ago),
 * linked by merging to an empty in-memory folder a year ago (its whole state written there, as a
 * link does), then a year of another device's grades put into that folder.
 */
async function prepareSync(cards: number, reviews: number) {
  const now = Date.now()
  const yearAgo = now - YEAR
  let start = performance.now()
  await RecallDatabase.delete(COLLECTION)
  const app = new RecallDatabase(COLLECTION)
  await app.open()
  app.close()
  const raw = await openRaw(COLLECTION)
  const made = await generateCollection(raw, cards, yearAgo - DAY)
  raw.close()
  const generateMs = performance.now() - start

  const db = new RecallDatabase(COLLECTION)
  const folder = new BenchFolder()
  start = performance.now()
  const linked = await linkCollection(db, folder, 'merge', { now: yearAgo })
  if (!linked.ok) throw new Error(`linking failed: ${JSON.stringify(linked)}`)
  const linkMs = performance.now() - start
  const ownFiles = folder.files.size
  const ownBytes = [...folder.files.values()].reduce((n, t) => n + t.length, 0)

  const year = otherDeviceYear(await db.cards.toArray(), reviews, yearAgo)
  year.texts.forEach((text, i) => folder.put(`${OTHER_DEVICE}/${segmentName(i + 1)}`, text))
  prepared = { db, folder, other: year.texts, touched: year.touched, now }
  return {
    ...made,
    generateMs,
    linkMs,
    ownSegments: ownFiles,
    ownMB: ownBytes / 1e6,
    otherSegments: year.texts.length,
    otherMB: year.texts.reduce((n, t) => n + t.length, 0) / 1e6,
    touchedCards: year.touched.size
  }
}

/**
 * The main-thread tasks over 50 ms (longtask entries) that started while `run` ran: the longest,
 * their count and their sum. A sync holds the page no longer than its longest task: a key pressed
 * meanwhile waits that long.
 */
async function longTasksDuring<T>(run: () => Promise<T>): Promise<{ result: T; longest: number; count: number; total: number }> {
  const tasks: PerformanceEntry[] = []
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()))
  observer.observe({ type: 'longtask' })
  const start = performance.now()
  const result = await run()
  const end = performance.now()
  // Entries are delivered after their task: one more task lets the last one arrive.
  await new Promise((resolve) => setTimeout(resolve, 0))
  tasks.push(...observer.takeRecords())
  observer.disconnect()
  const during = tasks.filter((t) => t.startTime >= start && t.startTime <= end)
  return {
    result,
    longest: Math.max(0, ...during.map((t) => t.duration)),
    count: during.length,
    total: during.reduce((sum, t) => sum + t.duration, 0)
  }
}

/** The exchange that applies the other device's year: syncNow, timed whole, with its long tasks. */
async function runSync() {
  const { db, folder, now } = prepared!
  const before = await db.reviews.count()
  const start = performance.now()
  const { result: report, ...tasks } = await longTasksDuring(() => syncNow(db, folder, { now }))
  const ms = performance.now() - start
  const after = await db.reviews.count()
  return { ms, ok: report.ok, received: report.received, sent: report.sent, newRows: after - before, notices: report.notices, tasks }
}

/**
 * Parts of that exchange, timed again on the same folder (the engine does not time its own): the
 * folder's files read and decoded (readSyncFolder), and the merge state rebuilt from every segment
 * (applyChanges). What the exchange took beyond both is the replay of the touched cards, the
 * one apply transaction and the bookkeeping.
 */
async function syncParts() {
  const { folder } = prepared!
  const listed = await folder.list()
  if (!listed.ok) throw new Error('the folder could not be listed')
  let start = performance.now()
  const read = readSyncFolder(listed.value)
  const decodeMs = performance.now() - start
  start = performance.now()
  const state = emptySyncState()
  for (const segment of read.segments) applyChanges(state, segment.changes)
  const mergeMs = performance.now() - start
  return { decodeMs, mergeMs, segments: read.segments.length, changes: read.segments.reduce((n, s) => n + s.changes.length, 0) }
}

let bareRows: { reviews: SyncedReviewRecord[]; cards: CardRecord[] } | undefined

/**
 * The limit: what applying the year cannot avoid. Every line of the other device's segments
 * parsed (JSON.parse: the folder is text), and the rows the exchange wrote — the other device's
 * review rows and the cards they touched, as they stand after it (read back untimed, the same
 * bytes) — put into `recall-bare` in one readwrite transaction with strict durability, no Dexie.
 * Before the exchange, the rows are those a first pass of the same function would write: built
 * from the segments' review changes and the cards' final states.
 */
async function syncLimit() {
  const { db, other, touched } = prepared!
  const source = await openRaw(COLLECTION)
  const bare = await sameShape(source, 'recall-bare')
  source.close()
  const rows = bareRows ?? (await rowsLikeTheSync(db, other, touched))
  let start = performance.now()
  let lines = 0
  for (const text of other)
    for (const line of text.split('\n')) {
      if (line === '') continue
      JSON.parse(line.slice(0, line.lastIndexOf('\t')))
      lines++
    }
  const parseMs = performance.now() - start
  start = performance.now()
  await barePut(bare, { reviews: rows.reviews, cards: rows.cards })
  const putMs = performance.now() - start
  bare.close()
  return { parseMs, putMs, ms: parseMs + putMs, lines, reviews: rows.reviews.length, cards: rows.cards.length }
}

/** Before the exchange: review rows of the same fields and size from the segments, and the touched cards as they are. */
async function rowsLikeTheSync(db: RecallDatabase, texts: readonly string[], touched: ReadonlySet<string>) {
  const reviews: SyncedReviewRecord[] = []
  let id = 1e9
  for (const text of texts)
    for (const line of text.split('\n')) {
      if (!line.includes('"k":"review"')) continue
      const change = JSON.parse(line.slice(0, line.lastIndexOf('\t'))) as ReviewChange
      reviews.push({
        id: id++,
        cardKey: change.card,
        deckId: change.deck,
        rating: change.rating,
        review: change.review,
        duration: change.duration,
        ...change.log,
        syncId: change.id
      })
    }
  const cards = (await db.cards.bulkGet([...touched])).filter((c): c is CardRecord => c !== undefined)
  return { reviews, cards }
}

/** After the exchange: the rows it wrote, read back, so that later limit samples put exactly those bytes. */
async function keepWrittenRows() {
  const { db, touched } = prepared!
  const reviews = (await db.reviews.toArray()).filter((r: SyncedReviewRecord) => r.syncId?.endsWith(OTHER_DEVICE))
  const cards = (await db.cards.bulkGet([...touched])).filter((c): c is CardRecord => c !== undefined)
  bareRows = { reviews, cards }
  return { reviews: reviews.length, cards: cards.length }
}

/** The folder's size: its files' text, in MB (characters; the segments are ASCII but for the cards' text). */
function folderMB(folder: BenchFolder): { files: number; mb: number } {
  return { files: folder.files.size, mb: [...folder.files.values()].reduce((n, t) => n + t.length, 0) / 1e6 }
}

/** One syncNow with nothing new in the folder: what every later exchange costs (read, decode, rebuild, bookkeeping). */
/**
 * Two exchanges with nothing new: the first as the app makes it (the folder's files as the last
 * sync recorded them: nothing read), the second with that record dropped, as every sync was before
 * it (the folder read, decoded and merged whole).
 */
async function steadySync(now: number) {
  const { db, folder } = prepared!
  let start = performance.now()
  const report = await syncNow(db, folder, { now })
  const ms = performance.now() - start
  const exchange = await metaTable(db).get('exchange')
  const recorded = exchange?.key === 'exchange' && exchange.files !== undefined
  if (exchange?.key === 'exchange') await metaTable(db).put({ ...exchange, files: undefined })
  start = performance.now()
  const whole = await syncNow(db, folder, { now: now + 500 })
  const readMs = performance.now() - start
  return { ms, readMs, recorded, ok: report.ok && whole.ok, received: report.received + whole.received, removed: report.removed ?? 0 }
}

/**
 * After the year is applied: the folder's size and one exchange with nothing new, before and after
 * compaction. Compaction needs both devices' snapshots: this one writes its own (syncNow with
 * `snapshot`, timed); the other device's is made from the same state (both hold the same
 * collection by now), as it would write it at its next sync, and that device's segments are removed
 * as its own compaction would. The next syncNow then reads the other's snapshot (fresh: only what
 * is new here is applied) and removes this device's segments.
 */
async function compactSync() {
  const { folder, now } = prepared!
  const before = folderMB(folder)
  const steadyBefore = await steadySync(now + 1_000)
  let start = performance.now()
  const written = await syncNow(prepared!.db, folder, { now: now + 2_000, snapshot: true })
  const snapshotMs = performance.now() - start
  const own = [...folder.files].filter(([path]) => path.endsWith('.snap')).map(([path, text]) => ({ path, text }))
  const [decoded] = readSyncFolder(own).snapshots
  if (!written.ok || !decoded) throw new Error(`no snapshot was written: ${JSON.stringify(written)}`)
  const head = { device: OTHER_DEVICE, first: 1, covers: decoded.covers, latest: decoded.latest, group: newSnapshotGroup() }
  for (const part of encodeSnapshotParts(head, decoded.changes)) folder.put(`${OTHER_DEVICE}/${part.name}`, part.text)
  for (const path of [...folder.files.keys()]) if (path.startsWith(`${OTHER_DEVICE}/`) && path.endsWith('.seg')) folder.files.delete(path)
  start = performance.now()
  const compacting = await syncNow(prepared!.db, folder, { now: now + 3_000 })
  const compactMs = performance.now() - start
  const after = folderMB(folder)
  const steadyAfter = await steadySync(now + 4_000)
  return { before, after, steadyBefore, steadyAfter, snapshotMs, compactMs, removed: compacting.removed ?? 0, ok: compacting.ok }
}

async function closeSync() {
  prepared?.db.close()
  prepared = undefined
  bareRows = undefined
  await RecallDatabase.delete(COLLECTION)
  await RecallDatabase.delete('recall-bare')
}

export const syncBench = { prepareSync, runSync, syncParts, syncLimit, keepWrittenRows, compactSync, closeSync }
