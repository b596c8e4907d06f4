/**
 * Anki's collection file as every Anki 2.1.x and AnkiDroid reads it: schema 11 (Anki's
 * `rslib/src/storage/schema11.sql`), with decks, note types, deck options and settings as JSON in
 * the one `col` row (their shapes: `rslib/src/decks/schema11.rs`, `notetype/schema11.rs`,
 * `deckconfig/schema11.rs`). Anki 2.1.50+ upgrades such a file to its current schema on import;
 * that upgrade wants note type, field, template and deck names unique (case-insensitively).
 */

export const SCHEMA11_TABLES = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);`

/** Anki's indexes, made after the rows are in (faster than keeping them up to date row by row). */
export const SCHEMA11_INDEXES = `
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);`

/** The id of Anki's "Default" deck and deck options, which every collection has. */
export const DEFAULT_DECK_ID = 1
const DEFAULT_CONFIG_ID = 1

/** A deck as `col.decks` holds it (a normal deck, not a filtered one). */
export function deckJson(id: number, name: string, description: string, mtime: number): Record<string, unknown> {
  return {
    id,
    mod: mtime,
    name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: description,
    dyn: 0,
    conf: DEFAULT_CONFIG_ID,
    extendNew: 0,
    extendRev: 0
  }
}

/** Anki's default deck options ("Default", id 1), with FSRS's desired retention. */
export function deckConfigJson(mtime: number, desiredRetention: number): Record<string, unknown> {
  return {
    [DEFAULT_CONFIG_ID]: {
      id: DEFAULT_CONFIG_ID,
      mod: mtime,
      name: 'Default',
      usn: 0,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: { bury: true, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20, separate: true },
      rev: { bury: true, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2, fuzz: 0.05, minSpace: 1 },
      lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
      desiredRetention,
      sm2Retention: 0.9,
      fsrsWeights: []
    }
  }
}

/** The collection's settings (`col.conf`): the v2 scheduler, the first deck and note type current. */
export function collectionConfigJson(currentDeck: number, currentModel: number, nextPos: number): Record<string, unknown> {
  return {
    activeDecks: [currentDeck],
    curDeck: currentDeck,
    curModel: currentModel,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    nextPos,
    schedVer: 2
  }
}
