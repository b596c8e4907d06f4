import { unzipSync } from 'fflate'
import { Decompress } from 'fzstd'

/**
 * The media of Anki packages (.apkg, .colpkg), as Anki's rslib writes and reads them
 * (rslib/src/import_export/package/{meta.rs,media.rs,colpkg/export.rs}, proto/anki/import_export.proto):
 *
 *   `meta`   PackageMetadata { Version version = 1 }: 1 and 2 are legacy, 3 (LATEST) means
 *            collection.anki21b, zstd and a protobuf media list; 0 or an unknown number is a package
 *            too new to read. No `meta` means a legacy package.
 *   `media`  legacy: JSON {"0": "name.png", …}, key = zip entry name, files stored as they are.
 *            LATEST: zstd-compressed MediaEntries { repeated MediaEntry entries = 1 }, MediaEntry
 *            { string name = 1; uint32 size = 2; bytes sha1 = 3; optional uint32 legacy_zip_filename = 255 };
 *            entry i is zip file "i" (or legacy_zip_filename when set) and is itself zstd-compressed.
 *   "0", "1", …  the files.
 *
 * Pure: runs in the renderer, the main process and scripts alike.
 */

/** One media file of a package, as the package names it. */
export interface PackageMediaFile {
  name: string
  bytes: Uint8Array
}

const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2']
const LATEST = 3
/**
 * Streams without a declared size ask for a window whatever their length: 2 MiB from Anki (zstd level 3),
 * 8 MiB from `zstd -19`. A window this large is allowed under a smaller cap; the output is still counted.
 */
const WINDOW_ALLOWANCE = 8 * 1024 * 1024

/**
 * Unzips what Recall reads from an Anki package (.apkg/.colpkg zip): the collection files, `meta`, `media`
 * and the numbered media entries ("0", "1", …). Bounded: the declared sizes of the kept entries add up to
 * at most `cap`, else a message says the package is too large.
 */
export function unzipPackage(bytes: Uint8Array, cap: number): Record<string, Uint8Array> | string {
  let declared = 0
  let tooLarge = false
  let files: Record<string, Uint8Array>
  try {
    // fflate inflates into a buffer of the declared size, so checking declared sizes bounds memory.
    // A stored entry is copied at its compressed size, so that one counts too when larger.
    files = unzipSync(bytes, {
      filter: (entry) => {
        if (!isPackageEntry(entry.name)) return false
        declared += entry.compression === 0 ? Math.max(entry.size, entry.originalSize) : entry.originalSize
        tooLarge ||= declared > cap
        return !tooLarge
      }
    })
  } catch {
    return 'the package is damaged: it is not a readable zip archive'
  }
  return tooLarge ? tooLargeMessage(cap) : files
}

function isPackageEntry(name: string): boolean {
  return COLLECTIONS.includes(name) || name === 'meta' || name === 'media' || /^\d+$/.test(name)
}

/**
 * The media of an unzipped package, in the order of its media list. Never throws: a missing, damaged or
 * oversized file, an unreadable media list or a package too new is a problem (one line per file, naming
 * it), and the other files still come back. Names are the package's own; checking them is the caller's.
 */
export function readPackageMedia(
  unzipped: Record<string, Uint8Array>,
  options: { maxFileBytes: number; cap: number }
): { media: PackageMediaFile[]; problems: string[] } {
  const media: PackageMediaFile[] = []
  const problems: string[] = []
  const list = readMediaList(unzipped, options.cap)
  if (typeof list === 'string') return { media, problems: [list] }
  let total = 0
  for (const { name, zipName } of list.entries) {
    const stored = Object.hasOwn(unzipped, zipName) ? unzipped[zipName] : undefined
    if (!stored) {
      problems.push(`media "${name}" is missing from the package`)
      continue
    }
    const limit = Math.min(options.maxFileBytes, options.cap - total)
    const bytes = list.zstd ? unzstd(stored, limit) : stored.length > limit ? 'too large' : stored
    if (bytes === 'damaged') {
      problems.push(`media "${name}" cannot be read: its zstd compression is damaged`)
    } else if (bytes === 'too large') {
      problems.push(
        limit === options.maxFileBytes
          ? `media "${name}" is larger than ${megabytes(options.maxFileBytes)} MB; it was not imported`
          : `media "${name}" was not imported: the package's media adds up to more than ${megabytes(options.cap)} MB`
      )
    } else {
      total += bytes.length
      media.push({ name, bytes })
    }
  }
  return { media, problems }
}

