import { decodeLine, type JournalRecord } from '@shared/journal/journal-format'
import type { JournalSegment } from '@shared/journal/journal-store'

/** The journal's transactions by `seq`, without their row changes: all the start-up check needs when nothing is missing. */
export interface JournalOutline {
  /** The `seq` of every transaction that counts (its `begin` and `commit` there, no `abort`), in order. */
  seqs: number[]
}

// Records are written with `k` first (journal-middleware.ts), so a change line is known by its start
// and never decoded: at every start only the short control lines are hashed and parsed. A line
// that starts otherwise is decoded as readJournal decodes it.
const CHANGE_STARTS = ['{"k":"put"', '{"k":"delete"', '{"k":"clear"']

/**
 * What readJournal finds of an epoch's transactions, by reading only their `begin`, `commit` and
 * `abort` lines: a damaged change line does not change whether a transaction counts.
 */
export function outlineJournal(epoch: string, segments: readonly JournalSegment[]): JournalOutline {
  const byId = new Map<string, { seq?: number; aborted: boolean; committed: boolean }>()
  for (const { text } of segments) {
    const lines = text.split('\n')
    lines.pop() // a torn last line (or the empty one after the last newline)
    for (const line of lines) {
      if (CHANGE_STARTS.some((start) => line.startsWith(start))) continue
      const record = decodeLine(line) as JournalRecord | undefined
      if (typeof record?.tx !== 'string' || record.k === 'epoch') continue
      let tx = byId.get(record.tx)
      if (!tx) byId.set(record.tx, (tx = { aborted: false, committed: false }))
      if (record.k === 'begin') {
        if (record.epoch !== epoch) tx.aborted = true
        tx.seq = record.seq
      } else if (record.k === 'commit') tx.committed = true
      else if (record.k === 'abort') tx.aborted = true
    }
  }
  const seqs = [...byId.values()].filter((tx) => tx.seq !== undefined && tx.committed && !tx.aborted).map((tx) => tx.seq!)
  return { seqs: seqs.sort((a, b) => a - b) }
}
