import { frontierOf, snapshotDue, type FolderState } from '@core/sync/folder-state'
import { snapshotChanges } from '@core/sync/snapshot-state'
import type { SyncState } from '@core/sync/sync-state'
import { compactionPlan } from '@shared/sync/compaction'
import type { SyncFolderRead } from '@shared/sync/read-sync-folder'
import type { Segment } from '@shared/sync/segment-format'
import { encodingSnapshot, MAX_SNAPSHOT_CHARS, type Snapshot } from '@shared/sync/snapshot-format'
import { inSlices } from '@shared/slices'
import type { SyncFolderAccess, SyncFolderProblem } from '@shared/sync/sync-folder-access'

export interface SnapshotOutcome {
  /** The snapshot written now, if one was due. */
  snapshot?: Snapshot
  /** Own files removed by compaction. */
  removed: number
  problem?: SyncFolderProblem
  /** The snapshot was due but would be longer than one file holds (`MAX_SNAPSHOT_CHARS`): nothing written or removed. */
  tooLarge?: { chars: number }
}

/**
 * After a sync wrote everything: this device's snapshot when one is due (folder-state.ts
 * `snapshotDue`), then compaction of its own files (shared/sync/compaction.ts). `state` is what the
 * collection now holds (the folder's content and this device's changes, `written` as its segments).
 * A failure leaves the folder as it was or with fewer of this device's files, each one covered: the
 * next sync tries again.
 */
export async function snapshotAndCompact(
  folder: SyncFolderAccess,
  device: string,
  input: {
    read: SyncFolderRead
    loaded: FolderState
    state: SyncState
    written: readonly Segment[]
    lastSnapshot: number
    force?: boolean
    /** The longest snapshot text (tests); `MAX_SNAPSHOT_CHARS` by default. */
    maxChars?: number
  }
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
    const seq = Math.max(input.lastSnapshot, own.at(-1)?.seq ?? 0) + 1
    const changes = snapshotChanges(state)
    const encoded = await inSlices(encodingSnapshot(device, seq, covers, state.latest, changes, input.maxChars ?? MAX_SNAPSHOT_CHARS))
    if ('tooLarge' in encoded) return { removed: 0, tooLarge: { chars: encoded.chars } }
    const { text, checksum } = encoded
    const result = await folder.writeSnapshot(device, seq, text)
    if (!result.ok) return { removed: 0, problem: result.problem }
    // As the folder now holds it, without decoding the text just made (seconds at 100,000 cards).
    snapshot = { device, seq, covers, latest: state.latest, changes, checksum }
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

/** The folder as read, with what this sync wrote in it since (its segments, its snapshot). */
function withOwnFiles(read: SyncFolderRead, device: string, written: readonly Segment[], snapshot?: Snapshot): SyncFolderRead {
  const devices = new Map(read.devices)
  const status = devices.get(device) ?? { device, segments: [], missing: [], arriving: 0, snapshots: [], media: [] }
  devices.set(device, {
    ...status,
    segments: [...status.segments, ...written.map((s) => s.seq)],
    snapshots: snapshot ? [...status.snapshots, snapshot.seq] : status.snapshots
  })
  return { ...read, devices, snapshots: snapshot ? [...read.snapshots, snapshot] : read.snapshots }
}
