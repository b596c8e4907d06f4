import { packBackup, unpackBackup } from '@main/backups/backup-bytes'
import { BACKUP_READ_ERRORS, STILL_SAFE } from '@shared/backup/backup-messages'
import { backupDateFromName, backupFileName, isTempName, TEMP_PREFIX, TEMP_SUFFIX } from '@shared/backup/backup-names'
import type { BackupStore } from '@shared/backup/backup-store'
import type { BackupInfo, BackupReadResult, BackupWriteResult } from '@shared/backup/backup-types'
import { backupsToDelete, DEFAULT_RETENTION, type RetentionLimits } from '@shared/backup/retention'
import { randomUUID } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { join } from 'node:path'

/** The file operations the store uses; tests swap one out to simulate a crash or a full disk. */
export type BackupFileOps = Pick<typeof nodeFs, 'mkdir' | 'readdir' | 'stat' | 'readFile' | 'open' | 'rename' | 'unlink'>

/** The desktop app's backups folder, `backups/` in the user-data folder. */
export function createBackupStore(
  dir: string,
  fs: BackupFileOps = nodeFs,
  limits: RetentionLimits = DEFAULT_RETENTION
): BackupStore & { readonly dir: string } {
  const writing = new Set<string>()

  async function write(content: string, now: number): Promise<BackupWriteResult> {
    const file = backupFileName(now)
    const tempName = `${TEMP_PREFIX}${randomUUID()}${TEMP_SUFFIX}`
    const temp = join(dir, tempName)
    writing.add(tempName)
    try {
      const bytes = await packBackup(content)
      await fs.mkdir(dir, { recursive: true })
      // Written and flushed under a hidden name, then renamed: the final name only ever holds a whole file.
      const handle = await fs.open(temp, 'wx')
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.rename(temp, join(dir, file))
      await syncFolder(dir)
      return { backup: { file, date: backupDateFromName(file)!, size: bytes.length } }
    } catch (error) {
      await fs.unlink(temp).catch(() => undefined)
      return { error: writeErrorMessage(error, dir) }
    } finally {
      writing.delete(tempName)
    }
  }

  /** Makes the rename itself durable on Linux and macOS; Windows cannot open folders, and needs no such step. */
  async function syncFolder(path: string): Promise<void> {
    try {
      const handle = await fs.open(path, 'r')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
    } catch {
      // best effort
    }
  }

  async function names(): Promise<string[]> {
    try {
      return await fs.readdir(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
  }

  async function list(): Promise<BackupInfo[]> {
    const backups: BackupInfo[] = []
    for (const file of await names()) {
      const date = backupDateFromName(file)
      if (date === null) continue
      try {
        const info = await fs.stat(join(dir, file))
        if (info.isFile()) backups.push({ file, date, size: info.size })
      } catch {
        // deleted while listing
      }
    }
    return backups.sort((a, b) => b.date - a.date || (a.file < b.file ? 1 : -1))
  }

  async function read(file: string): Promise<BackupReadResult> {
    if (backupDateFromName(file) === null) return { error: BACKUP_READ_ERRORS.notOurs(file) }
    let bytes: Uint8Array
    try {
      bytes = await fs.readFile(join(dir, file))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      return {
        error: code === 'ENOENT' ? BACKUP_READ_ERRORS.gone(file) : `This backup cannot be read (${code ?? String(error)}).`
      }
    }
    return unpackBackup(bytes)
  }

  async function prune(now: number): Promise<string[]> {
    const deleted: string[] = []
    const remove = async (file: string) => {
      try {
        await fs.unlink(join(dir, file))
        deleted.push(file)
      } catch {
        // gone already, or locked: the next prune tries again
      }
    }
    for (const backup of backupsToDelete(await list(), now, limits)) await remove(backup.file)
    // A temporary file no write of ours is using was left by a crash or a power cut.
    for (const file of await names()) if (isTempName(file) && !writing.has(file)) await remove(file)
    return deleted
  }

  return { dir, write, list, read, prune }
}

function writeErrorMessage(error: unknown, dir: string): string {
  const code = (error as NodeJS.ErrnoException).code
  const safe = STILL_SAFE
  if (code === 'ENOSPC') return `The disk is full, so the backup could not be saved. ${safe}`
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `Recall is not allowed to write to its backups folder (${dir}), so the backup could not be saved. ${safe}`
  return `The backup could not be saved (${code ?? (error as Error).message ?? String(error)}). ${safe}`
}
