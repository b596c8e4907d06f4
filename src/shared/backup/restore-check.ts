import type { Backup } from '@shared/backup/backup-types'

/** The database a backup is about to replace. */
export interface RestoreTarget {
  /** `db.verno` */
  schemaVersion: number
  /** Each table of this database → the database version that created it. */
  tablesAddedIn: Readonly<Record<string, number>>
  /** Caches rebuilt from the other tables: a backup need not hold them, and a restore empties them. */
  derivedTables: readonly string[]
}

/**
 * Why a verified backup cannot replace this collection, or null when it can. A restore clears
 * every table, so a backup that lacks one its database version had, or holds data this Recall does
 * not know, is refused rather than half restored. Backups of older versions are accepted: the
 * restore brings their rows up to date (schema-history.ts), and tables created since start empty.
 */
export function restoreProblem(backup: Backup, target: RestoreTarget): string | null {
  const version = backup.schemaVersion
  if (version > target.schemaVersion) {
    return `This backup was made by a newer version of Recall (${backup.appVersion}, database version ${version}; this Recall uses version ${target.schemaVersion}). Update Recall to restore it.`
  }
  if (version < 1) return `This backup names database version ${version}, which no version of Recall used, so it cannot be restored.`
  const hadThen = (table: string) => (target.tablesAddedIn[table] ?? Infinity) <= version
  const names = Object.keys(backup.tables)
  const unknown = names.filter((n) => !hadThen(n))
  if (unknown.length) return `This backup holds data this Recall does not know (${unknown.join(', ')}), so it cannot be restored.`
  const missing = Object.keys(target.tablesAddedIn).filter((n) => hadThen(n) && !target.derivedTables.includes(n) && !names.includes(n))
  if (missing.length) return `This backup is incomplete: it has no ${missing.join(', ')}, so restoring it would lose them.`
  return null
}
