import { deckOfKey, type RowState, type SyncState } from '@core/sync/sync-state'
import type { Fields, SyncTable } from '@shared/sync/changes'

/**
 * One row of the merged state as the collection should hold it: its fields, or `removed`. The
 * same rule as `mergedCollection` (core/sync/merged-collection.ts), for one row at a time: the
 * collection side writes only the rows a sync touched, and reading the whole merged collection
 * would replay every card.
 */
export type MergedRow = { kind: 'stands'; fields: Fields } | { kind: 'removed' } | { kind: 'unknown' }

export function mergedRow(state: SyncState, table: SyncTable, key: string): MergedRow {
  const row = state.rows[table].get(key)
  if (!row) return { kind: 'unknown' }
  if (!rowStands(state, table, key, row)) return { kind: 'removed' }
  const fields: Fields = {}
  for (const [name, { value }] of row.fields) fields[name] = value
  return row.fields.size > 0 ? { kind: 'stands', fields } : { kind: 'unknown' }
}

/** A tombstone removes the row with every write before it; a later write brings it back; a deck's tombstone covers its notes and cards. */
export function rowStands(state: SyncState, table: SyncTable, key: string, row: RowState): boolean {
  if (table === 'decks') return row.removed === '' || (row.written > row.childWritten ? row.written : row.childWritten) > row.removed
  if (row.removed !== '' && row.written <= row.removed) return false
  if (table !== 'notes' && table !== 'cards') return true
  const deck = state.rows.decks.get(deckOfKey(key))
  return !deck || rowStands(state, 'decks', deckOfKey(key), deck)
}
