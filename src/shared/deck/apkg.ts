import { acceptAnkiNote, legacyModel, mapModel, type AnkiModel, type ModelMapping } from '@shared/deck/anki-models'
import { deckIdFor, fileStem, finishImport, mostCommon, toTags, type AcceptedCard } from '@shared/deck/foreign-cards'
import { protoFields, readPackageMedia, unzipPackage, unzstdBounded } from '@shared/deck/apkg-media'
import { readPackageHistory } from '@shared/deck/apkg-history'
import { stageProgress, type OnImportProgress } from '@shared/deck/import-progress'
import type { DeckProblem, ImportResult, ParsedImport } from '@shared/deck/problems'
import { recallIdsOfGuid } from '@shared/deck/recall-anki-guid'
import { MAX_MEDIA_BYTES } from '@shared/media/media-file'
import type { Deck, NoteType } from '@shared/deck/schema'
import { eachRow, hasTable } from '@shared/deck/sqlite-rows'
import type { Database, SqlJsStatic } from 'sql.js'

/**
 * Anki packages (.apkg, .colpkg) → deck. A package is a zip holding the collection as SQLite:
 * `collection.anki21b` (zstd-compressed, schema 18, Anki 2.1.50+), else `collection.anki21`,
 * else `collection.anki2`. Each note comes in as its note type says (anki-models.ts): Basic and
 * Basic (and reversed card) as basic notes, Cloze as cloze notes, any other note type whole, with
 * its fields and card templates (a `fields` note of a note type of the deck). A note whose note type
 * is missing comes in as before: first field front, second back, the rest extra. Images
 * (`<img src>`) and sounds (`[sound:…]`) come with the package's media (apkg-media.ts).
 * The caller passes the initialised SQL.js, so this file stays free of wasm loading.
 */
export interface ApkgOptions {
  /** Refuse packages that unpack to more than this (zip and zstd bombs). */
  maxUnzippedBytes?: number
  maxCards?: number
  /** Told how far reading has got: unpacking, then note by note. */
  onProgress?: OnImportProgress
}

export const DEFAULT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2']
/** Package versions (`meta`) and collection schemas (`col.ver`) Recall reads: Anki 2.0 to 25.x. */
const LATEST_PACKAGE = 3
const NEWEST_SCHEMA = 18
const OLDEST_SCHEMA = 11
const EXPORT_AGAIN = 'In Anki, export it again with "Support older Anki versions" ticked, or update Recall'
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
  options.onProgress?.({ stage: 'unpacking', done: 0, total: 1 })
  const unzipped = unzipPackage(bytes, cap)
  if (typeof unzipped === 'string') return fail(unzipped)
  const tooNew = packageTooNew(unzipped.meta)
  if (tooNew) return fail(tooNew)
  const name = COLLECTIONS.find((n) => unzipped[n])
  if (!name) return fail('the package holds no Anki collection (collection.anki21b, collection.anki21 or collection.anki2)')
  const data = name === 'collection.anki21b' ? unzstdBounded(unzipped[name]!, cap) : unzipped[name]!
  if (typeof data === 'string') return fail(data)
  if (!sqlJs) return fail('reading Anki packages needs SQLite (sql.js), which was not provided')
  let db: Database | undefined
  try {
    db = new sqlJs.Database(data)
    const result = readCollection(db, file, options.maxCards, options.onProgress)
    if (!result.deck) return result
    // The package's images and sounds; each is checked with the notes that name it (import-file.ts).
    const media = readPackageMedia(unzipped, { maxFileBytes: MAX_MEDIA_BYTES, cap })
    const history = readPackageHistory(db)
    return {
      ...result,
      files: media.media,
      problems: [...result.problems, ...media.problems.map((message) => ({ file, message }))],
      ...(history ? { history } : {})
    }
  } catch (error) {
    return fail(`the collection in the package cannot be read (${error instanceof Error ? error.message : String(error)})`)
  } finally {
    db?.close()
  }
}

