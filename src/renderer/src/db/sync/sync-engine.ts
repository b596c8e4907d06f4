import type { DeviceSyncStatus, SyncReport } from '@core/sync/sync-report'
import { applyingChanges, keptApplied, loadingFolder, segmentKey, type FreshPart } from '@core/sync/folder-state'
import { replayingCards, studySchedulers } from '@core/sync/merged-collection'
import type { SyncState, Touched } from '@core/sync/sync-state'
import type { RecallDatabase } from '@db/database'
import { withReplayNext, writeMerged } from '@db/sync/apply-merged'
import { receiveMedia, sendMedia } from '@db/sync/media-exchange'
import { localChanges } from '@db/sync/outbox-changes'
import { snapshotStep } from '@db/sync/snapshot-exchange'
import { folderSignatures, notingWrites, unchangedFolderReport } from '@db/sync/unchanged-folder'
import { emptyExchange, metaTable, readMeta } from '@db/sync/sync-meta'
import { OUTBOX_TABLE, ownReviewId, type ExchangeRow, type LinkRow } from '@db/sync/sync-records'
import type { SyncChange } from '@shared/sync/changes'
import { formatStamp, parseStamp, receive, startHlc } from '@shared/sync/hlc'
import { readingSyncFolder, type SyncFolderRead } from '@shared/sync/read-sync-folder'
import { encodeSegment, type Segment } from '@shared/sync/segment-format'
import type { Frontier } from '@shared/sync/snapshot-format'
import type { SyncFolderAccess, SyncFolderProblem } from '@shared/sync/sync-folder-access'
import { inSlices } from '@shared/slices'
import { lostNotice, notices } from '@db/sync/sync-notices'

/** Changes per segment: a whole collection is written as many files of bounded size. */
const MAX_SEGMENT_CHANGES = 5_000

const running = new WeakMap<RecallDatabase, Promise<SyncReport>>()

/**
 * One exchange with the sync folder: the other devices' new segments applied (read first, so the
 * clock has received their stamps before this machine's changes are stamped), then this machine's
 * changes written as its next segments. Folder problems come back in the report, never thrown.
 * Serialised: a call while one runs joins it.
 */
export function syncNow(
  db: RecallDatabase,
  folder: SyncFolderAccess,
  options: {
    now?: number
    /** Write this device's snapshot now, due or not (tests, the bench). */
    snapshot?: boolean
    /** The longest text of one snapshot file (tests: snapshots in parts); `MAX_PART_CHARS` by default. */
    snapshotPartChars?: number
  } = {}
): Promise<SyncReport> {
  const current = running.get(db)
  if (current) return current
  const snapshot = { force: options.snapshot === true, ...(options.snapshotPartChars ? { partChars: options.snapshotPartChars } : {}) }
  const run = exchange(db, folder, options.now ?? Date.now(), snapshot).finally(() => running.delete(db))
  running.set(db, run)
  return run
}

