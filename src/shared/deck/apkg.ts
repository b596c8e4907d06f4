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
import { readPackageMedia, unzipPackage, unzstdBounded } from '@shared/deck/apkg-media'
import type { DeckProblem, ImportResult, ParsedImport } from '@shared/deck/problems'
import { MAX_MEDIA_BYTES } from '@shared/media/media-file'
import type { Deck } from '@shared/deck/schema'
import type { Database, SqlJsStatic, SqlValue } from 'sql.js'

/**
 * Anki packages (.apkg, .colpkg) → deck. A package is a zip holding the collection as SQLite:
 * `collection.anki21b` (zstd-compressed, schema 18, Anki 2.1.50+), else `collection.anki21`,
 * else `collection.anki2`. Each note becomes one card: first field front, second back, the other
 * fields the extra; a note with several cards that is not a cloze is studied both ways. Images
 * (`<img src>`) and sounds (`[sound:…]`) come with the package's media (apkg-media.ts).
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
): ParsedImport<Deck> {
  const fail = (message: string): ImportResult<Deck> => ({ problems: [{ file, message }] })
  const cap = options.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES
  if (!isZip(bytes)) return fail('not an Anki package: .apkg and .colpkg files are zip archives, and this file is not one')
  const unzipped = unzipPackage(bytes, cap)
  if (typeof unzipped === 'string') return fail(unzipped)
  const name = COLLECTIONS.find((n) => unzipped[n])
  if (!name) return fail('the package holds no Anki collection (collection.anki21b, collection.anki21 or collection.anki2)')
  const data = name === 'collection.anki21b' ? unzstdBounded(unzipped[name]!, cap) : unzipped[name]!
  if (typeof data === 'string') return fail(data)
  if (!sqlJs) return fail('reading Anki packages needs SQLite (sql.js), which was not provided')
  let db: Database | undefined
  try {
    db = new sqlJs.Database(data)
    const result = readCollection(db, file, options.maxCards)
    if (!result.deck) return result
    // The package's images and sounds; each is checked with the notes that name it (import-file.ts).
    const media = readPackageMedia(unzipped, { maxFileBytes: MAX_MEDIA_BYTES, cap })
    return { ...result, files: media.media, problems: [...result.problems, ...media.problems.map((message) => ({ file, message }))] }
  } catch (error) {
    return fail(`the collection in the package cannot be read (${error instanceof Error ? error.message : String(error)})`)
  } finally {
    db?.close()
  }
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