function readCollection(db: Database, file: string, maxCards: number | undefined, onProgress?: OnImportProgress): ImportResult<Deck> {
  const problems: DeckProblem[] = []
  const schema = Number(db.exec('SELECT ver FROM col')[0]?.values[0]?.[0] ?? 0)
  if (schema > NEWEST_SCHEMA || (schema > 0 && schema < OLDEST_SCHEMA)) {
    const which = schema > NEWEST_SCHEMA ? 'a newer Anki than Recall reads' : 'an Anki older than 2.0, which Recall does not read'
    return {
      problems: [
        {
          file,
          message: `the package's collection is of schema ${schema}, made by ${which} (schemas ${OLDEST_SCHEMA} to ${NEWEST_SCHEMA}). ${EXPORT_AGAIN}`
        }
      ]
    }
  }
  const noteCount = Number(db.exec('SELECT count(*) FROM notes')[0]?.values[0]?.[0] ?? 0)
  if (maxCards !== undefined && noteCount > maxCards) {
    return { problems: [{ file, message: `the package has more than ${maxCards} notes; split it into smaller decks` }] }
  }
  const deckNames = readDeckNames(db)
  const mappings = new Map<number, ModelMapping>()
  for (const [id, model] of readModels(db)) mappings.set(id, mapModel(model))
  const cardsOfNote = new Map<number, { deck: number; count: number }>()
  eachRow(db, 'SELECT nid, did FROM cards ORDER BY nid, ord', ([nid, did]) => {
    const seen = cardsOfNote.get(Number(nid))
    if (seen) seen.count++
    else cardsOfNote.set(Number(nid), { deck: Number(did), count: 1 })
  })
  const accepted: AcceptedCard[] = []
  const decks: string[] = []
  /** The Recall deck of each note Recall exported (its guid says): importing it again updates that deck. */
  const recallDecks: string[] = []
  const usedTypes = new Map<string, NoteType>()
  let position = 0
  let placeholder = false
  const progress = stageProgress(onProgress, 'reading', noteCount)
  eachRow(db, 'SELECT id, guid, mid, flds, tags FROM notes ORDER BY id', ([id, guid, mid, flds, tags]) => {
    progress(++position)
    const raw = String(flds ?? '').split('\x1f')
    const recall = recallIdsOfGuid(String(guid ?? ''))
    if (recall) recallDecks.push(recall.deckId)
    if (noteCount === 1 && UPDATE_PLACEHOLDER.test(raw[0] ?? '')) placeholder = true
    const cards = cardsOfNote.get(Number(id))
    const deck = cards && deckNames.get(cards.deck)
    if (deck) decks.push(deck)
    const mapping = mappings.get(Number(mid))
    const note = acceptAnkiNote(
      { guid: String(guid ?? ''), fields: raw, tags: toTags(String(tags ?? '').split(/\s+/)), cardCount: cards?.count ?? 0 },
      mapping,
      { note: position },
      file,
      problems
    )
    if (!note) return
    accepted.push(note)
    if (mapping?.kind === 'fields') usedTypes.set(mapping.type.id, mapping.type)
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
  const noteTypes = [...usedTypes.values()]
  const id = (recallDecks.length === position ? mostCommon(recallDecks) : undefined) ?? deckIdFor(name, file)
  return finishImport({ id, name, ...(noteTypes.length ? { noteTypes } : {}) }, accepted, problems, file)
}

/** The package's version (`meta`, PackageMetadata.version) when Recall cannot read it: a message saying so. */
function packageTooNew(meta: Uint8Array | undefined): string | undefined {
  if (!meta) return undefined
  let version = 0
  try {
    for (const field of protoFields(meta)) if (field.number === 1 && field.varint !== undefined) version = field.varint
  } catch {
    return `the package's version ("meta") cannot be read; the package may be damaged or made by a newer Anki. ${EXPORT_AGAIN}`
  }
  if (version >= 1 && version <= LATEST_PACKAGE) return undefined
  return `the package was made by a newer Anki (package version ${version}; Recall reads versions 1 to ${LATEST_PACKAGE}). ${EXPORT_AGAIN}`
}

/**
 * Note type id → fields and templates: the `notetypes`, `fields` and `templates` tables since
 * schema 15 (a template's `config` is Notetype.Template.Config: q_format = 1, a_format = 2; a note
 * type's `config` is Notetype.Config: kind = 1, 1 for cloze), else JSON in `col.models`. A note type
 * that cannot be read is left out, and its notes come in as front and back.
 */
function readModels(db: Database): Map<number, AnkiModel> {
  const models = new Map<number, AnkiModel>()
  const utf8 = new TextDecoder()
  if (hasTable(db, 'notetypes') && hasTable(db, 'fields') && hasTable(db, 'templates')) {
    withoutUnicase(db)
    eachRow(db, 'SELECT id, name, config FROM notetypes', ([id, name, config]) => {
      let cloze = false
      try {
        if (config instanceof Uint8Array)
          for (const f of protoFields(config)) if (f.number === 1 && f.varint !== undefined) cloze = f.varint === 1
      } catch {
        // An unreadable config: a standard note type.
      }
      models.set(Number(id), { key: String(id), name: String(name ?? ''), cloze, fields: [], templates: [] })
    })
    // Sorted here: with Anki's "unicase" collation unknown to SQLite, these tables take no ORDER BY.
    const fields: Array<{ ntid: number; ord: number; name: string }> = []
    eachRow(db, 'SELECT ntid, ord, name FROM fields', ([ntid, ord, name]) => {
      fields.push({ ntid: Number(ntid), ord: Number(ord), name: String(name ?? '') })
    })
    for (const f of fields.sort((a, b) => a.ord - b.ord)) models.get(f.ntid)?.fields.push(f.name)
    const templates: Array<{ ntid: number; ord: number; name: string; qfmt: string; afmt: string }> = []
    eachRow(db, 'SELECT ntid, ord, name, config FROM templates', ([ntid, ord, name, config]) => {
      let qfmt = ''
      let afmt = ''
      try {
        if (config instanceof Uint8Array)
          for (const f of protoFields(config)) {
            if (f.number === 1 && f.bytes) qfmt = utf8.decode(f.bytes)
            else if (f.number === 2 && f.bytes) afmt = utf8.decode(f.bytes)
          }
      } catch {
        // An unreadable template asks nothing; the note type is then read without it.
        return
      }
      templates.push({ ntid: Number(ntid), ord: Number(ord), name: String(name ?? ''), qfmt, afmt })
    })
    for (const t of templates.sort((a, b) => a.ord - b.ord))
      models.get(t.ntid)?.templates.push({ name: t.name, qfmt: t.qfmt, afmt: t.afmt })
  }
  if (models.size === 0) {
    const json = db.exec('SELECT models FROM col')[0]?.values[0]?.[0]
    try {
      const parsed: unknown = typeof json === 'string' && json ? JSON.parse(json) : {}
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        const model = legacyModel(key, value)
        if (model) models.set(Number(key), model)
      }
    } catch {
      // A broken note type list: every note comes in as front and back.
    }
  }
  // A note type without fields or templates cannot say what its cards ask.
  for (const [id, model] of models) if (model.fields.length === 0 || model.templates.length === 0) models.delete(id)
  return models
}

/**
 * Anki declares its name columns `collate unicase`, a collation of its own that SQLite does not
 * know, and SQLite then refuses every query of the `fields` and `templates` tables (their primary
 * key holds the column's table). The collection is a copy in memory: the collation is taken off
 * its schema, and the schema cookie moved on so that SQLite reads the schema again.
 */
function withoutUnicase(db: Database): void {
  const uses = db.exec("SELECT 1 FROM sqlite_master WHERE sql LIKE '%collate unicase%'").length > 0
  if (!uses) return
  const cookie = Number(db.exec('PRAGMA schema_version')[0]?.values[0]?.[0] ?? 0)
  db.exec('PRAGMA writable_schema = ON')
  try {
    db.exec(
      "UPDATE sqlite_master SET sql = replace(replace(replace(sql, 'collate unicase', ''), 'COLLATE unicase', ''), 'COLLATE UNICASE', '') WHERE sql LIKE '%collate unicase%'"
    )
  } finally {
    db.exec('PRAGMA writable_schema = OFF')
  }
  db.exec(`PRAGMA schema_version = ${cookie + 1}`)
}

/** Deck id → name: the `decks` table since schema 18 (levels joined by \x1f), else JSON in `col.decks`. */
function readDeckNames(db: Database): Map<number, string> {
  const names = new Map<number, string>()
  if (hasTable(db, 'decks')) {
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
