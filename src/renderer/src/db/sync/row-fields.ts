import {
  DEFAULT_STUDY_OPTIONS,
  Queue,
  type CardRecord,
  type DeckRecord,
  type MediaRecord,
  type NoteRecord,
  type Preset,
  type SettingRecord
} from '@core/model'
import { deckOfKey } from '@core/sync/sync-state'
import { fieldsWrite, type Fields, type SyncCardState, type SyncChange, type SyncTable } from '@shared/sync/changes'
import type { Stamp } from '@shared/sync/hlc'

/**
 * A row of the collection as the fields a change record writes, and back. Each field is decided
 * on its own by the merge (last writer wins), so fields are what two machines may change apart:
 * a note's own fields (front, back, tags…), a preset's options one by one. A field absent from a
 * row is written as `null` (JSON has no undefined), and a `null` read back leaves it absent.
 *
 * A card's fields are only what is not scheduling and not its note's text: its place in the deck
 * (`ord`), suspended or buried (`queue`, absent when it follows its state), `buriedUntil` and its
 * flag. Its text is made from its note (cards-of-note.ts), its state replayed from its reviews.
 */
type Row = Record<string, unknown>

const NOTE_REMOVED = '$removed'
const NOTE_EDITED = '$edited'
const OPTION = 'options.'

/** The queues a person puts a card in; every other queue follows from its state or its note. */
const isChosenQueue = (queue: number) => queue === Queue.Suspended || queue === Queue.Buried

export function rowFields(table: SyncTable, row: Row): Fields {
  switch (table) {
    case 'notes': {
      const note = row as unknown as NoteRecord
      return { ...note.note, ...(note.removed ? { [NOTE_REMOVED]: true } : {}), ...(note.edited ? { [NOTE_EDITED]: true } : {}) }
    }
    case 'cards': {
      const card = row as unknown as CardRecord
      return {
        ord: card.ord,
        ...(isChosenQueue(card.queue) ? { queue: card.queue } : {}),
        ...(card.queue === Queue.Buried && card.buriedUntil !== undefined ? { buriedUntil: card.buriedUntil } : {}),
        ...(card.flag ? { flag: card.flag } : {})
      }
    }
    case 'presets': {
      const preset = row as unknown as Preset
      const fields: Fields = { name: preset.name }
      for (const [name, value] of Object.entries(preset.options)) fields[OPTION + name] = value
      return fields
    }
    case 'settings':
      return { value: (row as unknown as SettingRecord).value }
    case 'media': {
      // The name's content, never its bytes: they go to `<device>/media/<hash>` (media-exchange.ts).
      const media = row as unknown as MediaRecord
      return { hash: media.hash, type: media.type, size: media.size }
    }
    default: {
      const { id: _id, ...fields } = row
      return dropUndefined(fields)
    }
  }
}

/** Whether a card's write changed a synced field (a grade changes none). */
export function cardFieldsChanged(before: CardRecord, after: CardRecord): boolean {
  return JSON.stringify(rowFields('cards', before as unknown as Row)) !== JSON.stringify(rowFields('cards', after as unknown as Row))
}

/** The row the merged fields describe; `existing` keeps what only this machine knows (a note's creation time). */
export function rowOfFields(table: SyncTable, key: string, fields: Fields, existing: Row | undefined, now: number): Row {
  const present = dropNull(fields)
  switch (table) {
    case 'decks':
      return { origin: 'user', file: '', contentHash: '', cardCount: 0, updatedAt: now, name: key, ...present, id: key } satisfies Row &
        Partial<DeckRecord>
    case 'notes': {
      const { [NOTE_REMOVED]: removed, [NOTE_EDITED]: edited, ...note } = present
      const slash = key.indexOf('/')
      const record: NoteRecord = {
        id: key,
        deckId: deckOfKey(key),
        noteId: key.slice(slash + 1),
        note: note as unknown as NoteRecord['note'],
        ...(removed === true ? { removed: true } : {}),
        ...(edited === true ? { edited: true } : {}),
        createdAt: (existing as NoteRecord | undefined)?.createdAt ?? now
      }
      return record as unknown as Row
    }
    case 'presets': {
      const options: Row = { ...DEFAULT_STUDY_OPTIONS }
      for (const [name, value] of Object.entries(present)) if (name.startsWith(OPTION)) options[name.slice(OPTION.length)] = value
      return { id: key, name: typeof present.name === 'string' ? present.name : key, options }
    }
    case 'settings':
      return { key, value: present.value }
    case 'exams':
      return { ...present, id: key }
    default:
      return { ...present, id: key }
  }
}

/** A card brought to its merged fields (its place, suspended or buried, its flag). */
export function cardWithFields(card: CardRecord, fields: Fields, followState: (card: CardRecord) => CardRecord['queue']): CardRecord {
  const next: CardRecord = { ...card }
  if (typeof fields.ord === 'number') next.ord = fields.ord
  const queue = fields.queue
  if (typeof queue === 'number' && isChosenQueue(queue)) next.queue = queue
  else if (isChosenQueue(card.queue)) next.queue = followState(card)
  if (next.queue === Queue.Buried && typeof fields.buriedUntil === 'number') next.buriedUntil = fields.buriedUntil
  else delete next.buriedUntil
  if (typeof fields.flag === 'number' && fields.flag > 0) next.flag = fields.flag
  else delete next.flag
  return next
}

/** The change that writes `fields` of a row of `table`. */
export function writeChange(table: SyncTable, key: string, at: Stamp, fields: Fields): SyncChange {
  switch (table) {
    case 'settings':
      return { k: 'setting', at, key, value: fields.value ?? null }
    case 'media':
      return { k: 'media', at, name: key, hash: String(fields.hash), type: String(fields.type), size: Number(fields.size) }
    default:
      return fieldsWrite(table, key, at, fields)
  }
}

/** A card's scheduling state as a review change carries it. */
export function syncCardState(card: SyncCardState): SyncCardState {
  const { due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review } = card
  return {
    due,
    stability,
    difficulty,
    elapsed_days,
    scheduled_days,
    learning_steps,
    reps,
    lapses,
    state,
    ...(last_review !== undefined ? { last_review } : {})
  }
}

function dropUndefined(row: Row): Fields {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined))
}

function dropNull(fields: Fields): Row {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined))
}
