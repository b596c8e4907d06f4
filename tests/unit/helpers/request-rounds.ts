import { RecallDatabase } from '@db/database'
import type { DBCoreTable } from 'dexie'

/** What a watched connection asked of storage. */
export interface WatchedRequests {
  /** Each read's round: one more than the highest round answered before it was issued. */
  rounds: number[]
  /** The `cardColumns` rows read and written, by deck id. */
  columnsRead: string[]
  columnsWritten: string[]
}

/**
 * A second connection to an existing collection that records its storage requests: how many
 * rounds they came in (requests issued together share one; a request issued after an answer it
 * may wait on starts the next), and which card-column rows were read and written.
 */
export function watchedConnection(name: string): { db: RecallDatabase; seen: WatchedRequests; clear: () => void } {
  const seen: WatchedRequests = { rounds: [], columnsRead: [], columnsWritten: [] }
  let answered = 0
  const db = new RecallDatabase(name)
  const deckIdsOf = (rows: unknown) =>
    Array.isArray(rows)
      ? rows.flatMap((row: { deckId?: unknown } | undefined) => (typeof row?.deckId === 'string' ? [row.deckId] : []))
      : []
  db.use({
    stack: 'dbcore',
    name: 'watched-requests',
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName)
        const read = <R>(ask: () => Promise<R>, rows: (result: R) => unknown): Promise<R> => {
          const round = answered + 1
          seen.rounds.push(round)
          return ask().then((result) => {
            answered = Math.max(answered, round)
            if (tableName === 'cardColumns') seen.columnsRead.push(...deckIdsOf(rows(result)))
            return result
          })
        }
        const watched: DBCoreTable = {
          ...table,
          get: (req) =>
            read(
              () => table.get(req),
              (row) => [row]
            ),
          getMany: (req) =>
            read(
              () => table.getMany(req),
              (rows) => rows
            ),
          query: (req) =>
            read(
              () => table.query(req),
              (response) => (req.values ? response.result : [])
            ),
          count: (req) =>
            read(
              () => table.count(req),
              () => []
            ),
          openCursor: (req) =>
            read(
              () => table.openCursor(req),
              () => []
            ),
          mutate: (req) => {
            if (tableName === 'cardColumns' && (req.type === 'put' || req.type === 'add'))
              seen.columnsWritten.push(...deckIdsOf(req.values))
            return table.mutate(req)
          }
        }
        return watched
      }
    })
  })
  const clear = () => {
    seen.rounds.length = 0
    seen.columnsRead.length = 0
    seen.columnsWritten.length = 0
    answered = 0
  }
  return { db, seen, clear }
}
