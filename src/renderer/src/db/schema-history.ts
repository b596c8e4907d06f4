import { DEFAULT_PRESET_ID } from '@core/model'
import { notesFromCards } from '@db/notes-from-cards'
import type { Transaction } from 'dexie'

/**
 * What each database version changed. Old rows reach today's schema by two roads: Dexie's upgrade
 * when an old collection opens (database.ts), and restoring a backup an older Recall made
 * (collection-backup.ts), whose rows are added after the upgrades ran. Both read the changes from
 * here, so neither road can miss one. A new version adds its entry here: the tables it creates
 * and, when it changes rows that already exist, a row migration.
 */

/** A stored row as plain data. */
type Row = Record<string, unknown>
/** One version's change to one table's rows: pure (a new row, or the same one when unchanged), keeping the primary key. */
export type RowMigration = (row: Row) => Row

/** A new table whose rows are made from other tables' rows (pure: the same rows in, the same rows out). */
interface TableBuild {
  from: readonly string[]
  build: (tables: Readonly<Record<string, readonly Row[]>>) => Row[]
}

/**
 * Caches (derived-tables.ts) that this version counts another way: their rows and bookkeeping
 * rows (in `derived`) go, and the cache is counted again after start. Backups hold no caches, so
 * a restore has nothing to change.
 */
interface CacheReset {
  tables: readonly string[]
  bookkeeping: readonly string[]
}

interface SchemaChange {
  addsTables: readonly string[]
  migratesRows?: Readonly<Record<string, RowMigration>>
  buildsTables?: Readonly<Record<string, TableBuild>>
  resetsCaches?: CacheReset
}

/** v2: every deck follows a study-options preset; decks from before presets follow the default one. */
export const deckWithPreset: RowMigration = (deck) => (deck.presetId == null ? { ...deck, presetId: DEFAULT_PRESET_ID } : deck)

export const SCHEMA_HISTORY: Readonly<Record<number, SchemaChange>> = {
  1: { addsTables: ['decks', 'cards', 'reviews'] },
  2: { addsTables: ['presets', 'settings'], migratesRows: { decks: deckWithPreset } },
  3: { addsTables: ['exams', 'simulations'] },
  // Caches (derived-tables.ts). Cards without a change stamp need none: the next write stamps them.
  4: { addsTables: ['reviewDays', 'cardColumns', 'derived'] },
  // Notes: every card of before was one direction of a front/back note (notes-from-cards.ts).
  5: { addsTables: ['notes'], buildsTables: { notes: { from: ['cards'], build: ({ cards }) => notesFromCards(cards ?? []) } } },
  // Media: a new table; no row of before changes (cards named no media).
  6: { addsTables: ['media'] },
  // The journal's mark (db/journal): a new table.
  7: { addsTables: ['journalMark'] },
  // The review rollup by quarter hour (review-rollup.ts), kept on every write: the day rows of
  // before (caught up when the statistics opened) are counted again from the log in the background.
  8: { addsTables: ['reviewSlots'], resetsCaches: { tables: ['reviewDays'], bookkeeping: ['reviewDays'] } },
  // Sync (db/sync): its outbox and its bookkeeping, new tables.
  9: { addsTables: ['syncOutbox', 'syncMeta'] },
  // Browse's default order (cards by creation, deck, place): a new index, no row changes.
  10: { addsTables: [] }
}

const versions = () =>
  Object.keys(SCHEMA_HISTORY)
    .map(Number)
    .sort((a, b) => a - b)

/** Each table → the database version that created it. */
export function tablesAddedIn(): Record<string, number> {
  return Object.fromEntries(versions().flatMap((v) => SCHEMA_HISTORY[v]!.addsTables.map((table) => [table, v])))
}

/** The versions whose upgrade changes stored rows, builds a table from them or resets a cache. */
export function versionsMigratingRows(): number[] {
  return versions().filter((v) => SCHEMA_HISTORY[v]!.migratesRows || SCHEMA_HISTORY[v]!.buildsTables || SCHEMA_HISTORY[v]!.resetsCaches)
}

/** Rows read at version `from` (a backup's tables), as version `to` stores them. The input is left as it was. */
export function migrateRows(tables: Readonly<Record<string, readonly unknown[]>>, from: number, to: number): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, [...rows]]))
  for (const version of versions().filter((v) => v > from && v <= to)) {
    for (const [table, migrate] of Object.entries(SCHEMA_HISTORY[version]!.migratesRows ?? {})) {
      const rows = out[table]
      if (rows) out[table] = rows.map((row) => migrate(row as Row))
    }
    for (const [table, { build }] of Object.entries(SCHEMA_HISTORY[version]!.buildsTables ?? {}))
      out[table] = build(out as Record<string, Row[]>)
  }
  return out
}

/** Dexie's upgrade step for `version`: its row migrations applied to the stored rows. */
export async function upgradeStoredRows(tx: Transaction, version: number): Promise<void> {
  for (const [table, migrate] of Object.entries(SCHEMA_HISTORY[version]?.migratesRows ?? {})) {
    await tx
      .table(table)
      .toCollection()
      .modify((row: Row, ref: { value: Row }) => {
        const next = migrate(row)
        if (next === row) return false
        ref.value = next
      })
  }
  for (const [table, { from, build }] of Object.entries(SCHEMA_HISTORY[version]?.buildsTables ?? {})) {
    const sources: Record<string, Row[]> = {}
    for (const name of from) sources[name] = (await tx.table(name).toArray()) as Row[]
    await tx.table(table).bulkAdd(build(sources))
  }
  const reset = SCHEMA_HISTORY[version]?.resetsCaches
  if (reset) {
    for (const table of reset.tables) await tx.table(table).clear()
    await tx.table('derived').bulkDelete([...reset.bookkeeping])
  }
}
