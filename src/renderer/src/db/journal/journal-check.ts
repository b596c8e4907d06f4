import type { RecallDatabase } from '@db/database'
import { beginEpoch, type NewEpochReport } from '@db/journal/journal-epoch'
import { outlineJournal } from '@db/journal/journal-outline'
import { readJournal, replayJournal, type ReadJournal } from '@db/journal/journal-replay'
import { MARK_KEY, MARK_TABLE, type JournalMark, type JournalWriter } from '@db/journal/journal-writer'
import type { Backup, BackupInfo, BackupReadResult } from '@shared/backup/backup-types'
import type { JournalSegment } from '@shared/journal/journal-store'

/** The automatic backups, where a rebuild finds the one its journal starts from. */
export interface BaseBackups {
  list(): Promise<BackupInfo[]>
  read(file: string): Promise<BackupReadResult>
}

/** The journal's newest epoch and its segments, read while the collection was opening (journal-start.ts). */
export interface JournalGlance {
  epoch: string
  segments: JournalSegment[]
}

/** What the start-up check found and did; `rebuilt` and `caught-up` are told to the person. */
export type JournalStartReport =
  | { kind: 'unavailable'; reason: string }
  /** The collection holds everything its journal does. */
  | { kind: 'in-step' }
  /** A new epoch: a first start, a collection from before the journal, or a journal that was gone. */
  | NewEpochReport
  /** The collection had lost its last changes (a crash cut its log short); they were written back. */
  | { kind: 'caught-up'; transactions: number; reviews: number; damaged: number }
  /** The collection was gone or had lost its journal mark: rebuilt from a backup and the journal. */
  | {
      kind: 'rebuilt'
      /** The backup it started from, if one was found. */
      backup?: { file: string; date: number }
      /** True when the journal does not reach back to that backup (or no backup was found and the journal did not start empty). */
      incomplete: boolean
      transactions: number
      reviews: number
      damaged: number
    }

/**
 * Checks the collection against its journal before anything else reads or writes it (the database's
 * `ready` event, database.ts), and puts right what it can:
 * - the journal mark is there and the journal holds nothing newer: all is well;
 * - the journal holds transactions after the mark: the collection lost its last writes (Chromium
 *   cut a torn log); they are written back;
 * - no mark, but a journal exists: the collection was discarded (Chromium deletes a database it
 *   finds corrupt) or damaged: it is rebuilt from the newest automatic backup that belongs to the
 *   journal's epoch, and the journal after it;
 * - no journal (a first start, a collection from before the journal, or a journal deleted): a
 *   new epoch begins from the collection as it is.
 * Afterwards the writer is on, following the collection's epoch.
 */
export async function startJournal(
  db: RecallDatabase,
  writer: JournalWriter,
  backups: BaseBackups | null,
  now: number,
  early?: Promise<JournalGlance | undefined>
): Promise<JournalStartReport> {
  writer.suspended = true
  const mark = (await db.table(MARK_TABLE).get(MARK_KEY)) as JournalMark | undefined
  // The journal read before the mark can only lack transactions written since; when it holds
  // exactly the mark's last one, the collection is in step (the usual start) without reading it
  // again. Anything else is decided on the journal read now, after the mark.
  const glance = await early
  if (mark && glance?.epoch === mark.epoch && (outlineJournal(mark.epoch, glance.segments).seqs.at(-1) ?? 0) === mark.seq) {
    writer.epoch = mark.epoch
    return resume(writer, { kind: 'in-step' })
  }
  const epochs = await writer.store.epochs()
  if (mark && epochs.includes(mark.epoch)) {
    const segments = await writer.store.read(mark.epoch)
    // At every start only the transactions' order is read; their rows only when some are missing.
    const { seqs } = outlineJournal(mark.epoch, segments)
    writer.epoch = mark.epoch
    // The collection holds transactions the journal never got (the page died before they were
    // written there): the journal could not rebuild it any more, so it starts again from here.
    const lastJournaled = seqs.at(-1) ?? 0
    if (lastJournaled <= mark.seq && mark.seq > lastJournaled && mark.seq > 0) return beginEpoch(db, writer, now)
    if (lastJournaled <= mark.seq) return resume(writer, { kind: 'in-step' })
    const journal = readJournal(mark.epoch, segments)
    const missing = journal.txs.filter((tx) => tx.seq > mark.seq)
    const replayed = await replayJournal(db, mark.epoch, missing)
    return resume(writer, { kind: 'caught-up', transactions: replayed.transactions, reviews: replayed.reviews, damaged: journal.damaged })
  }
  if (!mark && epochs.length > 0) return resume(writer, await rebuild(db, writer, epochs.at(-1)!, backups))
  return beginEpoch(db, writer, now)
}

function resume(writer: JournalWriter, report: JournalStartReport): JournalStartReport {
  writer.suspended = false
  return report
}

async function rebuild(db: RecallDatabase, writer: JournalWriter, epoch: string, backups: BaseBackups | null): Promise<JournalStartReport> {
  const journal = readJournal(epoch, await writer.store.read(epoch))
  const base = await findBase(epoch, journal, backups)
  // Whatever is left of the old collection goes: the backup and the journal make the whole of it.
  const { restoreCollection } = await import('@db/collection-backup')
  if (base) {
    const restored = await restoreCollection(db, base.decoded, { keepJournalSuspended: true, ownRebuild: true })
    if (!restored.ok) throw new Error(`the backup ${base.file} could not be restored: ${restored.message}`)
  } else {
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear()
    })
  }
  const after = journal.txs.filter((tx) => tx.seq > (base?.seq ?? 0))
  const firstSeq = after[0]?.seq ?? (base?.seq ?? 0) + 1
  const incomplete = base ? firstSeq > base.seq + 1 : !journal.start?.fromEmpty || (after.length > 0 && after[0]!.seq !== 1)
  writer.epoch = epoch
  await db.table(MARK_TABLE).put({ key: MARK_KEY, epoch, seq: base?.seq ?? 0 } satisfies JournalMark)
  const replayed = await replayJournal(db, epoch, after)
  return {
    kind: 'rebuilt',
    ...(base ? { backup: { file: base.file, date: base.date } } : {}),
    incomplete,
    transactions: replayed.transactions,
    reviews: replayed.reviews,
    damaged: journal.damaged
  }
}

/** The newest automatic backup taken in this epoch: the backup, decoded, and the journal mark it holds. */
async function findBase(
  epoch: string,
  journal: ReadJournal,
  backups: BaseBackups | null
): Promise<{ file: string; date: number; decoded: { backup: Backup }; seq: number } | undefined> {
  if (!backups) return undefined
  const list = [...(await backups.list().catch((): BackupInfo[] => []))].sort((a, b) => b.date - a.date)
  for (const info of list) {
    if (journal.start && info.date < journal.start.at - 60_000) break
    const read = await backups.read(info.file).catch((): BackupReadResult => ({ error: 'unreadable' }))
    if ('error' in read) continue
    // The decoder is fetched only for a rebuild, not with every start's check.
    const { decodeBackup } = await import('@shared/backup/decode-backup')
    const decoded = await decodeBackup(read.content)
    if ('error' in decoded) continue
    const mark = (decoded.backup.tables[MARK_TABLE] as JournalMark[] | undefined)?.find((row) => row.key === MARK_KEY)
    if (mark?.epoch === epoch) return { file: info.file, date: info.date, decoded, seq: mark.seq }
  }
  return undefined
}
