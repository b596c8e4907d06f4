import { encodeLine } from '@shared/journal/journal-format'
import type { SyncChange } from '@shared/sync/changes'
import { isDeviceId } from '@shared/sync/device-id'
import { isStamp, type Stamp } from '@shared/sync/hlc'
import { allSteps } from '@shared/slices'
import { checksumming, closeLine, decodingChanges, openingClosedFile } from '@shared/sync/segment-format'

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
 *
 * A state longer than one part (`MAX_PART_CHARS`; a JavaScript string holds at most 2^29 − 24
 * characters, and a 100,000-card collection with a million reviews is longer) is written as parts:
 * files under consecutive numbers, `first` to `n`, each closed and checksummed on its own, in
 * format 2, whose header says which snapshot it belongs to (`part`: the first number, a group id
 * drawn at writing, and whether it is the last). The snapshot is whole once every part is here
 * (snapshot-parts.ts); its number is its last part's. A snapshot that fits in one file stays in
 * format 1, which every Recall with snapshots reads; an older one skips a part as newer.
 */
const SNAPSHOT_FORMAT = 2
const SINGLE_FILE_FORMAT = 1

export type Frontier = Record<string, number>

/** Which snapshot a part belongs to: its first part's number, the group drawn when it was written, and whether this part ends it. */
export interface SnapshotPart {
  first: number
  group: string
  last: boolean
}

interface SnapshotHeader {
  k: 'snapshot'
  v: number
  device: string
  seq: number
  covers: Frontier
  /** '' for an empty state. */
  latest: Stamp
  /** Format 2 only. */
  part?: SnapshotPart
}

/** One snapshot file as read: a whole snapshot (no `part`), or one part of one. */
export interface SnapshotFile {
  device: string
  seq: number
  covers: Frontier
  /** '' for an empty state. */
  latest: Stamp
  changes: SyncChange[]
  checksum: string
  part?: SnapshotPart
}

/** A whole snapshot: one file, or every part of one (`first` to `seq`), joined. */
export interface Snapshot {
  device: string
  /** Its number: its last part's. */
  seq: number
  /** Its first part's number; `seq` when it is one file. */
  first: number
  covers: Frontier
  /** '' for an empty state. */
  latest: Stamp
  changes: SyncChange[]
  /** The file's CRC-32, or its parts' joined by `+`: two copies of one snapshot have the same. */
  checksum: string
}

export type DecodedSnapshot = ({ ok: true } & SnapshotFile) | { ok: false; reason: 'incomplete' | 'damaged' | 'newer'; detail: string }

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

/**
 * The longest text of one snapshot file: a quarter of what a JavaScript string holds, so that a
 * part, its copy on the way to the disk and the lines decoded from it fit in memory side by side.
 */
export const MAX_PART_CHARS = 2 ** 27

/** What every part of one snapshot shares. */
export interface SnapshotHead {
  device: string
  /** The first part's number. */
  first: number
  covers: Frontier
  latest: Stamp
  /** Drawn once per snapshot written (`newSnapshotGroup`), so that parts of two writes never mix. */
  group: string
}

export interface EncodedPart {
  name: string
  seq: number
  text: string
  checksum: string
  /** The index in `changes` where the next part starts; `changes.length` after the last. */
  next: number
  last: boolean
}

/** A whole snapshot as one file (format 1), however long: tests, and states known to be small. */
export function encodeSnapshot(
  device: string,
  seq: number,
  covers: Frontier,
  latest: Stamp,
  changes: readonly SyncChange[]
): { name: string; text: string; checksum: string } {
  const { name, text, checksum } = allSteps(
    encodingSnapshotPart({ device, first: seq, covers, latest, group: '' }, seq, changes, 0, Infinity)
  )
  return { name, text, checksum }
}

