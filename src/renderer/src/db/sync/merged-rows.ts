import { rowStands } from '@core/sync/merged-collection'
import type { SyncState } from '@core/sync/sync-state'
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
