import type { DBCore, DBCoreTable } from 'dexie'

/**
 * `core` with each table's wrapper built once. Dexie's `table(name)` builds, on every call, a new
 * wrapper of that table in each middleware below (its virtual indexes worked out again from the
 * schema, its closures made again): Dexie calls it for each table a transaction writes (its hooks
 * look the table up), and the collection's middlewares for each row they read or write beside a
 * change (the rollup's rows, the journal's mark, the sync outbox). Traced at 100,000 cards, that
 * was a millisecond or more of every grade. The wrappers keep no state of a request or a
 * transaction (what they know of one is kept by transaction), so one per table serves them all.
 */
export function cachedTables(core: DBCore): DBCore {
  const tables = new Map<string, DBCoreTable>()
  return {
    ...core,
    table(name) {
      let table = tables.get(name)
      if (!table) tables.set(name, (table = core.table(name)))
      return table
    }
  }
}
