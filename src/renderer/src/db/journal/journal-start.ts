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
  // The check's code is not in the first download, but it is asked for now, while IndexedDB
  // opens, so that it is there when the collection is (a cold start fetched it after the open:
  // 0.1–0.4 s on the first card's path). The backup decoder comes only with a rebuild.
  const check = import('@db/journal/journal-check')
  check.catch(() => undefined) // reported by onReady below
  return {
    writer,
    async onReady(vip) {
      let report: JournalStartReport
      try {
        const { startJournal } = await check
        report = await startJournal(vip, writer, backups, now())
      } catch (error) {
        writer.suspended = true
        report = { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) }
      }
      onStart(report)
    }
  }
}
