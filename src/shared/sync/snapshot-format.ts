import { encodeLine } from '@shared/journal/journal-format'
import type { SyncChange } from '@shared/sync/changes'
import { isDeviceId } from '@shared/sync/device-id'
import { isStamp, type Stamp } from '@shared/sync/hlc'
import { crc32Stream } from '@shared/sync/crc32'
import { allSteps } from '@shared/slices'
import { closeLine, decodingChanges, openingClosedFile } from '@shared/sync/segment-format'

/**
 * A snapshot: a device's whole merge state at one moment, `<folder>/recall/<device>/snapshot-<n>.snap`,
 * so that a device starts from it instead of every segment ever written, and old segments can be
 * removed (compaction.ts). It is a segment's file (the same closed, checksummed lines) holding a
 * compacted change list: each row's winning field writes with their stamps, tombstones, every
 * review and undo, media contents. Applying it gives back the state it was made from, and since
 * the merge only takes maxima and unions, a snapshot read with any segments, in any order, twice,
 * gives the same state as the segments it stands for.
 *
 * `covers` is its frontier: for each device, the highest number up to which every segment of that
 * device is in it. `latest` is the latest stamp its state had seen (a review read twice under one
 * id keeps only one stamp, so the changes alone may not give it back).
 */
const SNAPSHOT_FORMAT = 1

export type Frontier = Record<string, number>

interface SnapshotHeader {
  k: 'snapshot'
  v: number
  device: string
  seq: number
  covers: Frontier
  /** '' for an empty state. */
  latest: Stamp
}

export interface Snapshot {
  device: string
  seq: number
  covers: Frontier
  /** '' for an empty state. */
  latest: Stamp
  changes: SyncChange[]
  checksum: string
}

export type DecodedSnapshot = ({ ok: true } & Snapshot) | { ok: false; reason: 'incomplete' | 'damaged' | 'newer'; detail: string }

const SNAPSHOT_NAME = /^snapshot-(\d{10})\.snap$/

export function snapshotName(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 9_999_999_999) throw new RangeError(`Not a snapshot number: ${seq}`)
  return `snapshot-${String(seq).padStart(10, '0')}.snap`
}

/** The snapshot number a file name gives, when it is a snapshot's own name (not a copy or a temporary file). */
export function snapshotSeq(name: string): number | undefined {
  const match = SNAPSHOT_NAME.exec(name)
  return match ? Number(match[1]) : undefined
}

export function encodeSnapshot(
  device: string,
  seq: number,
  covers: Frontier,
  latest: Stamp,
  changes: readonly SyncChange[]
): { name: string; text: string; checksum: string } {
  const encoded = allSteps(encodingSnapshot(device, seq, covers, latest, changes))
  if ('tooLarge' in encoded) throw new RangeError('unreachable: no limit was given')
  return encoded
}

/**
 * The longest snapshot text written: half of what a JavaScript string can hold (2^29 − 24 UTF-16
 * units in V8). A collection whose whole state is longer (a few hundred thousand reviews and more)
 * has no snapshot until snapshots come in parts; its segments are kept instead.
 */
export const MAX_SNAPSHOT_CHARS = 2 ** 28

/**
 * `encodeSnapshot` in steps (`inSlices`): a 100,000-card collection's snapshot is a million lines,
 * seconds of encoding and checksumming that would otherwise hold the page's thread at once. With
 * `maxChars`, it stops once the text would be longer and says so (`tooLarge`).
 */
export function* encodingSnapshot(
  device: string,
  seq: number,
  covers: Frontier,
  latest: Stamp,
  changes: readonly SyncChange[],
  maxChars = Infinity
): Generator<undefined, { name: string; text: string; checksum: string } | { tooLarge: true; chars: number }> {
  if (!isDeviceId(device)) throw new RangeError(`Not a device id: ${String(device)}`)
  const header: SnapshotHeader = { k: 'snapshot', v: SNAPSHOT_FORMAT, device, seq, covers, latest }
  const crc = crc32Stream()
  let body = encodeLine(header)
  crc.add(body)
  let count = 0
  for (const change of changes) {
    const line = encodeLine(change)
    if (body.length + line.length > maxChars) return { tooLarge: true, chars: body.length + line.length }
    body += line
    crc.add(line)
    if (++count % 500 === 0) yield
  }
  const checksum = crc.hex()
  return { name: snapshotName(seq), text: body + closeLine(body, changes.length, checksum), checksum }
}

export function decodeSnapshot(text: string): DecodedSnapshot {
  return allSteps(decodingSnapshot(text))
}

/** `decodeSnapshot` in steps, for `inSlices` (a snapshot can be a million lines). */
export function* decodingSnapshot(text: string): Generator<undefined, DecodedSnapshot> {
  const file = yield* openingClosedFile<SnapshotHeader>(text, 'snapshot', SNAPSHOT_FORMAT)
  if (!file.ok) return file
  const { device, seq, covers, latest } = file.header
  if (!isDeviceId(device) || !Number.isSafeInteger(seq) || seq < 1) return damaged('its header names no device or number')
  if (!isFrontier(covers) || (latest !== '' && !isStamp(latest))) return damaged('its header has no frontier')
  const changes = yield* decodingChanges(file.lines)
  if (!Array.isArray(changes)) return changes
  return { ok: true, device, seq, covers, latest, changes, checksum: file.checksum }
}

function isFrontier(value: unknown): value is Frontier {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.entries(value).every(([device, seq]) => isDeviceId(device) && Number.isSafeInteger(seq) && (seq as number) >= 0)
}

function damaged(detail: string): DecodedSnapshot {
  return { ok: false, reason: 'damaged', detail }
}
