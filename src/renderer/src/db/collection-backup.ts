import { decodeBackup } from '../../../shared/backup/decode-backup'
import { encodeBackup } from '../../../shared/backup/encode-backup'
import { restoreProblem } from '../../../shared/backup/restore-check'
import type { RecallDatabase } from './database'

/** Every table in one consistent snapshot, encoded as a backup file. */
export async function encodeCollection(db: RecallDatabase, appVersion: string, now: number): Promise<string> {
  const tables: Record<string, unknown[]> = {}
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = await table.toArray()
  })
  // Outside the transaction: Web Crypto's promise is not Dexie's and would end it early.
  return encodeBackup({ appVersion, schemaVersion: db.verno, tables }, now)
}

export type RestoreOutcome = { ok: true; rows: number } | { ok: false; message: string }

/**
 * Replaces the whole collection with a verified backup, in one transaction: a failure part-way
 * rolls everything back, so the collection is either the backup or exactly what it was.
 */
export async function restoreCollection(db: RecallDatabase, text: string): Promise<RestoreOutcome> {
  const decoded = await decodeBackup(text)
  if ('error' in decoded) return { ok: false, message: decoded.error }
  const problem = restoreProblem(decoded.backup, { schemaVersion: db.verno, tableNames: db.tables.map((t) => t.name) })
  if (problem) return { ok: false, message: problem }
  let rows = 0
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      await table.clear()
      const all = decoded.backup.tables[table.name] ?? []
      for (let i = 0; i < all.length; i += 5000) await table.bulkAdd(all.slice(i, i + 5000))
      rows += all.length
    }
  })
  return { ok: true, rows }
}
