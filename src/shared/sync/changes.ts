import type { Stamp } from '@shared/sync/hlc'

/**
 * What a device writes to the sync folder: one record per change the person made, each with the
 * device's stamp (`at`, shared/sync/hlc.ts). Records say what changed, not which rows were
 * written: the journal (shared/journal) keeps whole rows for a rebuild of this machine's
 * collection, but a merge between machines needs field-level writes to decide each field on its
 * own, and reviews rather than card states (a card's state is replayed from its reviews).
 *
 * The merge (core/sync) reads them as: reviews, a union by id; field writes (`fields`), last
 * writer wins per field; `remove`, a tombstone; `undo`, a tombstone on one review; media, a union
 * by content hash.
 */
export type SyncChange =
  | ReviewChange
  /** A review taken back (Undo): it counts nowhere, even where it arrives after its undo. */
  | { k: 'undo'; at: Stamp; review: string }
  /** A deck's own fields: name, description, preset (`presetId`), note types… */
  | { k: 'deck'; at: Stamp; key: string; fields: Fields }
  /** A deck file merged into the collection: the deck's fields and every note it brought, at one stamp. */
  | { k: 'import'; at: Stamp; key: string; fields: Fields; notes: ImportedNote[] }
  /** A note edited: each field of the note (front, back, extra, tags…) that changed. Key `deck/note`. */
  | { k: 'note'; at: Stamp; key: string; fields: Fields }
  /** A card's own fields outside scheduling: `queue` (suspended, buried), `buriedUntil`, `flag`. */
  | { k: 'card'; at: Stamp; key: string; fields: Fields }
  /** A study-options preset: `name`, and each option as its own field, `options.request_retention`… */
  | { k: 'options'; at: Stamp; key: string; fields: Fields }
  /** One collection setting (`dayStartsAtHour`…). */
  | { k: 'setting'; at: Stamp; key: string; value: unknown }
  /** An exam plan: its date, decks, guide, exam mode. */
  | { k: 'exam'; at: Stamp; key: string; fields: Fields }
  /** A mock exam's result, written once when the run ends. */
  | { k: 'mock-exam'; at: Stamp; key: string; result: Fields }
  /** An image or sound: its name in the collection, and the content it names (bytes in `<device>/media/<hash>`). */
  | { k: 'media'; at: Stamp; name: string; hash: string; type: string; size: number }
  /**
   * A card moved to another deck: a card's key holds its deck, so the card takes a new key. Its
   * reviews, wherever and whenever they were made under the old key, count for the new one.
   */
  | { k: 'move'; at: Stamp; card: string; to: string }
  /** A removal, kept as a tombstone: a deck (with its notes and cards), a note, a card, a preset, an exam plan, a result, a media name. */
  | { k: 'remove'; at: Stamp; what: Removable; key: string }

export type Fields = Record<string, unknown>

export interface ImportedNote {
  key: string
  fields: Fields
}

/**
 * One review-log row: a grade, or a manual change of the card's schedule (rating 0: a reset, or a
 * reschedule such as Set due date). `after` is the state the device gave the card, computed from
 * the state it had (`before`, that state's fingerprint: core/sync/card-replay.ts).
 */
export interface ReviewChange {
  k: 'review'
  at: Stamp
  /** Unique across devices: the stamp of the grade, or an id from the history it was imported from. */
  id: string
  card: string
  deck: string
  /** ts-fsrs's Rating: 0 manual, 1 Again … 4 Easy. */
  rating: number
  manual?: 'reset' | 'reschedule'
  /** When the grade was given, by the device's clock (epoch ms). */
  review: number
  /**
   * The grading device's offset from UTC at `review`, in minutes east (+540 in Tokyo, -480 in a
   * Californian winter). A replay computes a concurrent grade on this fixed-offset study clock, so
   * machines in different time zones count the same study days. Absent from older writers: UTC.
   */
  zone?: number
  /** Milliseconds from showing the question to the grade. */
  duration: number
  before: string
  log: SyncReviewLog
  after: SyncCardState
}

/** A card's FSRS state as stored (core/model's SchedulingState; shared code imports no other room). */
export interface SyncCardState {
  due: number
  stability: number
  difficulty: number
  elapsed_days: number
  scheduled_days: number
  learning_steps: number
  reps: number
  lapses: number
  state: number
  last_review?: number
}

/** The FSRS fields of a review-log row (ts-fsrs's ReviewLog without its rating and time). */
export interface SyncReviewLog {
  state: number
  due: number
  stability: number
  difficulty: number
  elapsed_days: number
  last_elapsed_days: number
  scheduled_days: number
  learning_steps: number
}

export type Removable = 'deck' | 'note' | 'card' | 'options' | 'exam' | 'mock-exam' | 'media'

/** The collection's tables that changes write to, named as in IndexedDB (db/database.ts). */
export type SyncTable = 'decks' | 'notes' | 'cards' | 'presets' | 'settings' | 'exams' | 'simulations' | 'media'

export const TABLE_OF_REMOVABLE: Readonly<Record<Removable, SyncTable>> = {
  deck: 'decks',
  note: 'notes',
  card: 'cards',
  options: 'presets',
  exam: 'exams',
  'mock-exam': 'simulations',
  media: 'media'
}

/** What a removal of a row of each table is called in a change; a setting is not removed, only cleared. */
export const REMOVABLE_OF_TABLE = Object.fromEntries(Object.entries(TABLE_OF_REMOVABLE).map(([what, table]) => [table, what])) as Readonly<
  Partial<Record<SyncTable, Removable>>
>

/** The change that writes `fields` of a row of a table whose changes name fields (a setting and a media name carry theirs otherwise). */
export function fieldsWrite(table: Exclude<SyncTable, 'settings' | 'media'>, key: string, at: Stamp, fields: Fields): SyncChange {
  switch (table) {
    case 'decks':
      return { k: 'deck', at, key, fields }
    case 'notes':
      return { k: 'note', at, key, fields }
    case 'cards':
      return { k: 'card', at, key, fields }
    case 'presets':
      return { k: 'options', at, key, fields }
    case 'exams':
      return { k: 'exam', at, key, fields }
    case 'simulations':
      return { k: 'mock-exam', at, key, result: fields }
  }
}
