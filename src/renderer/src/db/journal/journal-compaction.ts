import type { JournalMark, JournalWriter } from '@db/journal/journal-writer'
import { parseSegment } from '@shared/journal/journal-format'
import type { AutoBackupOutcome } from '@shared/backup/backup-types'

/**
 * After a backup is written: the journal before it is no longer needed to rebuild the collection
 * (the backup holds it). This page's segment is closed and a new one begun; every closed segment
 * whose transactions the backup holds is deleted, and so are older epochs. Another tab's open
 * segment, with later transactions, stays.
 */
export async function compactJournal(writer: JournalWriter, mark: JournalMark | undefined, now: number): Promise<number> {
  if (!mark || writer.suspended || mark.epoch !== writer.epoch) return 0
  writer.roll(now)
  const doomed: string[] = []
  for (const { segment, text } of await writer.store.read(mark.epoch)) {
    if (segment === writer.segment) continue
    const seqs = parseSegment(text)
      .records.filter((r) => r.k === 'begin')
      .map((r) => (r as { seq: number }).seq)
    if (seqs.every((seq) => seq <= mark.seq)) doomed.push(segment)
  }
  if (doomed.length > 0) await writer.store.remove(mark.epoch, doomed)
  for (const epoch of await writer.store.epochs()) if (epoch !== mark.epoch) await writer.store.remove(epoch)
  return doomed.length
}

interface BackupTriggers {
  noteStudyActivity(): Promise<AutoBackupOutcome>
  backupNow(): Promise<AutoBackupOutcome>
}

/** The backups, compacting the journal after each one written. `markOfLastBackup` is the mark the backup read. */
export function compactingAfterBackups<T extends BackupTriggers>(
  backups: T,
  writer: JournalWriter,
  markOfLastBackup: () => Promise<JournalMark | undefined>,
  now: () => number
): T {
  const after = async (outcome: AutoBackupOutcome) => {
    if (outcome.status === 'written') await compactJournal(writer, await markOfLastBackup(), now()).catch(() => 0)
    return outcome
  }
  return {
    ...backups,
    noteStudyActivity: async () => after(await backups.noteStudyActivity()),
    backupNow: async () => after(await backups.backupNow())
  }
}
