import { decodeLine, encodeLine } from '@shared/journal/journal-format'
import { checkChange } from '@shared/sync/change-check'
import type { SyncChange } from '@shared/sync/changes'
import { crc32Hex, crc32Stream } from '@shared/sync/crc32'
import { isDeviceId } from '@shared/sync/device-id'
import { stampDevice } from '@shared/sync/hlc'
import { allSteps } from '@shared/slices'

/**
 * A segment: one file of a device's change log, `<folder>/recall/<device>/<seq>.seg`. It is
 * written whole (under a temporary name, then renamed), closed, and never written again; the
 * device's next changes go to the next `seq`.
 *
 * Lines as the journal writes them (shared/journal/journal-format.ts: JSON, a tab, the line's
 * FNV-1a hash): a header naming the device and the segment's number, the changes in the order the
 * device made them (stamps increasing), and a closing line with their count and the CRC-32 of
 * every byte before it. A file without its closing line is still arriving (a sync engine copies
 * files a piece at a time); one whose closing line does not match its content is damaged.
 * Neither counts for anything: a segment is applied whole or not at all.
 */
const SEGMENT_FORMAT = 1

interface SegmentHeader {
  k: 'segment'
  v: number
  device: string
  seq: number
}

interface SegmentClose {
  k: 'close'
  count: number
  crc32: string
}

export interface Segment {
  device: string
  seq: number
  changes: SyncChange[]
  /** The CRC-32 of the segment's content: two files with the same device, seq and checksum are copies of one segment. */
  checksum: string
}

export type DecodedSegment =
  | ({ ok: true } & Segment)
  /**
   * `incomplete`: no closing line yet (still arriving). `damaged`: closed, but its content is not
   * what was closed. `newer`: written by a later version of Recall; applied once this one is updated.
   */
  | { ok: false; reason: 'incomplete' | 'damaged' | 'newer'; detail: string }

const SEGMENT_NAME = /^(\d{10})\.seg$/

export function segmentName(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 9_999_999_999) throw new RangeError(`Not a segment number: ${seq}`)
  return `${String(seq).padStart(10, '0')}.seg`
}

/** The segment number a file name gives, when it is a segment's own name (not a copy or a temporary file). */
export function segmentSeq(name: string): number | undefined {
  const match = SEGMENT_NAME.exec(name)
  return match ? Number(match[1]) : undefined
}

/** A closed segment of changes, as the text of its file. Stamps must be the device's own, in increasing order. */
export function encodeSegment(
  device: string,
  seq: number,
  changes: readonly SyncChange[]
): { name: string; text: string; checksum: string } {
  if (!isDeviceId(device)) throw new RangeError(`Not a device id: ${String(device)}`)
  const header: SegmentHeader = { k: 'segment', v: SEGMENT_FORMAT, device, seq }
  let body = encodeLine(header)
  let last = ''
  for (const change of changes) {
    if (stampDevice(change.at) !== device || change.at <= last) throw new RangeError(`Out of order or another device's stamp: ${change.at}`)
    last = change.at
    body += encodeLine(change)
  }
  const checksum = crc32Hex(body)
  return { name: segmentName(seq), text: body + closeLine(body, changes.length, checksum), checksum }
}

export function decodeSegment(text: string): DecodedSegment {
  return allSteps(decodingSegment(text))
}

/** `decodeSegment` in steps: it pauses every few hundred lines (and every megabyte checksummed) for `inSlices`. */
export function* decodingSegment(text: string): Generator<undefined, DecodedSegment> {
  const file = yield* openingClosedFile<SegmentHeader>(text, 'segment', SEGMENT_FORMAT)
  if (!file.ok) return file
  const { header, lines, checksum } = file
  const { device, seq } = header
  if (!isDeviceId(device) || !Number.isSafeInteger(seq) || seq < 1) return damaged('its header names no device or number')
  const changes = yield* decodingChanges(lines, device)
  if (!Array.isArray(changes)) return changes
  return { ok: true, device, seq, changes, checksum }
}

type ClosedFile<H> =
  { ok: true; header: H; lines: string[]; checksum: string } | { ok: false; reason: 'incomplete' | 'damaged' | 'newer'; detail: string }

