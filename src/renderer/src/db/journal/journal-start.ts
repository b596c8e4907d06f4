import type { JournalOptions } from '@db/database'
import type { BaseBackups, JournalStartReport } from '@db/journal/journal-check'
import type { JournalWriter } from '@db/journal/journal-writer'

export type { BaseBackups, JournalStartReport } from '@db/journal/journal-check'

/**
 * The database's journal options (database.ts): the start-up check before any other read or
 * write; `onStart` hears what it found, or why the journal is off.
 */
export function journalOptions(
  writer: JournalWriter,
  backups: BaseBackups | null,
  onStart: (report: JournalStartReport) => void,
  now: () => number = Date.now
): JournalOptions {
  return {
    writer,
    async onReady(vip) {
      let report: JournalStartReport
      try {
        // The check's code (and the backup decoder) is fetched here, not in the first download.
        const { startJournal } = await import('@db/journal/journal-check')
        report = await startJournal(vip, writer, backups, now())
      } catch (error) {
        writer.suspended = true
        report = { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) }
      }
      onStart(report)
    }
  }
}
