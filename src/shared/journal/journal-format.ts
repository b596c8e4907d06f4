import { base64ToBytes, bytesToBase64 } from '@shared/media/base64'

/**
 * The journal: every change the user makes to the collection, also written outside IndexedDB (a
 * file per page session and epoch; see docs/architecture.md, "The journal"), so that a collection
 * Chromium lost or cut short can be rebuilt. It is the per-device change log that sync will carry
 * between machines.
 *
 * A segment is text, one record per line: the record as JSON, a tab, and the FNV-1a hash of that
 * JSON as 8 hex digits. A line cut short by a crash, or damaged, fails its hash and is skipped;
 * the lines before it stand.
 *
 * The records of one IndexedDB transaction share its `tx` id and are written together once it has
 * committed: `begin` gives it its place in the collection's order (`seq`, kept in the collection
 * beside the rows: db/journal), the row changes follow, and `commit` ends it; a transaction whose
 * `commit` is missing (the write was cut short) counts for nothing. `abort` (older journals)
 * says a transaction never committed. An epoch's first record says where it starts (`epoch`).
 */
export type JournalRecord =
  /** An epoch begins: from an empty collection, or from one whose rows are in the backup taken next. */
  | { k: 'epoch'; tx: string; epoch: string; at: number; fromEmpty: boolean }
  | { k: 'begin'; tx: string; seq: number; epoch: string; at: number }
  | { k: 'put'; tx: string; table: string; values: unknown[] }
  | { k: 'delete'; tx: string; table: string; keys: unknown[] }
  | { k: 'clear'; tx: string; table: string }
  | { k: 'commit'; tx: string }
  | { k: 'abort'; tx: string }

/** JSON cannot carry bytes or Maps: they are written as `{"$bytes": base64}` and `{"$map": [[k, v], …]}`. */
function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: bytesToBase64(value) }
  if (value instanceof Map) return { $map: [...value.entries()] }
  return value
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const tagged = value as { $bytes?: unknown; $map?: unknown }
  const keys = Object.keys(value)
  if (keys.length === 1 && typeof tagged.$bytes === 'string') return base64ToBytes(tagged.$bytes) ?? value
  if (keys.length === 1 && Array.isArray(tagged.$map)) return new Map(tagged.$map as Array<[unknown, unknown]>)
  return value
}

/**
 * Whether `replacer` could change anything in `value`'s JSON: it holds bytes or a Map somewhere, or
 * an object whose `toJSON` could return one. Errs towards true: any key JSON.stringify visits,
 * `for…in` visits too.
 */
function needsTags(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false
  if (value instanceof Uint8Array || value instanceof Map || typeof (value as { toJSON?: unknown }).toJSON === 'function') return true
  if (Array.isArray(value)) return value.some(needsTags)
  for (const key in value) if (needsTags((value as Record<string, unknown>)[key])) return true
  return false
}

/** FNV-1a, 32 bits, over the UTF-16 code units: enough to tell a whole line from a torn or damaged one. */
function lineHash(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

export function encodeRecord(record: JournalRecord): string {
  return encodeLine(record)
}

/**
 * One line of a journal segment, or of any file written the same way (sync's change segments,
 * shared/sync): the value as JSON (bytes and Maps tagged), a tab, its hash, a newline.
 */
export function encodeLine(value: unknown): string {
  // The replacer costs a call per value (a sync writes millions): only values holding bytes or a Map need it.
  const json = needsTags(value) ? JSON.stringify(value, replacer) : JSON.stringify(value)
  return `${json}\t${lineHash(json)}\n`
}

/** The value of one line (without its newline), or undefined when it fails its hash or does not parse. */
export function decodeLine(line: string): unknown {
  const tab = line.lastIndexOf('\t')
  if (tab < 0) return undefined
  const json = line.slice(0, tab)
  if (lineHash(json) !== line.slice(tab + 1)) return undefined
  try {
    // The reviver costs a call per value: a line whose JSON names no `$` key (none written, none
    // escaped as \u0024) has nothing for it to turn back into bytes or a Map.
    return (json.includes('$') || json.includes('\\u') ? JSON.parse(json, reviver) : JSON.parse(json)) as unknown
  } catch {
    return undefined
  }
}

export interface ParsedSegment {
  records: JournalRecord[]
  /** Lines that failed their hash or did not parse (a torn last line is the usual one). */
  damaged: number
  /** The last line had no end: the write was cut short. */
  tornTail: boolean
}

const KINDS = new Set(['epoch', 'begin', 'put', 'delete', 'clear', 'commit', 'abort'])

export function parseSegment(text: string): ParsedSegment {
  const records: JournalRecord[] = []
  let damaged = 0
  const lines = text.split('\n')
  const last = lines.pop() ?? ''
  const tornTail = last.length > 0
  if (tornTail) damaged++
  for (const line of lines) {
    const record = decodeLine(line) as JournalRecord | undefined
    if (typeof record?.tx === 'string' && KINDS.has(record.k)) records.push(record)
    else damaged++
  }
  return { records, damaged, tornTail }
}
