import { novelChanges } from '@core/sync/snapshot-state'
import { applyChanges, emptySyncState, type SyncState, type Touched } from '@core/sync/sync-state'
import type { SyncChange } from '@shared/sync/changes'
import type { Stamp } from '@shared/sync/hlc'
import type { SyncFolderRead } from '@shared/sync/read-sync-folder'
import type { Segment } from '@shared/sync/segment-format'
import type { Frontier, Snapshot } from '@shared/sync/snapshot-format'
import { allSteps } from '@shared/slices'

/** A file's content new to this collection: a segment, or what a snapshot holds that the collection does not. */
export interface FreshPart {
  key: string
  device: string
  changes: SyncChange[]
  /** The latest stamp the file had seen (a snapshot's may be later than its changes). */
  latest: string
  snapshot: boolean
}

export interface FolderState {
  /** What the collection already holds: its applied snapshots and segments. */
  state: SyncState
  /** Content to apply now, in no particular order (the merge does not need one). */
  fresh: FreshPart[]
  /** For each device, up to which segment number the snapshots read (applied or fresh) hold everything. */
  covered: Frontier
  /** The segment numbers read, by device, beyond `covered` (base and fresh). */
  read: Map<string, Set<number>>
  /**
   * Applied segments no longer in the folder and held by no snapshot read (their device compacted
   * them, and the snapshot that holds them has not arrived here yet), and applied snapshots removed
   * while no newer one of their device is here. Rebuilt without them, the state would lack what the
   * collection holds; the exchange waits for that snapshot.
   */
  waiting: string[]
  /**
   * Content the collection applied is gone from the folder and a snapshot read now holds it (its
   * device compacted it): the state lacks it, so what that snapshot holds may be in the collection
   * already, though the state calls it fresh.
   */
  replaced: boolean
}

export const segmentKey = (s: Segment) => `${s.device}/${s.seq}/${s.checksum}`
export const snapshotKey = (s: Snapshot) => `${s.device}/snapshot-${s.seq}/${s.checksum}`
const SNAPSHOT_KEY = /^snapshot-(\d+)$/

/** Applied keys of files still in the folder: those of removed files (compacted, or replaced: a snapshot read holds them) are forgotten. */
export function keptApplied(read: SyncFolderRead, applied: Iterable<string>): string[] {
  const present = new Set([...read.segments.map(segmentKey), ...read.snapshots.map(snapshotKey)])
  return [...applied].filter((key) => present.has(key))
}

/**
 * The merge state from the folder, read with snapshots: the newest whole snapshot of each device,
 * and the segments no snapshot read holds. `applied` (keys of segments and snapshots the collection
 * holds) splits it into the state the collection already holds and the fresh content to apply.
 * A segment the collection applied is read into that state even where a fresh snapshot holds it
 * too, so that the state always holds all the collection does (local changes are compared with it).
 */
export function loadFolder(read: SyncFolderRead, applied: ReadonlySet<string>): FolderState {
  return allSteps(loadingFolder(read, applied))
}

/** Changes applied between two pauses of `loadingFolder`: a few milliseconds' work. */
const CHANGES_PER_STEP = 2_000

/**
 * `loadFolder` in steps: it pauses (yields) every few thousand changes, so that a caller on the
 * page's thread can give the page turns (`inSlices`); a 100,000-card folder's state takes
 * seconds to build. Applying changes in pieces gives the same state as at once (any order of
 * arrival does).
 */