async function exchange(
  db: RecallDatabase,
  noted: SyncFolderAccess,
  now: number,
  snapshot: { force: boolean; partChars?: number }
): Promise<SyncReport> {
  // Each file this sync writes is noted: the folder holds it as this collection does (`folderSignatures`).
  const { folder, written: ownWrites } = notingWrites(noted)
  const meta = await readMeta(db)
  if (!meta.link || !meta.device)
    return { ok: false, at: now, sent: 0, received: 0, devices: [], notices: ['This collection is not linked to a sync folder.'] }
  const device = meta.device
  const previous = meta.exchange ?? emptyExchange()
  const unchanged = await unchangedFolderReport(db, noted, { previous, link: meta.link, force: snapshot.force, now })
  if (unchanged) return keepReport(db, unchanged)
  const listed = await folder.list()
  if (!listed.ok) return keepReport(db, failed(now, listed.problem, previous, device))
  // Decoded a file at a time, giving the page turns between (seconds at 100,000 cards).
  const read = await inSlices(readingSyncFolder(listed.value))

  // The merge state is rebuilt from the folder: snapshots, and the segments none holds (docs/sync.md).
  const applied = new Set(previous.applied)
  const loaded = await inSlices(loadingFolder(read, applied))
  // This device's own files lost from the folder (damaged, or removed by hand) will not come back:
  // the collection still holds what they said, so all of it is sent again instead of waiting.
  const lost = loaded.waiting.filter((key) => key.startsWith(`${device}/`))
  if (loaded.waiting.length > lost.length) return keepReport(db, waitingReport(now, read, previous, device, loaded.waiting))
  const resend = meta.link.wholePending || lost.length > 0
  if (lost.length > 0 && !meta.link.wholePending) await metaTable(db).put({ ...meta.link, wholePending: true } satisfies LinkRow)
  const { state, fresh } = loaded
  let latest = state.latest
  for (const part of fresh) if (part.latest > latest) latest = part.latest
  let clock = startHlc(device, previous.clock || undefined)
  const received = parseStamp(latest)
  if (received) clock = receive(clock, received, now)

  const local = await localChanges(db, state, clock, { whole: resend, now })
  clock = local.clock
  // The bytes of the media this device names go to the folder before the segments that name them.
  const mediaProblem = await sendMedia(db, folder, device, read, local.changes)
  const outboxRead = local.consumed.reduce((max, id) => Math.max(max, id), 0)
  await inSlices(applyingChanges(state, local.changes))
  const merged = await inSlices(applyingRemote(state, fresh))
  // Left by the last sync as a grade given while it ran made them: replayed now, with that grade.
  for (const key of previous.replayNext ?? []) merged.touched.cards.add(key)

  const lastExchange = { ...previous.lastExchange }
  for (const segment of fresh) lastExchange[segment.device] = now
  // What the last complete sync recorded is dropped until this one completes.
  const { files: _recorded, ...previousRow } = previous
  let exchangeRow: ExchangeRow = {
    ...previousRow,
    clock: formatStamp(clock),
    applied: [...keptApplied(read, applied), ...fresh.map((part) => part.key)],
    lastExchange
  }
  // The touched cards' replays, a card at a time with turns for the page: only the writes stay in the one transaction.
  const replays = await inSlices(replayingCards(state, cardsToReplay(merged.touched), studySchedulers(state)))
  const { replayNext } = await writeMerged(db, state, {
    replays,
    touched: merged.touched,
    newReviews: merged.newReviews,
    checkHere: loaded.replaced,
    undone: merged.undone,
    ownReviewKey: (id) => ownReviewKey(device, id),
    device,
    exchange: exchangeRow,
    outboxRead,
    now
  })
  exchangeRow = withReplayNext(exchangeRow, replayNext)
  const media = await receiveMedia(db, folder, state, read, { outboxRead, now })

  const written = mediaProblem
    ? { segments: [], problem: mediaProblem }
    : await writeSegments(folder, device, Math.max(previous.written, highestSeq(read, device)), local.changes)
  if (written.segments.length > 0) {
    exchangeRow = {
      ...exchangeRow,
      written: written.segments.at(-1)!.seq,
      applied: [...exchangeRow.applied, ...written.segments.map(segmentKey)],
      lastExchange: { ...exchangeRow.lastExchange, [device]: now }
    }
  }
  const allWritten = written.problem === undefined
  await db.transaction('rw', [metaTable(db), db.table(OUTBOX_TABLE)], async () => {
    await metaTable(db).put(exchangeRow)
    // Only once everything is in the folder: a failed write keeps every entry for the next sync.
    if (allWritten) {
      await db.table(OUTBOX_TABLE).bulkDelete(local.consumed)
      const link = (await metaTable(db).get('link')) as LinkRow | undefined
      if (link?.wholePending) await metaTable(db).put({ ...link, wholePending: false })
    }
  })
  const compacted = allWritten
    ? await snapshotStep(db, folder, device, { read, loaded, state, written: written.segments, exchange: exchangeRow, ...snapshot })
    : undefined

  const complete = allWritten && lost.length === 0 && !compacted?.notice && media.arriving === 0
  const files = complete ? await folderSignatures(folder, listed.value, ownWrites) : undefined
  if (files) await metaTable(db).put({ ...(compacted?.exchange ?? exchangeRow), files })

  const report: SyncReport = {
    ok: allWritten,
    at: now,
    sent: allWritten ? local.changes.length : 0,
    received: fresh.reduce((n, s) => n + s.changes.length, 0),
    devices: deviceStatuses(compacted?.read ?? read, compacted?.exchange ?? exchangeRow, device, loaded.covered),
    ...(written.problem ? { folderProblem: written.problem } : {}),
    ...(compacted?.removed ? { removed: compacted.removed } : {}),
    notices: [
      ...notices(read),
      ...(lost.length > 0 ? [lostNotice(lost)] : []),
      ...media.notices,
      ...(compacted?.notice ? [compacted.notice] : [])
    ],
    media: { changed: media.changed, arriving: media.arriving }
  }
  return keepReport(db, report)
}

/** The cards a merge replays: those whose reviews or moves it touched, and those whose own fields it wrote. */
function* cardsToReplay(touched: Touched): Generator<string> {
  yield* touched.cards
  for (const where of touched.rows) if (where.startsWith('cards:')) yield where.slice('cards:'.length)
}

/**
 * The other devices' new segments (and what their snapshots hold that is new here) added to the
 * merge state, in steps (a year of another device's study is 100,000 changes): what they touched,
 * the reviews new here and those taken back.
 */
