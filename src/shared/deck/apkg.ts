import {
  acceptCard,
  ankiGuidId,
  deckIdFor,
  fileStem,
  finishImport,
  mostCommon,
  toTags,
  type AcceptedCard
} from '@shared/deck/foreign-cards'
import { htmlToText } from '@shared/deck/html-to-text'
import { addMedia, type MediaCount } from '@shared/deck/media-count'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import { unzipSync } from 'fflate'
import { Decompress } from 'fzstd'
import type { Database, SqlJsStatic, SqlValue } from 'sql.js'

/**
 * Anki packages (.apkg, .colpkg) → deck. A package is a zip holding the collection as SQLite:
 * `collection.anki21b` (zstd-compressed, schema 18, Anki 2.1.50+), else `collection.anki21`,
 * else `collection.anki2`. Each note becomes one card: first field front, second back, the other
 * fields the extra; a note with several cards that is not a cloze is studied both ways.
 * The caller passes the initialised SQL.js, so this file stays free of wasm loading.
 */
export interface ApkgOptions {
  /** Refuse packages that unpack to more than this (zip and zstd bombs). */
  maxUnzippedBytes?: number
  maxCards?: number
}

export const DEFAULT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2']
const UPDATE_PLACEHOLDER = /please update to the latest anki version/i

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
}

export function parseApkgDeck(
  bytes: Uint8Array,
  file: string,
  sqlJs: SqlJsStatic | undefined,
  options: ApkgOptions = {}
): ImportResult<Deck> {
  const fail = (message: string): ImportResult<Deck> => ({ problems: [{ file, message }] })
  const cap = options.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES
  if (!isZip(bytes)) return fail('not an Anki package: .apkg and .colpkg files are zip archives, and this file is not one')
  const unzipped = unzipCollections(bytes, cap)
  if (typeof unzipped === 'string') return fail(unzipped)
  const name = COLLECTIONS.find((n) => unzipped[n])
  if (!name) return fail('the package holds no Anki collection (collection.anki21b, collection.anki21 or collection.anki2)')
  const data = name === 'collection.anki21b' ? unzstd(unzipped[name]!, cap) : unzipped[name]!
  if (typeof data === 'string') return fail(data)
  if (!sqlJs) return fail('reading Anki packages needs SQLite (sql.js), which was not provided')
  let db: Database | undefined
  try {
    db = new sqlJs.Database(data)
    return readCollection(db, file, options.maxCards)
  } catch (error) {
    return fail(`the collection in the package cannot be read (${error instanceof Error ? error.message : String(error)})`)
  } finally {
    db?.close()
  }
}

function unzipCollections(bytes: Uint8Array, cap: number): Record<string, Uint8Array> | string {
  let declared = 0
  let tooLarge = false
  try {
    // fflate inflates into a buffer of the declared size, so checking declared sizes bounds memory.
    const files = unzipSync(bytes, {
      filter: (entry) => {
        if (!COLLECTIONS.includes(entry.name)) return false
        declared += entry.originalSize
        tooLarge ||= declared > cap
        return !tooLarge
      }
    })
    return tooLarge ? tooLargeMessage(cap) : files
  } catch {
    return 'the package is damaged: it is not a readable zip archive'
  }
}