export function* loadingFolder(read: SyncFolderRead, applied: ReadonlySet<string>): Generator<void, FolderState> {
  const state = emptySyncState()
  const chosen = newestSnapshots(read.snapshots)
  const base = chosen.filter((s) => applied.has(snapshotKey(s)))
  const freshSnapshots = chosen.filter((s) => !applied.has(snapshotKey(s)))
  const baseCovered = joinFrontiers(base.map((s) => s.covers))
  const covered = joinFrontiers(chosen.map((s) => s.covers))
  for (const snapshot of base) {
    yield* applyingChanges(state, snapshot.changes)
    if (snapshot.latest > state.latest) state.latest = snapshot.latest
  }
  const fresh: FreshPart[] = []
  const readSeqs = new Map<string, Set<number>>()
  const present = new Set<string>()
  for (const segment of read.segments) {
    const key = segmentKey(segment)
    present.add(key)
    if (segment.seq <= (baseCovered[segment.device] ?? 0)) continue
    const isApplied = applied.has(key)
    if (!isApplied && segment.seq <= (covered[segment.device] ?? 0)) continue
    ;(readSeqs.get(segment.device) ?? readSeqs.set(segment.device, new Set()).get(segment.device)!).add(segment.seq)
    if (isApplied) yield* applyingChanges(state, segment.changes)
    else fresh.push({ key, device: segment.device, changes: segment.changes, latest: latestOf(segment.changes), snapshot: false })
  }
  for (const snapshot of freshSnapshots) {
    yield
    const changes = novelChanges(state, snapshot.changes)
    fresh.push({ key: snapshotKey(snapshot), device: snapshot.device, changes, latest: snapshot.latest, snapshot: true })
  }
  const waiting: string[] = []
  let replaced = false
  for (const s of read.snapshots) present.add(snapshotKey(s))
  const newest = new Map(chosen.map((s) => [s.device, s.seq]))
  for (const key of applied) {
    if (present.has(key)) continue
    const [device, name] = key.split('/') as [string, string]
    const snapshot = SNAPSHOT_KEY.exec(name)
    // A snapshot removed is one its device replaced by a newer one: waiting until that one is here.
    if (snapshot ? Number(snapshot[1]) >= (newest.get(device) ?? 0) : Number(name) > (covered[device] ?? 0)) waiting.push(key)
    else replaced = true
  }
  return { state, fresh, covered, read: readSeqs, waiting, replaced }
}

/** `applyChanges` in steps of a few thousand changes, for `inSlices`: the same state and the same `touched` as at once. */
export function* applyingChanges(
  state: SyncState,
  changes: readonly SyncChange[],
  touched: Touched = { rows: new Set(), cards: new Set() }
): Generator<void, Touched> {
  for (let i = 0; i < changes.length; i += CHANGES_PER_STEP) {
    applyChanges(state, changes.length <= CHANGES_PER_STEP ? changes : changes.slice(i, i + CHANGES_PER_STEP), touched)
    yield
  }
  return touched
}

/** A segment's latest stamp: not always its last change's (a link's history is stamped at each review's time). */
function latestOf(changes: readonly SyncChange[]): Stamp {
  let latest = ''
  for (const change of changes) if (change.at > latest) latest = change.at
  return latest
}

/** Each device's newest whole snapshot (every version of it, when two installations wrote one number). */
function newestSnapshots(snapshots: readonly Snapshot[]): Snapshot[] {
  const newest = new Map<string, number>()
  for (const s of snapshots) if (s.seq > (newest.get(s.device) ?? 0)) newest.set(s.device, s.seq)
  return snapshots.filter((s) => newest.get(s.device) === s.seq)
}

export function joinFrontiers(frontiers: readonly Frontier[]): Frontier {
  const joined: Frontier = {}
  for (const frontier of frontiers)
    for (const [device, seq] of Object.entries(frontier)) joined[device] = Math.max(joined[device] ?? 0, seq)
  return joined
}

/** The frontier of a state made of snapshots holding `covered` and the segments `read`: each device's numbers taken on while they follow on. */
export function frontierOf(covered: Frontier, read: ReadonlyMap<string, ReadonlySet<number>>): Frontier {
  const frontier: Frontier = { ...covered }
  for (const [device, seqs] of read) {
    let seq = frontier[device] ?? 0
    while (seqs.has(seq + 1)) seq++
    if (seq > 0) frontier[device] = seq
  }
  return frontier
}

/**
 * Whether this device writes a snapshot now. It does when other devices have snapshots and it has
 * none (until it has one, it holds back their compaction, and a new device then starts from its
 * own), and when the segments beyond its newest snapshot hold at least 5,000 changes (a full
 * segment) and a quarter of the state's size, or number 64 or more: reading them costs about as
 * much as reading the snapshot again, which is the cost of writing one, so a snapshot is written
 * about once per doubling of what a sync reads beyond it.
 */
export function snapshotDue(input: {
  ownSnapshot: boolean
  othersHaveSnapshots: boolean
  segmentsBeyond: number
  changesBeyond: number
  stateSize: number
}): boolean {
  if (!input.ownSnapshot && input.othersHaveSnapshots) return true
  return input.segmentsBeyond >= 64 || input.changesBeyond >= Math.max(5_000, input.stateSize / 4)
}