/** Every part of a snapshot at once (tests, Node): as `encodingSnapshotPart` writes them one after another. */
export function encodeSnapshotParts(head: SnapshotHead, changes: readonly SyncChange[], maxChars = MAX_PART_CHARS): EncodedPart[] {
  const parts: EncodedPart[] = []
  let from = 0
  do {
    parts.push(allSteps(encodingSnapshotPart(head, head.first + parts.length, changes, from, maxChars)))
    from = parts.at(-1)!.next
  } while (from < changes.length)
  return parts
}

/** A group id for a snapshot about to be written: 16 random hex digits. */
export function newSnapshotGroup(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The part of a snapshot numbered `seq` (from `head.first` on), holding `changes[from]` and as many
 * after it as fit in `maxChars` (at least one). A part that starts at the first number and holds
 * everything is the whole snapshot in one file, in format 1. In steps (`inSlices`): a
 * 100,000-card collection's snapshot is a million lines, seconds of encoding and checksumming
 * that would otherwise hold the page's thread at once.
 */
export function* encodingSnapshotPart(
  head: SnapshotHead,
  seq: number,
  changes: readonly SyncChange[],
  from: number,
  maxChars: number
): Generator<undefined, EncodedPart> {
  const { device, first, covers, latest, group } = head
  if (!isDeviceId(device)) throw new RangeError(`Not a device id: ${String(device)}`)
  let body = ''
  let next = from
  while (next < changes.length) {
    const line = encodeLine(changes[next]!)
    if (next > from && body.length + line.length > maxChars) break
    body += line
    if (++next % 500 === 0) yield
  }
  const last = next === changes.length
  const whole = last && seq === first
  const header: SnapshotHeader = whole
    ? { k: 'snapshot', v: SINGLE_FILE_FORMAT, device, seq, covers, latest }
    : { k: 'snapshot', v: SNAPSHOT_FORMAT, device, seq, covers, latest, part: { first, group, last } }
  const content = encodeLine(header) + body
  const checksum = yield* checksumming(content)
  return { name: snapshotName(seq), seq, text: content + closeLine(content, next - from, checksum), checksum, next, last }
}

export function decodeSnapshot(text: string): DecodedSnapshot {
  return allSteps(decodingSnapshot(text))
}

/** `decodeSnapshot` in steps, for `inSlices` (a snapshot can be a million lines). */
export function* decodingSnapshot(text: string): Generator<undefined, DecodedSnapshot> {
  const file = yield* openingClosedFile<SnapshotHeader>(text, 'snapshot', SNAPSHOT_FORMAT)
  if (!file.ok) return file
  const { device, seq, covers, latest, part } = file.header
  if (!isDeviceId(device) || !Number.isSafeInteger(seq) || seq < 1) return damaged('its header names no device or number')
  if (!isFrontier(covers) || (latest !== '' && !isStamp(latest))) return damaged('its header has no frontier')
  if (file.header.v === SINGLE_FILE_FORMAT ? part !== undefined : !isPart(part, seq))
    return damaged('its header does not say which snapshot it is part of')
  const changes = yield* decodingChanges(file.lines)
  if (!Array.isArray(changes)) return changes
  return { ok: true, device, seq, covers, latest, changes, checksum: file.checksum, ...(part ? { part } : {}) }
}

function isPart(part: unknown, seq: number): part is SnapshotPart {
  if (typeof part !== 'object' || part === null) return false
  const { first, group, last } = part as Partial<SnapshotPart>
  return (
    Number.isSafeInteger(first) &&
    first! >= 1 &&
    first! <= seq &&
    typeof group === 'string' &&
    /^[0-9a-f]{16}$/.test(group) &&
    typeof last === 'boolean'
  )
}

function isFrontier(value: unknown): value is Frontier {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.entries(value).every(([device, seq]) => isDeviceId(device) && Number.isSafeInteger(seq) && (seq as number) >= 0)
}

function damaged(detail: string): DecodedSnapshot {
  return { ok: false, reason: 'damaged', detail }
}
