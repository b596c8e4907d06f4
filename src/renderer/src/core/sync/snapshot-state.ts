import { deckOfKey, type RowState, type SyncState } from '@core/sync/sync-state'
import { fieldsWrite, REMOVABLE_OF_TABLE, TABLE_OF_REMOVABLE, type Fields, type SyncChange, type SyncTable } from '@shared/sync/changes'
import type { Stamp } from '@shared/sync/hlc'

/**
 * The merge state as a compacted change list (a snapshot's content, shared/sync/snapshot-format.ts):
 * applied to an empty state it gives back the same state. Each row's winning field writes, grouped
 * by stamp; a write that only moved the row's last-write stamp, as a write of no fields; the
 * tombstone; every review that stands for its id; every undo; each media content as the change
 * that first named it. An undo's own stamp is not kept in the state: it is written at the latest
 * stamp, which changes nothing (`latest` is already that).
 */
export function snapshotChanges(state: SyncState): SyncChange[] {
  const changes: SyncChange[] = []
  for (const [hash, { type, size, at, name }] of state.contents) changes.push({ k: 'media', at, name, hash, type, size })
  for (const table of Object.keys(state.rows) as SyncTable[])
    for (const [key, row] of state.rows[table]) changes.push(...rowChanges(table, key, row))
  // One at a time: a million reviews as arguments of one call would overflow the stack.
  for (const review of state.reviews.values()) changes.push(review)
  for (const [card, moves] of state.departures) for (const { at, to } of moves) changes.push({ k: 'move', at, card, to })
  for (const review of state.undone) changes.push({ k: 'undo', at: state.latest, review })
  return changes
}

function rowChanges(table: SyncTable, key: string, row: RowState): SyncChange[] {
  const byStamp = new Map<Stamp, Fields>()
  for (const [field, { at, value }] of row.fields) (byStamp.get(at) ?? byStamp.set(at, {}).get(at)!)[field] = value
  if (row.written !== '' && !byStamp.has(row.written) && table !== 'settings' && table !== 'media') byStamp.set(row.written, {})
  const changes: SyncChange[] = []
  for (const [at, fields] of byStamp) {
    const change = fieldsChange(table, key, at, fields, row)
    if (change) changes.push(change)
  }
  const what = REMOVABLE_OF_TABLE[table]
  if (row.removed !== '' && what) changes.push({ k: 'remove', at: row.removed, what, key })
  return changes
}

function fieldsChange(table: SyncTable, key: string, at: Stamp, fields: Fields, row: RowState): SyncChange | undefined {
  switch (table) {
    case 'settings':
      return 'value' in fields ? { k: 'setting', at, key, value: fields.value } : undefined
    case 'media': {
      // A media change names all three; one that lost a field to a later write loses it again.
      const value = (field: string) => (field in fields ? fields[field] : row.fields.get(field)?.value)
      const [hash, type, size] = [value('hash'), value('type'), value('size')]
      if (typeof hash !== 'string' || typeof type !== 'string' || typeof size !== 'number') return undefined
      return { k: 'media', at, name: key, hash, type, size }
    }
    default:
      return fieldsWrite(table, key, at, fields)
  }
}

/**
 * The changes that would change `state`: the others are already in it (the merge keeps a maximum
 * or a union, so applying them again does nothing). A snapshot another device wrote holds the whole
 * collection; only what is new here is applied, so that a sync writes only the rows it changes.
 */
export function novelChanges(state: SyncState, changes: readonly SyncChange[]): SyncChange[] {
  return changes.filter((change) => !isKnown(state, change))
}

function isKnown(state: SyncState, change: SyncChange): boolean {
  switch (change.k) {
    case 'review': {
      const known = state.reviews.get(change.id)
      return known !== undefined && (known === change || known.at < change.at || (known.at === change.at && sameOrBefore(known, change)))
    }
    case 'undo':
      return state.undone.has(change.review)
    case 'deck':
      return writeKnown(state, 'decks', change.key, change.at, change.fields)
    case 'import':
      return (
        writeKnown(state, 'decks', change.key, change.at, change.fields) &&
        change.notes.every((note) => writeKnown(state, 'notes', note.key, change.at, note.fields))
      )
    case 'note':
      return writeKnown(state, 'notes', change.key, change.at, change.fields)
    case 'card':
      return writeKnown(state, 'cards', change.key, change.at, change.fields)
    case 'options':
      return writeKnown(state, 'presets', change.key, change.at, change.fields)
    case 'setting':
      return writeKnown(state, 'settings', change.key, change.at, { value: change.value })
    case 'exam':
      return writeKnown(state, 'exams', change.key, change.at, change.fields)
    case 'mock-exam':
      return writeKnown(state, 'simulations', change.key, change.at, change.result)
    case 'media': {
      const content = state.contents.get(change.hash)
      const fields = { hash: change.hash, type: change.type, size: change.size }
      return content !== undefined && content.at <= change.at && writeKnown(state, 'media', change.name, change.at, fields)
    }
    case 'move': {
      return state.departures.get(change.card)?.some((m) => m.at === change.at && m.to === change.to) ?? false
    }
    case 'remove': {
      const row = state.rows[TABLE_OF_REMOVABLE[change.what]].get(change.key)
      return row !== undefined && row.removed >= change.at
    }
  }
  return false
}

/** Whether writing `fields` at `at` leaves the row as it is (sync-state.ts `writeFields`: the later stamp wins, the value breaks a tie). */
function writeKnown(state: SyncState, table: SyncTable, key: string, at: Stamp, fields: Fields): boolean {
  const row = state.rows[table].get(key)
  if (!row || row.written < at) return false
  if (table === 'notes' || table === 'cards') {
    const deck = state.rows.decks.get(deckOfKey(key))
    if (!deck || deck.childWritten < at) return false
  }
  for (const [field, value] of Object.entries(fields)) {
    const current = row.fields.get(field)
    if (!current || current.at < at) return false
    if (current.at === at && current.value !== value && JSON.stringify(value) > JSON.stringify(current.value)) return false
  }
  return true
}

function sameOrBefore(known: unknown, change: unknown): boolean {
  return JSON.stringify(known) <= JSON.stringify(change)
}
