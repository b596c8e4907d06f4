import type { RecallDatabase } from '@db/database'
import { MARK_KEY, MARK_TABLE, type JournalMark } from '@db/journal/journal-writer'
import { parseSegment, type JournalRecord } from '@shared/journal/journal-format'
import type { JournalSegment } from '@shared/journal/journal-store'
import type { IndexableType } from 'dexie'

type Change = Extract<JournalRecord, { k: 'put' | 'delete' | 'clear' }>

/** One IndexedDB transaction as the journal holds it. */
export interface JournalTx {
  id: string
  seq: number
  at: number
  changes: Change[]
}

/** An epoch's journal, read: its committed-looking transactions in collection order, and what could not be read. */
export interface ReadJournal {
  /** The epoch's first record, when its segment is still there. */
  start?: Extract<JournalRecord, { k: 'epoch' }>
  txs: JournalTx[]
  /** Lines that failed their hash (a torn last line after a crash is the usual one). */
  damaged: number
}

/**
 * Groups an epoch's records by transaction: a transaction counts when its `begin` (its `seq` was
 * written in the same IndexedDB transaction as its rows) and its `commit` are both there; one
 * cut short or aborted is dropped. Sorted by `seq`, then by where they were written.
 */
export function readJournal(epoch: string, segments: readonly JournalSegment[]): ReadJournal {
  const byId = new Map<string, { seq?: number; at: number; changes: Change[]; aborted: boolean; committed: boolean; order: number }>()
  let start: ReadJournal['start']
  let damaged = 0
  let order = 0
  for (const { text } of segments) {
    const parsed = parseSegment(text)
    damaged += parsed.damaged
    for (const record of parsed.records) {
      if (record.k === 'epoch') {
        if (record.epoch === epoch) start ??= record
        continue
      }
      let tx = byId.get(record.tx)
      if (!tx) byId.set(record.tx, (tx = { at: 0, changes: [], aborted: false, committed: false, order: order++ }))
      if (record.k === 'begin') {
        if (record.epoch !== epoch) tx.aborted = true
        tx.seq = record.seq
        tx.at = record.at
      } else if (record.k === 'commit') tx.committed = true
      else if (record.k === 'abort') tx.aborted = true
      else tx.changes.push(record)
    }
  }
  const txs = [...byId.entries()]
    .filter(([, tx]) => tx.seq !== undefined && tx.committed && !tx.aborted)
    .sort(([, a], [, b]) => a.seq! - b.seq! || a.order - b.order)
    .map(([id, tx]) => ({ id, seq: tx.seq!, at: tx.at, changes: tx.changes }))
  return { start, txs, damaged }
}

/** What replaying changed, for the message that tells the person. */
export interface ReplaySummary {
  transactions: number
  /** Review logs written back (answers). */
  reviews: number
  /** Rows of tables this version does not have (a newer Recall wrote them): left out. */
  skipped: number
}

/**
 * Writes the transactions' changes into the collection, in order, in one IndexedDB transaction,
 * and moves the journal mark to the last one. The caller has suspended the journal, so none of
 * this is journaled again.
 */
export async function replayJournal(db: RecallDatabase, epoch: string, txs: readonly JournalTx[]): Promise<ReplaySummary> {
  const summary: ReplaySummary = { transactions: txs.length, reviews: 0, skipped: 0 }
  if (txs.length === 0) return summary
  const names = new Set(db.tables.map((t) => t.name))
  await db.transaction('rw', db.tables, async () => {
    // Rows put into one table are written together, in order, until a delete or clear of that
    // table: the same end state as one write per transaction, in far fewer requests.
    const pending = new Map<string, unknown[]>()
    const flush = async (table: string) => {
      const rows = pending.get(table)
      pending.delete(table)
      for (let i = 0; rows && i < rows.length; i += 5000) await db.table(table).bulkPut(rows.slice(i, i + 5000))
    }
    for (const tx of txs) {
      for (const change of tx.changes) {
        if (!names.has(change.table)) {
          summary.skipped++
          continue
        }
        if (change.k === 'put') {
          const rows = pending.get(change.table) ?? []
          for (const value of change.values) rows.push(value)
          pending.set(change.table, rows)
          if (change.table === 'reviews') summary.reviews += change.values.length
          continue
        }
        await flush(change.table)
        if (change.k === 'delete') await db.table(change.table).bulkDelete(change.keys as IndexableType[])
        else await db.table(change.table).clear()
      }
    }
    for (const table of [...pending.keys()]) await flush(table)
    await db.table(MARK_TABLE).put({ key: MARK_KEY, epoch, seq: txs.at(-1)!.seq } satisfies JournalMark)
  })
  return summary
}
