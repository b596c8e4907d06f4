import { isDeviceId } from '@shared/sync/device-id'
import { segmentSeq } from '@shared/sync/segment-format'
import { snapshotSeq } from '@shared/sync/snapshot-format'

/**
 * What a path under `<folder>/recall/` is, from its name alone. The sync engines that carry the
 * folder leave files of their own beside ours: temporary files while a file arrives, conflict
 * copies when two machines changed one file, their bookkeeping. A device writes only in its own
 * folder and never rewrites a segment, so a conflict copy of a segment is either the same segment
 * again or the sign that two installations write as one device (segment-reading decides which,
 * from the content).
 */
export type SyncPath =
  | { kind: 'segment'; device: string; seq: number }
  /** A copy the engine made of a segment: `…sync-conflict-…`, `(conflicted copy …)`, `(1)`, ` 2`, `-HOSTNAME`. */
  | { kind: 'copy'; device: string; seq: number }
  /** A snapshot (snapshot-format.ts), or an engine's copy of one (`copy`), named as segments' copies are. */
  | { kind: 'snapshot'; device: string; seq: number; copy: boolean }
  | { kind: 'media'; device: string; hash: string }
  /** A file the engine (or Recall) is still writing, or a placeholder for one not downloaded yet. */
  | { kind: 'arriving'; device?: string }
  /** The engine's or the system's own file: nothing of Recall's. */
  | { kind: 'engine' }
  | { kind: 'unknown' }

/** Syncthing (`.syncthing.x.tmp`, `~syncthing~x.tmp`), Office-style `~$x`, ours and others' `.partial`/`.part`/`.tmp`, Chromium's `.crswap` (a File System Access write in progress), iCloud's `.x.icloud`, Google Drive's and OneDrive's. */
const ARRIVING = [
  /^\.syncthing\..*\.tmp$/,
  /^~syncthing~.*\.tmp$/,
  /^~\$/,
  /^\.~/,
  /\.partial$/,
  /\.part$/,
  /\.crswap$/,
  /\.tmp$/i,
  /^\..*\.icloud$/,
  /\.tmp\.drive(download|upload)$/,
  /\.!sync$/
]
/** Dropbox's `.dropbox*`, Syncthing's `.st*`, Resilio's `.sync`, Nextcloud's journal, macOS and Windows folder files. */
const ENGINE = [
  /^\.dropbox/,
  /^\.st(folder|ignore|versions)$/,
  /^\.sync$/,
  /^\.(nextcloud|owncloud)sync/,
  /^\._/,
  /^\.DS_Store$/,
  /^desktop\.ini$/i,
  /^Thumbs\.db$/i,
  /^Icon\r?$/
]
const SEGMENT_COPY = /^(\d{10})\D/
const SNAPSHOT_COPY = /^snapshot-(\d{10})\D/
const MEDIA_HASH = /^[0-9a-f]{64}$/
const DEVICE_FOLDER_COPY = /^([0-9a-f]{16})[^0-9a-f]/

export function classifySyncPath(path: string): SyncPath {
  const parts = path.split('/').filter((part) => part.length > 0)
  const name = parts[parts.length - 1] ?? ''
  if (ENGINE.some((pattern) => pattern.test(name)) || parts.some((part) => /^\.(stversions|dropbox\.cache|tmp\.drive)/.test(part)))
    return { kind: 'engine' }
  const folder = parts[0] ?? ''
  const device = isDeviceId(folder) ? folder : DEVICE_FOLDER_COPY.exec(folder)?.[1]
  if (ARRIVING.some((pattern) => pattern.test(name))) return device ? { kind: 'arriving', device } : { kind: 'arriving' }
  if (!device) return { kind: 'unknown' }
  // A device folder copied whole by an engine ("<id> (1)") holds copies, whatever their names.
  const copiedFolder = device !== folder
  if (parts.length === 3 && parts[1] === 'media' && MEDIA_HASH.test(name) && !copiedFolder) return { kind: 'media', device, hash: name }
  if (parts.length !== 2) return { kind: 'unknown' }
  const seq = segmentSeq(name)
  if (seq !== undefined) return copiedFolder ? { kind: 'copy', device, seq } : { kind: 'segment', device, seq }
  const snapshot = snapshotSeq(name)
  if (snapshot !== undefined) return { kind: 'snapshot', device, seq: snapshot, copy: copiedFolder }
  const snapshotCopyOf = SNAPSHOT_COPY.exec(name)?.[1]
  if (snapshotCopyOf !== undefined && name.includes('snap')) return { kind: 'snapshot', device, seq: Number(snapshotCopyOf), copy: true }
  const copyOf = SEGMENT_COPY.exec(name)?.[1]
  return copyOf !== undefined && name.includes('seg') ? { kind: 'copy', device, seq: Number(copyOf) } : { kind: 'unknown' }
}
