import type { MediaRecord, ReviewRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { DERIVED_TABLES } from '@db/derived-tables'
import { beginEpoch } from '@db/journal/journal-epoch'
import { MARK_KEY, MARK_TABLE, type JournalMark } from '@db/journal/journal-writer'
import { getSettings } from '@db/options-repository'
import { writeRollupOfLogs } from '@db/review-rollup-whole'
import { migrateRows, tablesAddedIn } from '@db/schema-history'
import type { Backup } from '@shared/backup/backup-types'
import { decodeBackup } from '@shared/backup/decode-backup'
import { encodeBackup } from '@shared/backup/encode-backup'
import { restoreProblem } from '@shared/backup/restore-check'
import { base64ToBytes, bytesToBase64 } from '@shared/media/base64'

const isDerived = (name: string) => (DERIVED_TABLES as readonly string[]).includes(name)

/** Rows whose stored form JSON cannot carry: a media file's bytes go into the backup as base64. */
const JSON_FORM: Readonly<Record<string, { toJson: (row: unknown) => unknown; fromJson: (row: unknown) => unknown }>> = {
  media: {
    toJson: (row) => ({ ...(row as MediaRecord), bytes: bytesToBase64((row as MediaRecord).bytes) }),
    fromJson: (row) => {
      const stored = row as Omit<MediaRecord, 'bytes'> & { bytes: unknown }
      const bytes = typeof stored.bytes === 'string' ? base64ToBytes(stored.bytes) : undefined
      if (!bytes) throw new Error(`the backup's media file "${String(stored.name)}" is damaged`)
      return { ...stored, bytes }
    }
  }
}

let lastMark: JournalMark | undefined

/** The journal mark of the collection the last encodeCollection read: the journal's place that backup holds. */
export function lastEncodedMark(): JournalMark | undefined {
  return lastMark
}

/** Every table but the caches (rebuilt from the rest), in one consistent snapshot, encoded as a backup file. */
export async function encodeCollection(db: RecallDatabase, appVersion: string, now: number): Promise<string> {
  const tables: Record<string, unknown[]> = {}
  const backedUp = db.tables.filter((t) => !isDerived(t.name))
  await db.transaction('r', backedUp, async () => {
    for (const table of backedUp) tables[table.name] = await table.toArray()
  })
  lastMark = (tables[MARK_TABLE] as JournalMark[] | undefined)?.find((row) => row.key === MARK_KEY)
  for (const [name, form] of Object.entries(JSON_FORM)) if (tables[name]) tables[name] = tables[name].map(form.toJson)
  // Outside the transaction: Web Crypto's promise is not Dexie's and would end it early.
  return encodeBackup({ appVersion, schemaVersion: db.verno, tables }, now)
}

export type RestoreOutcome = { ok: true; rows: number } | { ok: false; message: string }

/**
 * Replaces the whole collection with a verified backup, in one transaction: a failure part-way
 * rolls everything back, so the collection is either the backup or exactly what it was. A backup
 * of an older database version gets the row changes the upgrades since then make; the caches are
 * emptied, to be rebuilt from the restored rows.
 */
export async function restoreCollection(
  db: RecallDatabase,
  source: string | { backup: Backup },
  /** `ownRebuild`: the journal rebuilds this installation's lost collection from its own backup. */
  options: { keepJournalSuspended?: boolean; ownRebuild?: boolean } = {}
): Promise<RestoreOutcome> {
  // A backup already decoded (the journal's rebuild read it to find its mark) is not decoded again.
  const decoded = typeof source === 'string' ? await decodeBackup(source) : source
  if ('error' in decoded) return { ok: false, message: decoded.error }
  const { backup } = decoded
  const problem = restoreProblem(backup, { schemaVersion: db.verno, tablesAddedIn: tablesAddedIn(), derivedTables: DERIVED_TABLES })
  if (problem) return { ok: false, message: problem }
  let tables = migrateRows(backup.tables, backup.schemaVersion, db.verno)
  try {
    for (const [name, form] of Object.entries(JSON_FORM)) if (tables[name]) tables[name] = tables[name].map(form.fromJson)
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}; the collection was not changed` }
  }
  // Fetched here, not with this module (the automatic backup loads it at start), and before the
  // transaction: awaiting a fetch inside it would let IndexedDB commit it.
  const { syncRowsOfRestore } = await import('@db/sync/sync-restore')
  let rows = 0
  let linked = db.syncRecording.linked
  // The restored rows are the backup's, not changes to journal: the journal starts a new epoch from them.
  const writer = db.journal
  if (writer) writer.suspended = true
  try {
    await db.transaction('rw', db.tables, async () => {
      // Sync's bookkeeping stays this installation's (db/sync/sync-restore.ts).
      ;({ tables, linked } = await syncRowsOfRestore(db, tables, { ownRebuild: options.ownRebuild === true }))
      // Every table emptied before any row goes in, so no cache sees the new rows as changes to the old.
      for (const table of db.tables) await table.clear()
      for (const table of db.tables) {
        if (isDerived(table.name)) continue
        const all = tables[table.name] ?? []
        for (let i = 0; i < all.length; i += 5000) await table.bulkAdd(all.slice(i, i + 5000))
        rows += all.length
      }
      // The caches are not in a backup: the review rollup is counted from the restored log here.
      await writeRollupOfLogs(db, (tables.reviews ?? []) as ReviewRecord[], (await getSettings(db)).dayStartsAtHour)
    })
  } catch (error) {
    // Rolled back: the collection is as it was, and so is its journal.
    if (writer && !options.keepJournalSuspended) writer.suspended = false
    throw error
  }
  db.syncRecording.linked = linked
  if (writer && !options.keepJournalSuspended) await beginEpoch(db, writer, Date.now())
  return { ok: true, rows }
}
