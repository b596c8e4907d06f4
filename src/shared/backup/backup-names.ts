/**
 * Automatic backups, on the desktop and in the browser alike: `recall-2026-11-21T08-33-00Z.recall-backup`
 * (UTC, so names sort by time).
 */
const BACKUP_EXTENSION = '.recall-backup'
const NAME = /^recall-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.recall-backup$/

export function backupFileName(now: number): string {
  const iso = new Date(now).toISOString() // 2026-11-21T08:33:00.000Z
  return `recall-${iso.slice(0, 10)}T${iso.slice(11, 19).replaceAll(':', '-')}Z${BACKUP_EXTENSION}`
}

/**
 * The time a backup name carries, or null when the name is not one of ours. Also the guard for
 * names coming over IPC: nothing with a slash, `..` or another folder can match.
 */
export function backupDateFromName(name: string): number | null {
  const m = NAME.exec(name)
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const date = Date.UTC(year, month - 1, day, hour, minute, second)
  // Date.UTC rolls 2026-13-45 over into a real date; such a name was not written by us.
  return backupFileName(date) === name ? date : null
}

/** Temporary files are hidden and never match the backup pattern, so a half-written one is never listed. */
export const TEMP_PREFIX = '.recall-backup-'
export const TEMP_SUFFIX = '.tmp'
export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)
}
