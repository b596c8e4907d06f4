import { decodingSegment, type Segment } from '@shared/sync/segment-format'
import { decodingSnapshot, type Snapshot, type SnapshotFile, type SnapshotPart } from '@shared/sync/snapshot-format'
import { joinSnapshotParts } from '@shared/sync/snapshot-parts'
import { classifySyncPath } from '@shared/sync/sync-paths'
import { allSteps } from '@shared/slices'

/** A file under `<folder>/recall/` as the main process lists it; `text` for the files `classifySyncPath` calls segments, snapshots or copies. */
export interface SyncFile {
  path: string
  text?: string
  /**
   * The file's size and modification time as the platform reports them (`size:mtime`): a file
   * whose signature is the one a complete sync recorded holds what that sync read, and is not
   * read again (`unchangedFolderReport` in db/sync/unchanged-folder.ts). A media file's is
   * `MEDIA_SIGNATURE`: its name is its content's SHA-256, so it is not looked at. Absent where the
   * platform could not tell.
   */
  sig?: string
}

/** The signature of every media file: named by its content, whole once under its name (written under another name first). */
export const MEDIA_SIGNATURE = 'sha-256'

interface DeviceStatus {
  device: string
  /** Numbers of the device's whole segments, ascending. */
  segments: number[]
  /** Numbers below the highest whole one that have no whole segment and that no snapshot holds: still on their way, or lost. */
  missing: number[]
  /** Files of the device still being written or downloaded (temporary names, segments not closed yet). */
  arriving: number
  /** Numbers of the device's whole snapshots, ascending (a snapshot in parts: its last part's). */
  snapshots: number[]
  /** Numbers of snapshot parts read that belong to no whole snapshot (still arriving, or a write that stopped), ascending. */
  strayParts: number[]
  /** Content hashes of the media files in its folder. */
  media: string[]
}

type SyncProblem =
  /** A closed segment whose content is not what was closed. */
  | { kind: 'damaged'; path: string; detail: string }
  /** Written by a newer version of Recall: applied once this one is updated. */
  | { kind: 'newer'; path: string; detail: string }
  /** Two different segments (or snapshots) with one device's id and number: two installations write as one device. */
  | { kind: 'second-writer'; device: string; seq: number; paths: string[] }
  /** A whole segment in the wrong place: its header names another device or number than its path. */
  | { kind: 'misplaced'; path: string }
  | { kind: 'unknown'; path: string }

export interface SyncFolderRead {
  /**
   * Every whole segment once, by device, number and checksum. A copy identical to its segment is
   * the same segment; a copy that differs is kept too (its changes are somebody's work) and named
   * in a `second-writer` problem.
   */
  segments: Segment[]
  /** Every whole snapshot once, by device, number and checksum; versions that differ are kept as segments' are. */
  snapshots: Snapshot[]
  devices: Map<string, DeviceStatus>
  problems: SyncProblem[]
}

/**
 * Reads the sync folder's listing: the whole segments of every device, what is still arriving,
 * and what is wrong. Pure: the main process lists and reads the files and hands them over.
 */
export function readSyncFolder(files: readonly SyncFile[]): SyncFolderRead {
  return allSteps(readingSyncFolder(files))
}

/**
 * `readSyncFolder` in steps: it pauses (yields) before each file it decodes and every few hundred
 * lines within one, so that a caller on the page's thread can give the page turns (`inSlices`); a
 * 100,000-card folder takes seconds to decode, a 5,000-change segment more than a frame.
 */
