import type { JournalOptions } from '@db/database'
import type { BaseBackups, JournalGlance, JournalStartReport } from '@db/journal/journal-check'
import type { JournalWriter } from '@db/journal/journal-writer'
import type { JournalStore } from '@shared/journal/journal-store'

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
  // The journal's newest epoch is read now too, while IndexedDB opens, rather than after the mark
  // (the journal worker starting and its files read were a gap on the first card's path): the
  // check takes it when it shows the collection in step, and reads the journal again otherwise.
  let early: Promise<JournalGlance | undefined> | undefined = glanceAtJournal(writer.store)
  return {
    writer,
    async onReady(vip) {
      let report: JournalStartReport
      const glance = early
      early = undefined // not held once used: the text can be megabytes
      try {
        const { startJournal } = await check
        report = await startJournal(vip, writer, backups, now(), glance)
      } catch (error) {
        writer.suspended = true
        report = { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) }
      }
      onStart(report)
    }
  }
}

/** The newest epoch's segments as they are now; undefined when there is none or the store fails (the check then asks again). */
async function glanceAtJournal(store: JournalStore): Promise<JournalGlance | undefined> {
  try {
    const epoch = (await store.epochs()).at(-1)
    return epoch === undefined ? undefined : { epoch, segments: await store.read(epoch) }
  } catch {
    return undefined
  }
}
