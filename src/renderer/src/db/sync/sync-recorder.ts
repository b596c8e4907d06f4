import type { CardRecord } from '@core/model'
import { cardStateFingerprint } from '@core/sync/card-replay'
import { cachedTables } from '@db/cached-tables'
import { META_TABLE, OUTBOX_TABLE, RECORDED_TABLES, type OutboxEntry, type SyncedReviewRecord } from '@db/sync/sync-records'
import { cardFieldsChanged, syncCardState } from '@db/sync/row-fields'
import type { SyncTable } from '@shared/sync/changes'
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie'

/** Whether local writes are recorded: read from `syncMeta` once at start, then kept here by link and unlink. */
export interface SyncRecording {
  linked: boolean
}

const isRecorded = (table: string): table is SyncTable => (RECORDED_TABLES as readonly string[]).includes(table)
const isReviewOrRecorded = (table: string) => table === 'reviews' || isRecorded(table)

/** A put of more cards than this does not read the rows it replaces (an import): their grades, if any, fall back to the log. */
const MAX_CARDS_READ = 2_000

interface TxState {
  /** Cards as this transaction read them before changing them (the grade reads its card first), as their reads were issued. */
  cardsBefore: Map<string, Promise<CardRecord | undefined>>
  /** Cards as this transaction last wrote them: a grade's `after`. */
  cardsAfter: Map<string, CardRecord>
}

/**
 * Records, in the same transaction, what each readwrite transaction changes in the synced tables,
 * as entries of the outbox (sync-records.ts) that the next sync turns into change records. Only
 * while the collection is linked: otherwise it adds nothing, not even a scope. Transactions whose
 * scope holds `syncMeta` are the sync engine's own (they apply other devices' changes) and are
 * not recorded.
 *
 * A grade costs one small add: the card's put is compared with the row the grade read in the same
 * transaction (recordReview reads it first), and only its synced fields (a flag, suspended,
 * buried, its place) make an entry, which a grade does not change; the review's entry carries the
 * fingerprint of the state graded from and the card's new state.
 */
