import type { Backup } from './backup-types'

/** The database a backup is about to replace. */
export interface RestoreTarget {
  /** `db.verno` */
  schemaVersion: number
  /** `db.tables.map((t) => t.name)` */
  tableNames: readonly string[]
}

/**
 * Why a verified backup cannot replace this collection, or null when it can. A restore clears
 * every table, so a backup that lacks one of them, or holds data this Recall does not know, is
 * refused rather than half restored.
 */
export function restoreProblem(backup: Backup, target: RestoreTarget): string | null {
  if (backup.schemaVersion > target.schemaVersion) {
    return `This backup was made by a newer version of Recall (${backup.appVersion}, database version ${backup.schemaVersion}; this Recall uses version ${target.schemaVersion}). Update Recall to restore it.`
  }
  if (backup.schemaVersion < target.schemaVersion) {
    // Dexie upgrades run when a database opens, not on rows added later: older rows need their own migration.
    return `This backup comes from an older version of Recall (database version ${backup.schemaVersion}; this Recall uses version ${target.schemaVersion}), which cannot be restored yet.`
  }
  const names = Object.keys(backup.tables)
  const unknown = names.filter((n) => !target.tableNames.includes(n))
  if (unknown.length) return `This backup holds data this Recall does not know (${unknown.join(', ')}), so it cannot be restored.`
  const missing = target.tableNames.filter((n) => !names.includes(n))
  if (missing.length) return `This backup is incomplete: it has no ${missing.join(', ')}, so restoring it would lose them.`
  return null
}