function* applyingRemote(
  state: SyncState,
  fresh: readonly FreshPart[]
): Generator<void, { touched: Touched; newReviews: string[]; undone: string[] }> {
  const known = new Set<string>()
  const undone: string[] = []
  const changes: SyncChange[] = []
  for (const part of fresh) if (part.latest > state.latest) state.latest = part.latest
  for (const segment of fresh)
    for (const change of segment.changes) {
      changes.push(change)
      if (change.k === 'review' && !state.reviews.has(change.id)) known.add(change.id)
      if (change.k === 'undo' && !state.undone.has(change.review)) undone.push(change.review)
    }
  const touched = yield* applyingChanges(state, changes)
  return { touched, newReviews: [...known], undone }
}

async function writeSegments(
  folder: SyncFolderAccess,
  device: string,
  lastSeq: number,
  changes: readonly SyncChange[]
): Promise<{ segments: Segment[]; problem?: SyncFolderProblem }> {
  const segments: Segment[] = []
  for (let start = 0; start < changes.length; start += MAX_SEGMENT_CHANGES) {
    const seq = lastSeq + segments.length + 1
    const part = changes.slice(start, start + MAX_SEGMENT_CHANGES)
    const { text, checksum } = encodeSegment(device, seq, part)
    const result = await folder.writeSegment(device, seq, text)
    if (!result.ok) return { segments, problem: result.problem }
    // As the folder now holds it, without decoding the text just made.
    segments.push({ device, seq, changes: part, checksum })
  }
  return { segments }
}

/** The highest segment number of this device the folder holds, or a snapshot holds (its segments may be compacted): a device linked again goes on after it. */
function highestSeq(read: SyncFolderRead, device: string): number {
  return Math.max(read.devices.get(device)?.segments.at(-1) ?? 0, ...read.snapshots.map((s) => s.covers[device] ?? 0))
}

/** This device's own review ids carry their row's key here (`ownReviewId`). */
function ownReviewKey(device: string, id: string): number | undefined {
  const prefix = ownReviewId(device, 0).slice(0, -1)
  if (!id.startsWith(prefix)) return undefined
  const key = Number(id.slice(prefix.length))
  return Number.isSafeInteger(key) ? key : undefined
}

function deviceStatuses(read: SyncFolderRead, exchange: ExchangeRow, self: string, covered: Frontier = {}): DeviceSyncStatus[] {
  const appliedSeqs = new Map<string, Set<number>>()
  for (const key of exchange.applied) {
    const [device, seq] = key.split('/')
    ;(appliedSeqs.get(device!) ?? appliedSeqs.set(device!, new Set()).get(device!)!).add(Number(seq))
  }
  const ids = new Set([self, ...read.devices.keys()])
  return [...ids].sort().map((device) => {
    const status = read.devices.get(device)
    const applied = appliedSeqs.get(device)
    return {
      device,
      self: device === self,
      segments: status?.segments.length ?? 0,
      // A segment a snapshot read holds is in this collection, whether or not it was applied on its own.
      applied: status ? status.segments.filter((seq) => applied?.has(seq) || seq <= (covered[device] ?? 0)).length : 0,
      ...snapshotStatus(read, device),
      missing: status?.missing ?? [],
      arriving: status?.arriving ?? 0,
      ...(exchange.lastExchange[device] !== undefined ? { lastExchange: exchange.lastExchange[device] } : {})
    }
  })
}

function failed(now: number, problem: SyncFolderProblem, exchange: ExchangeRow, self: string): SyncReport {
  const empty: SyncFolderRead = { segments: [], snapshots: [], devices: new Map(), problems: [] }
  return { ok: false, at: now, sent: 0, received: 0, devices: deviceStatuses(empty, exchange, self), folderProblem: problem, notices: [] }
}

/** The exchange waits: segments this collection applied were compacted away, and the snapshot that holds them has not arrived. */
function waitingReport(now: number, read: SyncFolderRead, exchange: ExchangeRow, self: string, waiting: readonly string[]): SyncReport {
  const devices = [...new Set(waiting.map((key) => key.split('/')[0]!))]
  return {
    ok: false,
    at: now,
    sent: 0,
    received: 0,
    devices: deviceStatuses(read, exchange, self),
    notices: [
      `Waiting for the snapshot of ${devices.join(', ')}: segments this collection applied were compacted, and the snapshot that holds them has not arrived yet. Nothing was changed.`
    ]
  }
}

/** The device's newest snapshot, and how many of its segments only snapshots hold now (compacted). */
function snapshotStatus(read: SyncFolderRead, device: string): { snapshot?: number; compacted: number } {
  const status = read.devices.get(device)
  const covered = Math.max(0, ...read.snapshots.map((s) => s.covers[device] ?? 0))
  const present = (status?.segments ?? []).filter((seq) => seq <= covered).length
  const newest = status?.snapshots.at(-1)
  return { ...(newest !== undefined ? { snapshot: newest } : {}), compacted: covered - present }
}

async function keepReport(db: RecallDatabase, report: SyncReport): Promise<SyncReport> {
  await metaTable(db).put({ key: 'report', report })
  return report
}

export { lastSyncReport } from '@db/sync/sync-meta'
