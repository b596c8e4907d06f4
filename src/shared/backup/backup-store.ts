import type { BackupInfo, BackupReadResult, BackupWriteResult } from '@shared/backup/backup-types'

/**
 * A folder of automatic backups, as each platform keeps one: files in the desktop app's user-data
 * folder (main/backups/backup-store.ts) or in the browser's Origin Private File System
 * (platform/opfs-backup-store.ts). Both use the same names (backup-names.ts), the same rotation
 * (retention.ts) and the same messages (backup-messages.ts). Use it through one `createAutoBackup`,
 * which never runs two writes at once.
 */
export interface BackupStore {
  /** Writes a new backup atomically; a failure leaves the folder as it was. */
  write(content: string, now: number): Promise<BackupWriteResult>
  /** Backups in the folder, newest first. */
  list(): Promise<BackupInfo[]>
  /** A backup's text, by file name only (as `list` gives it). */
  read(file: string): Promise<BackupReadResult>
  /** Deletes what the retention rules no longer keep, and leftovers of crashed writes; returns the deleted names. */
  prune(now: number): Promise<string[]>
}