export function keepSyncOutbox(recording: SyncRecording): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'recall-sync-outbox',
    // Below the journal (5): the outbox is this machine's bookkeeping, not part of the collection it rebuilds.
    level: 4,
    create(below) {
      const down = cachedTables(below)
      const states = new WeakMap<DBCoreTransaction, TxState>()
      const addEntries = (trans: DBCoreTransaction, entries: OutboxEntry[]) =>
        entries.length === 0
          ? Promise.resolve()
          : down
              .table(OUTBOX_TABLE)
              .mutate({ type: 'add', trans, values: entries })
              .then(() => undefined)

      function keysOf(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
        if (req.type === 'delete') return Promise.resolve(req.keys)
        if (req.type !== 'deleteRange') return Promise.resolve([])
        return table
          .query({ trans: req.trans, values: false, query: { index: table.schema.primaryKey, range: req.range } })
          .then((r) => r.result as unknown[])
      }

      function cardsTable(table: DBCoreTable): DBCoreTable {
        // A read is remembered as soon as it is issued: the grade's put goes out before its read has
        // answered, and IndexedDB answers requests in order, so the read still sees the card as it was.
        const remember = (state: TxState | undefined, rows: Promise<unknown[]>, keys: unknown[]): void => {
          if (!state) return
          keys.forEach((key, i) => {
            const id = key as string
            if (!state.cardsBefore.has(id))
              state.cardsBefore.set(
                id,
                rows.then(
                  (r) => r[i] as CardRecord | undefined,
                  () => undefined
                )
              )
          })
        }
        return {
          ...table,
          get(req) {
            const row = table.get(req) as Promise<CardRecord | undefined>
            remember(
              states.get(req.trans),
              row.then((r) => [r]),
              [req.key]
            )
            return row
          },
          getMany(req) {
            const rows = table.getMany(req)
            remember(states.get(req.trans), rows, req.keys)
            return rows
          },
          mutate(req) {
            const state = states.get(req.trans)
            if (!state) return table.mutate(req)
            if (req.type === 'add' || req.type === 'put') {
              const values = req.values as CardRecord[]
              const unread = values.map((c) => c.id).filter((id) => !state.cardsBefore.has(id))
              if (unread.length > 0 && values.length <= MAX_CARDS_READ)
                remember(state, table.getMany({ trans: req.trans, keys: unread }), unread)
              const before = Promise.all(values.map((card) => state.cardsBefore.get(card.id) ?? Promise.resolve(undefined)))
              for (const card of values) state.cardsAfter.set(card.id, card)
              return Promise.all([table.mutate(req), before]).then(([res, old]) => {
                const time = Date.now()
                const entries: OutboxEntry[] = []
                values.forEach((card, i) => {
                  if (i in res.failures) return
                  if (!old[i] || cardFieldsChanged(old[i], card)) entries.push({ k: 'row', time, table: 'cards', key: card.id })
                })
                return addEntries(req.trans, entries).then(() => res)
              })
            }
            return keysOf(table, req).then((keys) =>
              table.mutate(req).then((res) => {
                const time = Date.now()
                return addEntries(
                  req.trans,
                  keys.map((key) => ({ k: 'row', time, table: 'cards', key: key as string }))
                ).then(() => res)
              })
            )
          }
        }
      }

      function reviewsTable(table: DBCoreTable): DBCoreTable {
        return {
          ...table,
          mutate(req) {
            const state = states.get(req.trans)
            if (!state) return table.mutate(req)
            if (req.type === 'add') {
              const rows = req.values as SyncedReviewRecord[]
              const reads = Promise.all(rows.map((row) => state.cardsBefore.get(row.cardKey) ?? Promise.resolve(undefined)))
              return Promise.all([table.mutate(req), reads]).then(([res, beforeRows]) => {
                const time = Date.now()
                const entries: OutboxEntry[] = []
                rows.forEach((row, i) => {
                  if (i in res.failures) return
                  const local = (row.id ?? res.results?.[i]) as number
                  const { id: _id, ...rest } = row
                  const after = state.cardsAfter.get(row.cardKey)
                  const before = beforeRows[i]
                  entries.push({
                    k: 'review',
                    time,
                    local,
                    row: rest,
                    before: cardStateFingerprint(before && syncCardState(before)),
                    ...(after ? { after: syncCardState(after) } : {})
                  })
                })
                return addEntries(req.trans, entries).then(() => res)
              })
            }
            if (req.type === 'put') return table.mutate(req)
            // Deleted review rows (Undo): their sync ids are read first.
            return keysOf(table, req).then((keys) =>
              table.getMany({ trans: req.trans, keys }).then((rows: Array<SyncedReviewRecord | undefined>) =>
                table.mutate(req).then((res) => {
                  const time = Date.now()
                  const entries: OutboxEntry[] = []
                  rows.forEach((row, i) => {
                    if (row) entries.push({ k: 'undo', time, local: keys[i] as number, ...(row.syncId ? { syncId: row.syncId } : {}) })
                  })
                  return addEntries(req.trans, entries).then(() => res)
                })
              )
            )
          }
        }
      }

      function rowsTable(table: DBCoreTable, name: SyncTable): DBCoreTable {
        return {
          ...table,
          mutate(req) {
            const state = states.get(req.trans)
            if (!state) return table.mutate(req)
            const keyPath = table.schema.primaryKey.keyPath as string
            return keysOf(table, req).then((deleted) =>
              table.mutate(req).then((res) => {
                const time = Date.now()
                const keys =
                  req.type === 'add' || req.type === 'put'
                    ? (req.values as Array<Record<string, unknown>>).filter((_, i) => !(i in res.failures)).map((row) => row[keyPath])
                    : deleted
                return addEntries(
                  req.trans,
                  keys.map((key) => ({ k: 'row', time, table: name, key: String(key) }))
                ).then(() => res)
              })
            )
          }
        }
      }

      return cachedTables({
        ...down,
        transaction(stores, mode, options) {
          if (!recording.linked || mode !== 'readwrite' || stores.includes(META_TABLE) || !stores.some(isReviewOrRecorded))
            return down.transaction(stores, mode, options)
          const trans = down.transaction([...new Set([...stores, OUTBOX_TABLE])], mode, options)
          states.set(trans, { cardsBefore: new Map(), cardsAfter: new Map() })
          return trans
        },
        table(name) {
          const table = down.table(name)
          if (name === 'cards') return cardsTable(table)
          if (name === 'reviews') return reviewsTable(table)
          return isRecorded(name) ? rowsTable(table, name) : table
        }
      })
    }
  }
}
