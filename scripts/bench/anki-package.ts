import { zipSync } from 'fflate'
import { createHash } from 'node:crypto'
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js'
import { pngOf } from './png'

/**
 * Anki packages as Anki 2.0/2.1 exports them (`collection.anki2`, schema 11: decks and note types
 * as JSON in `col`; `media` as JSON; files stored as they are): the bench's 10,000-note import,
 * and the import tests' packages (tests/fixtures/import/make-apkg.ts builds on these).
 */
export interface PackageNote {
  guid: string
  fields: string[]
  tags?: string
  deck: string
  /** Cards made from the note: 2 for "Basic (and reversed card)" or a cloze with two gaps. */
  cards?: number
}

export const MTIME = 1_700_000_000
export const NOTETYPE_ID = 1_700_000_000_001
export const SCHEMA11 = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);`

/** Schema 11: decks and note types are JSON in the single `col` row. */
export function legacyCollection(SQL: SqlJsStatic, notes: PackageNote[]): Uint8Array {
  const db = new SQL.Database()
  db.exec(SCHEMA11)
  const deckIds = deckIdsOf(notes)
  const decks: Record<string, object> = { 1: { id: 1, name: 'Default', mod: MTIME, dyn: 0, collapsed: false, desc: '' } }
  for (const [name, id] of deckIds) decks[id] = { id, name: name.split('\x1f').join('::'), mod: MTIME, dyn: 0, collapsed: false, desc: '' }
  const models = {
    [NOTETYPE_ID]: {
      id: NOTETYPE_ID,
      name: 'Basic',
      type: 0,
      flds: [
        { name: 'Front', ord: 0 },
        { name: 'Back', ord: 1 }
      ],
      tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }]
    }
  }
  db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
    MTIME,
    MTIME * 1000,
    MTIME * 1000,
    '{}',
    JSON.stringify(models),
    JSON.stringify(decks),
    '{}',
    '{}'
  ])
  insertNotes(db, notes, deckIds)
  return exportAndClose(db)
}

export function deckIdsOf(notes: PackageNote[]): Map<string, number> {
  const ids = new Map<string, number>([['Default', 1]])
  for (const note of notes) if (!ids.has(note.deck)) ids.set(note.deck, 1_700_000_100_000 + ids.size)
  return ids
}

export function insertNotes(db: Database, notes: PackageNote[], deckIds: Map<string, number>): void {
  notes.forEach((note, i) => {
    const id = 1_700_000_200_000 + i
    const sortField = note.fields[0]!.replace(/<[^>]*>/g, '')
    const csum = Number.parseInt(createHash('sha1').update(sortField).digest('hex').slice(0, 8), 16)
    db.run('INSERT INTO notes VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)', [
      id,
      note.guid,
      NOTETYPE_ID,
      MTIME,
      note.tags ? ` ${note.tags} ` : '',
      note.fields.join('\x1f'),
      sortField,
      csum,
      ''
    ])
    for (let ord = 0; ord < (note.cards ?? 1); ord++) {
      db.run('INSERT INTO cards VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)', [
        id * 10 + ord,
        id,
        deckIds.get(note.deck)!,
        ord,
        MTIME,
        i + 1,
        ''
      ])
    }
  })
}

export function exportAndClose(db: Database): Uint8Array {
  const bytes = db.export()
  db.close()
  return bytes
}

/** Anki before 2.1.50 (and "support older Anki versions"): `media` is JSON {"0": name, …}, files stored as they are. */
export function legacyMedia(files: Array<{ name: string; bytes: Uint8Array }>): Record<string, Uint8Array> {
  const map = Object.fromEntries(files.map((file, i) => [String(i), file.name]))
  return { media: new TextEncoder().encode(JSON.stringify(map)), ...Object.fromEntries(files.map((file, i) => [String(i), file.bytes])) }
}

export function packApkg(files: Record<string, Uint8Array>): Uint8Array {
  const mtime = new Date(Date.UTC(2024, 0, 1))
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime, level: 6 }]])))
}

/**
 * The bench's big package, as the import-progress end-to-end test builds it: `notes` notes in
 * the deck "Big AWS deck", every tenth answer a diagram (`images` PNGs), the rest text with a
 * little HTML. `run` makes each package new to the collection (its own guids, its own picture
 * colours), so every import of the bench adds as much as the first.
 */
export async function bigPackage(notes: number, images: number, run: number): Promise<Uint8Array> {
  const SQL = await initSqlJs()
  const list: PackageNote[] = Array.from({ length: notes }, (_, i) => ({
    guid: `big${run}-${i}`,
    fields:
      i % 10 === 0 && i / 10 < images
        ? [`Which architecture is diagram ${i / 10}?`, `<img src="diagram-${i / 10}.png">`]
        : [`What does service <b>${i}</b> do?`, `It handles task ${i} &amp; logs it.`],
    deck: 'Big AWS deck'
  }))
  const media = Array.from({ length: images }, (_, i) => ({
    name: `diagram-${i}.png`,
    bytes: pngOf(4 + (i % 50), 3 + Math.floor(i / 50), [(run * 37) % 256, 30, 30])
  }))
  return packApkg({ 'collection.anki2': legacyCollection(SQL, list), ...legacyMedia(media) })
}