export function* readingSyncFolder(files: readonly SyncFile[]): Generator<void, SyncFolderRead> {
  const devices = new Map<string, DeviceStatus>()
  const problems: SyncProblem[] = []
  const versions: Versions<Segment> = new Map()
  const snapshotVersions: Versions<Snapshot> = new Map()
  const parts: Array<{ file: SnapshotFile & { part: SnapshotPart }; paths: string[] }> = []
  const statusOf = (device: string) => {
    let status = devices.get(device)
    if (!status) devices.set(device, (status = emptyDeviceStatus(device)))
    return status
  }

  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const place = classifySyncPath(file.path)
    if (place.kind === 'engine') continue
    if (place.kind === 'unknown') {
      problems.push({ kind: 'unknown', path: file.path })
      continue
    }
    if (place.kind === 'arriving') {
      if (place.device) statusOf(place.device).arriving++
      continue
    }
    const status = statusOf(place.device)
    if (place.kind === 'media') {
      status.media.push(place.hash)
      continue
    }
    yield
    if (place.kind === 'snapshot') {
      const decoded = yield* decodingSnapshot(file.text ?? '')
      if (!decoded.ok) {
        if (decoded.reason === 'incomplete') status.arriving++
        else problems.push({ kind: decoded.reason, path: file.path, detail: decoded.detail })
      } else if (decoded.device !== place.device || decoded.seq !== place.seq) problems.push({ kind: 'misplaced', path: file.path })
      else if (decoded.part) parts.push({ file: { ...decoded, part: decoded.part }, paths: [file.path] })
      else {
        const { ok: _ok, ...snapshot } = decoded
        addVersion(snapshotVersions, `${snapshot.device}/${snapshot.seq}`, { ...snapshot, first: snapshot.seq }, file.path)
      }
      continue
    }
    const decoded = yield* decodingSegment(file.text ?? '')
    if (!decoded.ok) {
      // An unclosed copy is a copy still arriving, or a copy of a segment still arriving.
      if (decoded.reason === 'incomplete') status.arriving++
      else problems.push({ kind: decoded.reason, path: file.path, detail: decoded.detail })
      continue
    }
    if (decoded.device !== place.device || decoded.seq !== place.seq) {
      problems.push({ kind: 'misplaced', path: file.path })
      continue
    }
    const { ok: _ok, ...segment } = decoded
    addVersion(versions, `${segment.device}/${segment.seq}`, segment, file.path)
  }

  const joined = joinSnapshotParts(parts)
  for (const { snapshot, paths } of joined.whole)
    for (const path of paths) addVersion(snapshotVersions, `${snapshot.device}/${snapshot.seq}`, snapshot, path)
  for (const { path, detail } of joined.damaged) problems.push({ kind: 'damaged', path, detail })
  for (const [device, count] of joined.arriving) statusOf(device).arriving += count
  for (const [device, seqs] of joined.stray) statusOf(device).strayParts.push(...seqs)

  const segments = keptVersions(versions, problems)
  for (const { device, seq } of segments) if (statusOf(device).segments.at(-1) !== seq) statusOf(device).segments.push(seq)
  const snapshots = keptVersions(snapshotVersions, problems)
  for (const { device, seq } of snapshots) if (statusOf(device).snapshots.at(-1) !== seq) statusOf(device).snapshots.push(seq)
  for (const status of devices.values()) {
    status.segments.sort((a, b) => a - b)
    status.snapshots.sort((a, b) => a - b)
    status.strayParts.sort((a, b) => a - b)
    const present = new Set(status.segments)
    // Segments a snapshot holds may have been removed by compaction: not missing.
    const covered = Math.max(0, ...snapshots.map((snapshot) => snapshot.covers[status.device] ?? 0))
    for (let seq = covered + 1; seq < (status.segments.at(-1) ?? 0); seq++) if (!present.has(seq)) status.missing.push(seq)
  }
  return { segments, snapshots, devices, problems }
}

export function emptyDeviceStatus(device: string): DeviceStatus {
  return { device, segments: [], missing: [], arriving: 0, snapshots: [], strayParts: [], media: [] }
}

/** Whole files by `device/seq`, then by checksum: one version per content, with every path that holds it. */
type Versions<F> = Map<string, Map<string, { file: F; paths: string[] }>>

function addVersion<F extends { checksum: string }>(versions: Versions<F>, key: string, file: F, path: string): void {
  let byChecksum = versions.get(key)
  if (!byChecksum) versions.set(key, (byChecksum = new Map<string, { file: F; paths: string[] }>()))
  const seen = byChecksum.get(file.checksum)
  if (seen) seen.paths.push(path)
  else byChecksum.set(file.checksum, { file, paths: [path] })
}

/** Every version, ordered by device, number and checksum; two contents under one number are a second writer. */
function keptVersions<F extends { device: string; seq: number; checksum: string }>(versions: Versions<F>, problems: SyncProblem[]): F[] {
  const files: F[] = []
  for (const byChecksum of versions.values()) {
    const kept = [...byChecksum.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, version]) => version)
    const { device, seq } = kept[0]!.file
    files.push(...kept.map((version) => version.file))
    if (kept.length > 1) problems.push({ kind: 'second-writer', device, seq, paths: kept.flatMap((version) => version.paths) })
  }
  return files.sort((a, b) =>
    a.device !== b.device ? (a.device < b.device ? -1 : 1) : a.seq - b.seq || (a.checksum < b.checksum ? -1 : 1)
  )
}
