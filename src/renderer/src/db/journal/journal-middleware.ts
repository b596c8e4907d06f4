import { cachedTables } from '@db/cached-tables'
import { DERIVED_TABLES } from '@db/derived-tables'
import { MARK_KEY, MARK_TABLE, type JournalMark, type JournalWriter } from '@db/journal/journal-writer'
import type { JournalRecord } from '@shared/journal/journal-format'
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie'

/** Tables whose changes go into the journal: everything but the caches and the journal's own mark. */
const isJournaled = (table: string) => table !== MARK_TABLE && !(DERIVED_TABLES as readonly string[]).includes(table)

/** What the journal knows of one readwrite transaction. */
interface TxState {
  id: string
  /** Resolves with the transaction's place in the collection's order once the mark is read and moved on. */
  begun?: Promise<void>
  /** Its records, written together once it has committed. */
  records: JournalRecord[]
}

let txCounter = 0

/**
 * Writes every change to a journaled table to the journal once its transaction has committed,
 * all of it in one append ending with `commit` (see shared/journal/journal-format.ts). Each
 * readwrite transaction that changes one also moves the journal mark on by one (`seq`), in the
 * same transaction: the collection then knows exactly which of the journal's transactions it
 * holds, and, since IndexedDB runs overlapping readwrite transactions one after the other, `seq`
 * is their commit order even across tabs. A transaction that aborts writes nothing.
 */
export function keepJournal(writer: JournalWriter): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'recall-journal',
    // Below the caches' middleware (10): it sees their stamped rows and their widened scopes.
    level: 5,
    create(below) {
      const down = cachedTables(below)
      const states = new WeakMap<DBCoreTransaction, TxState>()
      const markTable = () => down.table(MARK_TABLE)

      // Written with then(), not await: inside a Dexie transaction every native await costs zone
      // echoes (see recordReview), and this runs on every grade.
      function begin(trans: DBCoreTransaction, state: TxState): Promise<void> {
        state.begun ??= markTable()
          .getMany({ trans, keys: [MARK_KEY] })
          .then(([mark]: Array<JournalMark | undefined>) => {
            // Another tab began a new epoch: follow it.
            if (mark && mark.epoch !== writer.epoch) writer.epoch = mark.epoch
            const seq = (mark?.seq ?? 0) + 1
            const next: JournalMark = { key: MARK_KEY, epoch: writer.epoch, seq }
            return markTable()
              .mutate({ type: 'put', trans, values: [next] })
              .then(() => void state.records.push({ k: 'begin', tx: state.id, seq, epoch: writer.epoch, at: Date.now() }))
          })
        return state.begun
      }

      function changeRecords(
        table: DBCoreTable,
        req: DBCoreMutateRequest,
        res: DBCoreMutateResponse,
        deletedKeys?: unknown[]
      ): JournalRecord[] {
        const tx = states.get(req.trans)!.id
        const name = table.name
        const ok = (i: number) => !(i in res.failures)
        switch (req.type) {
          case 'add':
          case 'put': {
            const keyPath = table.schema.primaryKey.keyPath
            const values = req.values
              .map((value: Record<string, unknown>, i) =>
                // An added row's generated key (review logs) is only in the result.
                typeof keyPath === 'string' && value[keyPath] === undefined && res.results
                  ? { ...value, [keyPath]: res.results[i] as unknown }
                  : value
              )
              .filter((_, i) => ok(i))
            return values.length > 0 ? [{ k: 'put', tx, table: name, values } satisfies JournalRecord] : []
          }
          case 'delete':
            return [{ k: 'delete', tx, table: name, keys: req.keys.filter((_, i) => ok(i)) } satisfies JournalRecord]
          case 'deleteRange':
            return deletedKeys === undefined
              ? [{ k: 'clear', tx, table: name } satisfies JournalRecord]
              : [{ k: 'delete', tx, table: name, keys: deletedKeys } satisfies JournalRecord]
        }
      }

      function journaledTable(table: DBCoreTable): DBCoreTable {
        return {
          ...table,
          mutate(req) {
            const state = states.get(req.trans)
            if (!state || writer.suspended) return table.mutate(req)
            const begun = begin(req.trans, state)
            // A range deleted (not the whole table): its keys are read first, so the journal can name them.
            const keysRead: Promise<unknown[] | undefined> =
              req.type === 'deleteRange' && !isWholeRange(req.range)
                ? table
                    .query({ trans: req.trans, values: false, query: { index: table.schema.primaryKey, range: req.range } })
                    .then((r) => r.result as unknown[])
                : Promise.resolve(undefined)
            return keysRead.then((deletedKeys) =>
              Promise.all([table.mutate(req), begun]).then(([res]) => {
                state.records.push(...changeRecords(table, req, res, deletedKeys))
                return res
              })
            )
          }
        }
      }

      return cachedTables({
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.some(isJournaled)) return down.transaction(stores, mode, options)
          const trans = down.transaction([...new Set([...stores, MARK_TABLE])], mode, options)
          const state: TxState = { id: `${writer.segment}.${++txCounter}`, records: [] }
          states.set(trans, state)
          // The IndexedDB core hands out the native transaction. Dexie heard `complete` first and
          // resolved the caller's promise, but nothing has rendered yet: the records are on their
          // way to the journal before the next card can show. A transaction that aborts leaves none.
          ;(trans as unknown as IDBTransaction).addEventListener('complete', () => {
            if (state.records.length > 0 && !writer.suspended) writer.append([...state.records, { k: 'commit', tx: state.id }])
          })
          return trans
        },
        table(name) {
          const table = down.table(name)
          return isJournaled(name) ? journaledTable(table) : table
        }
      })
    }
  }
}

/** Dexie's "every key" range (`table.clear()`): type Any (3). */
function isWholeRange(range: { type: number }): boolean {
  return range.type === 3
}