/** Text checksummed between two pauses. */
const CRC_STEP = 1 << 20
/** Lines decoded between two pauses. */
const LINES_STEP = 500

/**
 * A file of closed lines (a segment, a snapshot: snapshot-format.ts): whole, its checksum and
 * count matching, with a header of `kind` in a format this version reads. `lines` are the change
 * lines, still to decode.
 */
export function* openingClosedFile<H extends { k: string; v: number }>(
  text: string,
  kind: H['k'],
  format: number
): Generator<undefined, ClosedFile<H>> {
  if (!text.endsWith('\n')) return { ok: false, reason: 'incomplete', detail: 'the file ends inside a line' }
  const lines = text.slice(0, -1).split('\n')
  const closeLine = lines.pop() ?? ''
  const close = decodeLine(closeLine) as Partial<SegmentClose> | undefined
  if (close?.k !== 'close') return { ok: false, reason: 'incomplete', detail: `the ${kind} is not closed` }
  const end = text.length - closeLine.length - 1
  const crc = yield* checksumming(text, end)
  if (typeof close.crc32 !== 'string' || crc !== close.crc32) return damaged('its checksum does not match its content')
  const header = decodeLine(lines[0] ?? '') as Partial<H> | undefined
  if (header?.k !== kind || !Number.isInteger(header.v)) return damaged('it has no header')
  if (header.v! > format) return { ok: false, reason: 'newer', detail: `format ${header.v}, written by a newer Recall` }
  if (close.count !== lines.length - 1) return damaged(`it holds ${lines.length - 1} changes, not ${close.count}`)
  return { ok: true, header: header as H, lines: lines.slice(1), checksum: close.crc32 }
}

/** The CRC-32 of `text` up to `end`, a megabyte at a time with a pause between (`inSlices`). */
export function* checksumming(text: string, end = text.length): Generator<undefined, string> {
  const crc = crc32Stream()
  for (let start = 0; start < end;) {
    let stop = Math.min(end, start + CRC_STEP)
    // Never between the two halves of a character outside the BMP: each piece is encoded to UTF-8 alone.
    if (stop < end && isHighSurrogate(text.charCodeAt(stop - 1))) stop--
    crc.add(text.slice(start, stop))
    start = stop
    if (start < end) yield
  }
  return crc.hex()
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/**
 * The change lines of a closed file. With `device`, every stamp must be that device's and
 * increase down the file (a segment); without, any device's in any order (a snapshot).
 */
export function* decodingChanges(
  lines: readonly string[],
  device?: string
): Generator<undefined, SyncChange[] | { ok: false; reason: 'damaged' | 'newer'; detail: string }> {
  const changes: SyncChange[] = []
  let last = ''
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && i % LINES_STEP === 0) yield
    const value = decodeLine(lines[i]!)
    const change = checkChange(value)
    if (!change) {
      const kind = (value as { k?: unknown } | undefined)?.k
      if (value !== undefined && typeof kind === 'string' && !KNOWN_KINDS.has(kind))
        return { ok: false, reason: 'newer', detail: `a change of kind "${kind}", written by a newer Recall` }
      return damaged(`line ${i + 2} is not a change`)
    }
    if (device !== undefined && (stampDevice(change.at) !== device || change.at <= last))
      return damaged(`line ${i + 2} is out of order or another device's`)
    last = change.at
    changes.push(change)
  }
  return changes
}

/** The closing line of a segment or snapshot: the count of changes and the CRC-32 of every byte before it. */
/** The line that closes a file: its number of changes and the CRC-32 of everything before it (`checksum`, when the caller has it). */
export function closeLine(body: string, count: number, checksum = crc32Hex(body)): string {
  const close: SegmentClose = { k: 'close', count, crc32: checksum }
  return encodeLine(close)
}

const KNOWN_KINDS = new Set([
  'review',
  'undo',
  'deck',
  'import',
  'note',
  'card',
  'options',
  'setting',
  'exam',
  'mock-exam',
  'media',
  'remove'
])

function damaged(detail: string): { ok: false; reason: 'damaged'; detail: string } {
  return { ok: false, reason: 'damaged', detail }
}