interface MediaList {
  /** Whether each file is zstd-compressed (packages of version LATEST). */
  zstd: boolean
  entries: Array<{ name: string; zipName: string }>
}

function readMediaList(unzipped: Record<string, Uint8Array>, cap: number): MediaList | string {
  const unreadable = (why: string) => `the package's media list cannot be read (${why}); its media was not imported`
  let version = 0
  if (unzipped.meta) {
    try {
      for (const field of protoFields(unzipped.meta)) if (field.number === 1 && field.varint !== undefined) version = field.varint
    } catch {
      return `the package's version ("meta") cannot be read; its media was not imported`
    }
    if (version < 1 || version > LATEST)
      return `the package was made by a newer Anki (package version ${version}); its media was not imported`
  }
  const raw = unzipped.media
  // Older AnkiDroid versions wrote packages without a media list; Anki reads them as having no media.
  if (!raw) return { zstd: version === LATEST, entries: [] }
  if (version !== LATEST) {
    let map: unknown
    try {
      map = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw))
    } catch {
      return unreadable('it is not JSON')
    }
    if (!map || typeof map !== 'object' || Array.isArray(map) || !Object.values(map).every((v) => typeof v === 'string')) {
      return unreadable('it is not a map of file names')
    }
    return { zstd: false, entries: Object.entries(map as Record<string, string>).map(([zipName, name]) => ({ name, zipName })) }
  }
  const list = unzstd(raw, cap)
  if (list === 'too large') return unreadable(`it unpacks to more than ${megabytes(cap)} MB`)
  if (list === 'damaged') return unreadable('its zstd compression is damaged')
  try {
    return { zstd: true, entries: decodeMediaEntries(list) }
  } catch {
    return unreadable('it is not a valid list of media entries')
  }
}

/** MediaEntries: entry i is zip file "i", unless it records legacy_zip_filename (Anki 2.1.50 honours it). */
function decodeMediaEntries(bytes: Uint8Array): Array<{ name: string; zipName: string }> {
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  const entries: Array<{ name: string; zipName: string }> = []
  for (const field of protoFields(bytes)) {
    if (field.number !== 1) continue
    if (!field.bytes) throw new Error('entries is not a message')
    let name = ''
    let zipName = String(entries.length)
    for (const inner of protoFields(field.bytes)) {
      if (inner.number === 1) {
        if (!inner.bytes) throw new Error('name is not a string')
        name = utf8.decode(inner.bytes)
      } else if (inner.number === 255) {
        if (inner.varint === undefined) throw new Error('legacy_zip_filename is not a varint')
        zipName = String(inner.varint)
      }
    }
    entries.push({ name, zipName })
  }
  return entries
}

export interface ProtoField {
  number: number
  /** Set for wire type 0. */
  varint?: number
  /** Set for wire type 2 (length-delimited). */
  bytes?: Uint8Array
}

