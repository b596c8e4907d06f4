import { frontierOf, snapshotDue, snapshotKey, type FolderState } from '@core/sync/folder-state'
import { snapshotChanges } from '@core/sync/snapshot-state'
import type { SyncState } from '@core/sync/sync-state'
import type { RecallDatabase } from '@db/database'
import { metaTable } from '@db/sync/sync-meta'
import type { ExchangeRow } from '@db/sync/sync-records'
import type { SyncChange } from '@shared/sync/changes'
import { compactionPlan } from '@shared/sync/compaction'
import { emptyDeviceStatus, type SyncFolderRead } from '@shared/sync/read-sync-folder'
import type { Segment } from '@shared/sync/segment-format'
import { encodingSnapshotPart, MAX_PART_CHARS, newSnapshotGroup, type Snapshot, type SnapshotHead } from '@shared/sync/snapshot-format'
import { inSlices } from '@shared/slices'
import type { SyncFolderAccess, SyncFolderProblem } from '@shared/sync/sync-folder-access'

/** What a sync hands its snapshot step: the folder as read, the merge state, and this sync's own segments. */
interface SnapshotInput {
  read: SyncFolderRead
  loaded: FolderState
  state: SyncState
  written: readonly Segment[]
  force?: boolean
  /** The longest text of one snapshot file (tests); `MAX_PART_CHARS` by default. */
  partChars?: number
}

interface SnapshotOutcome {
  /** The snapshot written now, if one was due. */
  snapshot?: Snapshot
  /** Own files removed by compaction. */
  removed: number
  problem?: SyncFolderProblem
}

/**
 * After a sync wrote everything: this device's snapshot when one is due (folder-state.ts
 * `snapshotDue`), then compaction of its own files (shared/sync/compaction.ts). `state` is what the
 * collection now holds (the folder's content and this device's changes, `written` as its segments).
 * A failure leaves the folder as it was or with fewer of this device's files, each one covered: the
 * next sync tries again.
 */
async function snapshotAndCompact(
  folder: SyncFolderAccess,
  device: string,
  input: SnapshotInput & { lastSnapshot: number }
): Promise<SnapshotOutcome> {
  const { read, loaded, state, written } = input
  const readSeqs = new Map([...loaded.read].map(([d, seqs]) => [d, new Set(seqs)]))
  for (const segment of written) (readSeqs.get(device) ?? readSeqs.set(device, new Set()).get(device)!).add(segment.seq)
  const covers = frontierOf(loaded.covered, readSeqs)

  const own = read.snapshots.filter((s) => s.device === device)
  const ownCovers = own.at(-1)?.covers ?? {}
  let segmentsBeyond = 0
  for (const [d, seq] of Object.entries(covers)) segmentsBeyond += Math.max(0, seq - (ownCovers[d] ?? 0))
  let changesBeyond = written.reduce((n, s) => n + s.changes.length, 0)
  for (const segment of read.segments) if (segment.seq > (ownCovers[segment.device] ?? 0)) changesBeyond += segment.changes.length
  for (const part of loaded.fresh) if (part.snapshot) changesBeyond += part.changes.length
  let stateSize = state.reviews.size
  for (const rows of Object.values(state.rows)) stateSize += rows.size
  const due =
    input.force ||
    snapshotDue({
      ownSnapshot: own.length > 0,
      othersHaveSnapshots: read.snapshots.some((s) => s.device !== device),
      segmentsBeyond,
      changesBeyond,
      stateSize
    })

  let snapshot: Snapshot | undefined
  let withOwn = read
  if (due) {
    // Above every number of this device's in the folder: a write that stopped half way left parts there.
    const first = Math.max(input.lastSnapshot, own.at(-1)?.seq ?? 0, ...(read.devices.get(device)?.strayParts ?? [])) + 1
    const head = { device, first, covers, latest: state.latest, group: newSnapshotGroup() }
    const made = await writeSnapshotParts(folder, head, snapshotChanges(state), input.partChars)
    if (!made.ok) return { removed: 0, problem: made.problem }
    snapshot = made.snapshot
    withOwn = withOwnFiles(read, device, written, snapshot)
  } else if (written.length > 0) withOwn = withOwnFiles(read, device, written)

  let removed = 0
  for (const name of compactionPlan(withOwn, device)) {
    const result = await folder.removeOwn(device, name)
    if (!result.ok) return { ...(snapshot ? { snapshot } : {}), removed, problem: result.problem }
    removed++
  }
  return { ...(snapshot ? { snapshot } : {}), removed }
}

/** This device's snapshot and compaction, with the bookkeeping: its snapshot is applied here by making. */
export async function snapshotStep(
  db: RecallDatabase,
  folder: SyncFolderAccess,
  device: string,
  input: SnapshotInput & { exchange: ExchangeRow }
): Promise<{ read: SyncFolderRead; exchange: ExchangeRow; removed: number; notice?: string }> {
  const { exchange } = input
  const outcome = await snapshotAndCompact(folder, device, { ...input, lastSnapshot: exchange.snapshot ?? 0 })
  let row = exchange
  let read = input.read
  if (outcome.snapshot) {
    row = { ...exchange, snapshot: outcome.snapshot.seq, applied: [...exchange.applied, snapshotKey(outcome.snapshot)] }
    await metaTable(db).put(row)
    read = { ...read, snapshots: [...read.snapshots, outcome.snapshot] }
  }
  const notice = outcome.problem ? `This computer's snapshot or compaction waits for the next sync: ${outcome.problem.message}` : undefined
  return { read, exchange: row, removed: outcome.removed, ...(notice ? { notice } : {}) }
}

/**
 * The snapshot written part after part, each encoded once the one before is written, so that one
 * part's text is in memory at a time. As the folder now holds it, without decoding what was just
 * made (seconds at 100,000 cards).
 */
async function writeSnapshotParts(
  folder: SyncFolderAccess,
  head: SnapshotHead,
  changes: SyncChange[],
  partChars = MAX_PART_CHARS
): Promise<{ ok: true; snapshot: Snapshot } | { ok: false; problem: SyncFolderProblem }> {
  const checksums: string[] = []
  let seq = head.first
  for (let from = 0, last = false; !last; seq++) {
    const part = await inSlices(encodingSnapshotPart(head, seq, changes, from, partChars))
    const result = await folder.writeSnapshot(head.device, seq, part.text)
    if (!result.ok) return result
    checksums.push(part.checksum)
    ;({ next: from, last } = part)
  }
  const { device, first, covers, latest } = head
  return { ok: true, snapshot: { device, seq: seq - 1, first, covers, latest, changes, checksum: checksums.join('+') } }
}

/** The folder as read, with what this sync wrote in it since (its segments, its snapshot). */
function withOwnFiles(read: SyncFolderRead, device: string, written: readonly Segment[], snapshot?: Snapshot): SyncFolderRead {
  const devices = new Map(read.devices)
  const status = devices.get(device) ?? emptyDeviceStatus(device)
  devices.set(device, {
    ...status,
    segments: [...status.segments, ...written.map((s) => s.seq)],
    snapshots: snapshot ? [...status.snapshots, snapshot.seq] : status.snapshots
  })
  return { ...read, devices, snapshots: snapshot ? [...read.snapshots, snapshot] : read.snapshots }
}
