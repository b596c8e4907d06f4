import type { SyncFolderRead } from '@shared/sync/read-sync-folder'
import { segmentName, segmentSeq } from '@shared/sync/segment-format'
import { snapshotName, snapshotSeq } from '@shared/sync/snapshot-format'

/** The names `removeOwn` accepts: a device's own segments and snapshots, never a copy, media or anything else. */
export function isCompactableName(name: string): boolean {
  return segmentSeq(name) !== undefined || snapshotSeq(name) !== undefined
}

/**
 * The files of `device` that compaction removes, by name in its own folder (a device removes only
 * its own files: the engines never see two writers of one file):
 * - its segments that every known device's newest snapshot holds, its own included. A known device
 *   is any device with a whole segment or snapshot in the folder; one without a snapshot (an older
 *   Recall, or one that has not written its first yet) holds every removal back. A device that has
 *   not acknowledged a segment in a snapshot may not have applied it, so nothing it lacks is removed;
 * - its snapshots older than its newest whole one (each of their parts), and parts of its own below
 *   that one that belong to no whole snapshot (a write that stopped half way).
 * Nothing while the device has no whole snapshot of its own.
 */
export function compactionPlan(read: SyncFolderRead, device: string): string[] {
  const own = read.devices.get(device)
  const newestOwn = own?.snapshots.at(-1)
  if (!own || newestOwn === undefined) return []
  let limit = Infinity
  for (const status of read.devices.values()) {
    if (status.segments.length === 0 && status.snapshots.length === 0) continue
    const newest = status.snapshots.at(-1)
    // Two versions of one snapshot (a second writer): the one that holds less decides.
    const versions = read.snapshots.filter((s) => s.device === status.device && s.seq === newest)
    const holds = versions.length === 0 ? 0 : Math.min(...versions.map((s) => s.covers[device] ?? 0))
    limit = Math.min(limit, holds)
  }
  // Its older snapshots go, every part of them, and the parts of writes that stopped before it.
  const newestFirst = Math.min(...read.snapshots.filter((s) => s.device === device && s.seq === newestOwn).map((s) => s.first))
  const olderFiles = new Set(own.strayParts.filter((seq) => seq < newestFirst))
  for (const s of read.snapshots)
    if (s.device === device && s.seq < newestOwn) for (let seq = s.first; seq <= s.seq; seq++) olderFiles.add(seq)
  return [...own.segments.filter((seq) => seq <= limit).map(segmentName), ...[...olderFiles].sort((a, b) => a - b).map(snapshotName)]
}
