import type { RecallDatabase } from '@db/database'
import { MARK_KEY, MARK_TABLE, timeName, type JournalMark, type JournalWriter } from '@db/journal/journal-writer'

/** A new epoch: a first start, a collection from before the journal, a restored backup, or a journal that was gone or fell behind. */
export interface NewEpochReport {
  kind: 'new-epoch'
  /** False when the collection already held rows: a backup must follow, for the journal to rebuild from. */
  fromEmpty: boolean
}

/** Starts a new epoch from the collection as it is now; the writer is on afterwards. */
export async function beginEpoch(db: RecallDatabase, writer: JournalWriter, now: number): Promise<NewEpochReport> {
  writer.suspended = true
  const fromEmpty = (await db.table('cards').count()) === 0 && (await db.table('reviews').count()) === 0
  const epoch = timeName('e', now)
  await db.table(MARK_TABLE).put({ key: MARK_KEY, epoch, seq: 0 } satisfies JournalMark)
  writer.epoch = epoch
  writer.suspended = false
  writer.append([{ k: 'epoch', tx: `${writer.segment}.epoch`, epoch, at: now, fromEmpty }])
  return { kind: 'new-epoch', fromEmpty }
}