/** The fields of a protobuf message, in order; fixed32/fixed64 fields are skipped. Throws on malformed input. */
export function protoFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = []
  let at = 0
  const varint = (): number => {
    let value = 0
    for (let shift = 0; shift < 70; shift += 7) {
      if (at >= bytes.length) throw new RangeError('truncated varint')
      const byte = bytes[at++]!
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
    }
    throw new RangeError('varint longer than 10 bytes')
  }
  const skip = (length: number) => {
    if (length > bytes.length - at) throw new RangeError('field runs past the end')
    at += length
  }
  while (at < bytes.length) {
    const key = varint()
    const number = Math.floor(key / 8)
    const wire = key % 8
    if (number < 1 || number >= 2 ** 29) throw new RangeError(`invalid field number ${number}`)
    if (wire === 0) fields.push({ number, varint: varint() })
    else if (wire === 2) {
      const length = varint()
      const start = at
      skip(length)
      fields.push({ number, bytes: bytes.subarray(start, at) })
    } else if (wire === 1) skip(8)
    else if (wire === 5) skip(4)
    else throw new RangeError(`unsupported wire type ${wire}`)
  }
  return fields
}

/**
 * zstd → bytes, bounded: more than `cap` bytes of output, or a frame header asking for more (a declared
 * size over `cap`, a window over `cap` and 8 MiB), gives the "unpacks to more than" message; damaged data
 * gives a message saying so. The messages are those parseApkgDeck gives for the collection.
 */
export function unzstdBounded(data: Uint8Array, cap: number): Uint8Array | string {
  const out = unzstd(data, cap)
  if (out === 'too large') return tooLargeMessage(cap)
  if (out === 'damaged') return 'the collection in the package is damaged (its zstd compression cannot be read)'
  return out
}

function unzstd(data: Uint8Array, cap: number): Uint8Array | 'too large' | 'damaged' {
  if (!zstdHeadersFit(data, cap)) return 'too large'
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    const stream = new Decompress((chunk) => {
      total += chunk.length
      if (total > cap) throw new RangeError('too large')
      chunks.push(chunk.slice())
    })
    const step = 64 * 1024
    for (let at = 0; at < data.length; at += step) stream.push(data.subarray(at, at + step), at + step >= data.length)
  } catch {
    return total > cap ? 'too large' : 'damaged'
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/**
 * Whether every frame's header fits the cap: fzstd allocates the window a header asks for before
 * decoding a byte, so each frame is walked (headers and block headers only) and checked first.
 * Input that is not zstd passes: the decoder says it is damaged.
 */
function zstdHeadersFit(b: Uint8Array, cap: number): boolean {
  const byte = (i: number) => b[i] ?? 0
  const little = (from: number, count: number) => {
    let value = 0
    for (let i = count - 1; i >= 0; i--) value = value * 256 + byte(from + i)
    return value
  }
  let declared = 0
  let at = 0
  while (at + 4 <= b.length) {
    const magic = little(at, 4)
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      at += 8 + little(at + 4, 4) // skippable frame
      continue
    }
    if (magic !== 0xfd2fb528) return true
    const descriptor = byte(at + 4)
    const singleSegment = (descriptor & 0x20) !== 0
    const sizeFlag = descriptor >> 6
    const sizeBytes = sizeFlag ? 1 << sizeFlag : singleSegment ? 1 : 0
    let p = at + 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]!
    const size = sizeBytes ? little(p, sizeBytes) + (sizeBytes === 2 ? 256 : 0) : 0
    p += sizeBytes
    const exponent = byte(at + 5) >> 3
    const window = singleSegment ? size : 2 ** (10 + exponent) * (1 + (byte(at + 5) & 7) / 8)
    declared += size
    if (declared > cap || window > Math.max(cap, WINDOW_ALLOWANCE)) return false
    for (let last = false; !last && p + 3 <= b.length;) {
      const header = little(p, 3)
      last = (header & 1) === 1
      p += 3 + (((header >> 1) & 3) === 1 ? 1 : header >> 3) // an RLE block stores one byte
    }
    at = p + (descriptor & 4 ? 4 : 0)
  }
  return true
}

function megabytes(bytes: number): number {
  return Math.ceil((bytes / 1024 / 1024) * 10) / 10
}

function tooLargeMessage(cap: number): string {
  return `the package unpacks to more than ${megabytes(cap)} MB; it was not opened`
}
