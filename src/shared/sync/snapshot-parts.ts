import type { Snapshot, SnapshotFile, SnapshotPart } from '@shared/sync/snapshot-format'

/** A part of a snapshot as read from the folder, with the paths holding it (its own name, copies the engines made). */
interface PartRead {
  file: SnapshotFile & { part: SnapshotPart }
  paths: string[]
}

export interface JoinedParts {
  /** Every snapshot whose parts are all here, joined into one, with the paths of its parts. */
  whole: Array<{ snapshot: Snapshot; paths: string[] }>
  /** Snapshots with some part not here yet, per device: still arriving, or a write that stopped half way. */
  arriving: Map<string, number>
  /** Numbers of the parts read that belong to no whole snapshot, per device (compaction removes this device's own). */
  stray: Map<string, number[]>
  /** Parts that contradict the others of their snapshot. */
  damaged: Array<{ path: string; detail: string }>
}

/**
 * Joins the parts of snapshots written in parts (snapshot-format.ts). Parts belong together when
 * they name the same device, first number and group; a snapshot is whole when it has every number
 * from its first to the one marked last, each once, all with the same frontier and latest stamp.
 * Its checksum is its parts' joined, so its copies are one snapshot and two writes under one
 * number are two.
 */
export function joinSnapshotParts(parts: readonly PartRead[]): JoinedParts {
  const groups = new Map<string, Map<number, PartRead>>()
  const joined: JoinedParts = { whole: [], arriving: new Map(), stray: new Map(), damaged: [] }
  for (const read of parts) {
    const { device, seq, part } = read.file
    const key = `${device}/${part.first}/${part.group}`
    const group = groups.get(key) ?? groups.set(key, new Map()).get(key)!
    const seen = group.get(seq)
    if (!seen) group.set(seq, { file: read.file, paths: [...read.paths] })
    else if (seen.file.checksum === read.file.checksum) seen.paths.push(...read.paths)
    else joined.damaged.push(...read.paths.map((path) => ({ path, detail: `another part ${seq} of the same snapshot is in the folder` })))
  }
  for (const group of groups.values()) {
    const ordered = [...group.values()].sort((a, b) => a.file.seq - b.file.seq)
    const { device, part } = ordered[0]!.file
    const lastPart = ordered.find((read) => read.file.part.last)
    // The header most of its parts carry is the snapshot's (the later part's on a tie).
    const headerOf = (read: PartRead) => `${read.file.latest} ${JSON.stringify(read.file.covers)}`
    const counts = new Map<string, number>()
    for (const read of ordered) counts.set(headerOf(read), (counts.get(headerOf(read)) ?? 0) + 1)
    const agreed = ordered.reduce((best, read) => (counts.get(headerOf(read))! >= counts.get(headerOf(best))! ? read : best))
    const { covers, latest } = agreed.file
    const contradicting = ordered.filter((read) => headerOf(read) !== headerOf(agreed) || (lastPart && read.file.seq > lastPart.file.seq))
    for (const read of contradicting)
      joined.damaged.push(...read.paths.map((path) => ({ path, detail: 'its header does not match the other parts of its snapshot' })))
    const complete = lastPart && ordered.length === lastPart.file.seq - part.first + 1 && ordered[0]!.file.seq === part.first
    if (contradicting.length > 0 || !complete) {
      joined.arriving.set(device, (joined.arriving.get(device) ?? 0) + 1)
      const stray = joined.stray.get(device) ?? joined.stray.set(device, []).get(device)!
      stray.push(...ordered.map((read) => read.file.seq))
      continue
    }
    const changes = []
    for (const read of ordered) for (const change of read.file.changes) changes.push(change)
    joined.whole.push({
      snapshot: {
        device,
        seq: lastPart.file.seq,
        first: part.first,
        covers,
        latest,
        changes,
        checksum: ordered.map((read) => read.file.checksum).join('+')
      },
      paths: ordered.flatMap((read) => read.paths)
    })
  }
  return joined
}