function unzstd(data: Uint8Array, cap: number): Uint8Array | string {
  if (declaredZstdSize(data) > cap) return tooLargeMessage(cap)
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
    return total > cap ? tooLargeMessage(cap) : 'the collection in the package is damaged (its zstd compression cannot be read)'
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** The window or content size a zstd frame header asks the decoder to allocate (0 when unreadable). */
function declaredZstdSize(b: Uint8Array): number {
  if (b.length < 14) return 0
  const descriptor = b[4]!
  if ((descriptor & 0x20) === 0) {
    const exponent = b[5]! >> 3
    const base = 2 ** (10 + exponent)
    return base + (base / 8) * (b[5]! & 7)
  }
  const at = 5 + [0, 1, 2, 4][descriptor & 3]!
  const sizeBytes = [1, 2, 4, 8][descriptor >> 6]!
  let size = 0
  for (let i = sizeBytes - 1; i >= 0; i--) size = size * 256 + b[at + i]!
  return sizeBytes === 2 ? size + 256 : size
}

function tooLargeMessage(cap: number): string {
  return `the package unpacks to more than ${Math.ceil((cap / 1024 / 1024) * 10) / 10} MB; it was not opened`
}

function readCollection(db: Database, file: string, maxCards: number | undefined): ImportResult<Deck> {
  const problems: DeckProblem[] = []
  const noteCount = Number(db.exec('SELECT count(*) FROM notes')[0]?.values[0]?.[0] ?? 0)
  if (maxCards !== undefined && noteCount > maxCards) {
    return { problems: [{ file, message: `the package has more than ${maxCards} notes; split it into smaller decks` }] }
  }
  const deckNames = readDeckNames(db)
  const cardsOfNote = new Map<number, { deck: number; count: number }>()
  eachRow(db, 'SELECT nid, did FROM cards ORDER BY nid, ord', ([nid, did]) => {
    const seen = cardsOfNote.get(Number(nid))
    if (seen) seen.count++
    else cardsOfNote.set(Number(nid), { deck: Number(did), count: 1 })
  })
  const accepted: AcceptedCard[] = []
  const decks: string[] = []
  let position = 0
  let placeholder = false
  eachRow(db, 'SELECT id, guid, flds, tags FROM notes ORDER BY id', ([id, guid, flds, tags]) => {
    position++
    const raw = String(flds ?? '').split('\x1f')
    if (noteCount === 1 && UPDATE_PLACEHOLDER.test(raw[0] ?? '')) placeholder = true
    const media: MediaCount = { images: 0, sounds: 0, videos: 0 }
    const [front = '', back = '', ...rest] = raw.map((field) => addMediaOf(media, htmlToText(field)))
    const cards = cardsOfNote.get(Number(id))
    const deck = cards && deckNames.get(cards.deck)
    if (deck) decks.push(deck)
    const card = acceptCard(
      {
        front,
        back,
        extra: rest.filter((s) => s.trim()).join('\n\n'),
        media,
        tags: toTags(String(tags ?? '').split(/\s+/)),
        id: String(guid ?? '').trim() ? ankiGuidId(String(guid)) : undefined,
        reverse: (cards?.count ?? 0) > 1
      },
      { note: position },
      file,
      problems
    )
    if (card) accepted.push(card)
  })
  if (placeholder) {
    return {
      problems: [
        {
          file,
          message:
            'this package holds only the "please update Anki" placeholder: its cards are in a newer format. In Anki, export the deck again with "Support older Anki versions" ticked'
        }
      ]
    }
  }
  const name = (mostCommon(decks) ?? fileStem(file)).slice(0, 200)
  return finishImport({ id: deckIdFor(name, file), name }, accepted, problems, file)
}

function addMediaOf(media: MediaCount, safe: { text: string; media: MediaCount }): string {
  addMedia(media, safe.media)
  return safe.text
}

/** Deck id → name: the `decks` table since schema 18 (levels joined by \x1f), else JSON in `col.decks`. */
function readDeckNames(db: Database): Map<number, string> {
  const names = new Map<number, string>()
  if (db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decks'").length > 0) {
    eachRow(db, 'SELECT id, name FROM decks', ([id, name]) => names.set(Number(id), String(name).split('\x1f').join('::')))
  }
  if (names.size > 0) return names
  const json = db.exec('SELECT decks FROM col')[0]?.values[0]?.[0]
  try {
    const decks: unknown = typeof json === 'string' && json ? JSON.parse(json) : {}
    for (const [key, deck] of Object.entries(decks as Record<string, { id?: unknown; name?: unknown }>)) {
      if (deck && typeof deck.name === 'string') names.set(Number(deck.id ?? key), deck.name)
    }
  } catch {
    // A broken deck list only costs the deck name; the file name is used instead.
  }
  return names
}

function eachRow(db: Database, sql: string, visit: (row: SqlValue[]) => void): void {
  const statement = db.prepare(sql)
  try {
    while (statement.step()) visit(statement.get())
  } finally {
    statement.free()
  }
}
