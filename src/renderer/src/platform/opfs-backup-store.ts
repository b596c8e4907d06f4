import { BACKUP_READ_ERRORS, isGzip, MAX_BACKUP_TEXT_BYTES, STILL_SAFE } from '@shared/backup/backup-messages'
import { backupDateFromName, backupFileName, isTempName, TEMP_PREFIX, TEMP_SUFFIX } from '@shared/backup/backup-names'
import type { BackupStore } from '@shared/backup/backup-store'
import type { BackupInfo, BackupReadResult, BackupWriteResult } from '@shared/backup/backup-types'
import { backupsToDelete, DEFAULT_RETENTION, type RetentionLimits } from '@shared/backup/retention'

/** What the store uses of a file in the Origin Private File System. `move` is Chromium's (and Firefox's) so far. */
export interface OpfsFile {
  getFile(): Promise<Blob>
  createWritable(): Promise<WritableStream<Uint8Array>>
  move?(newName: string): Promise<void>
}

/** What the store uses of a folder (TypeScript's DOM types have neither `move` nor async iteration). */
export interface OpfsFolder {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsFolder>
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFile>
  removeEntry(name: string): Promise<void>
  keys(): AsyncIterable<string>
}

interface OpfsBackupStoreOptions {
  /** The origin's private folder (`navigator.storage.getDirectory`). */
  root: () => Promise<OpfsFolder>
  /** Runs a write or a prune alone among every tab of the site (Web Locks), so a prune never takes another tab's file. */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>
  limits?: RetentionLimits
}

const FOLDER = 'backups'

/**
 * The browser's backups folder, `backups/` in the Origin Private File System: the same gzip files,
 * names and rotation as the desktop's. A backup is written under a hidden temporary name and then
 * moved to its own, so a backup's name only ever holds a whole file; where files cannot be moved
 * it is written under its name directly (the browser only commits a written file when it is
 * closed, and an empty one is never listed).
 */
export function createOpfsBackupStore({
  root,
  exclusive = (task) => task(),
  limits = DEFAULT_RETENTION
}: OpfsBackupStoreOptions): BackupStore {
  const folder = async (create: boolean) => (await root()).getDirectoryHandle(FOLDER, { create })

  function write(content: string, now: number): Promise<BackupWriteResult> {
    const file = backupFileName(now)
    const tempName = `${TEMP_PREFIX}${crypto.randomUUID()}${TEMP_SUFFIX}`
    return exclusive(async () => {
      let dir: OpfsFolder | undefined
      try {
        dir = await folder(true)
        const temp = await dir.getFileHandle(tempName, { create: true })
        let size: number
        if (temp.move) {
          size = await writeCompressed(temp, content)
          // Over a backup of the same second (Back up now twice), Chromium's move replaces it.
          await temp.move(file)
        } else {
          await dir.removeEntry(tempName)
          size = await writeCompressed(await dir.getFileHandle(file, { create: true }), content)
        }
        return { backup: { file, date: backupDateFromName(file)!, size } }
      } catch (error) {
        await dir?.removeEntry(tempName).catch(() => undefined)
        return { error: writeErrorMessage(error) }
      }
    })
  }

  async function list(): Promise<BackupInfo[]> {
    let dir: OpfsFolder
    try {
      dir = await folder(false)
    } catch (error) {
      if (nameOf(error) === 'NotFoundError') return []
      throw error
    }
    const backups: BackupInfo[] = []
    for await (const file of dir.keys()) {
      const date = backupDateFromName(file)
      if (date === null) continue
      try {
        const { size } = await (await dir.getFileHandle(file)).getFile()
        // Empty: created by a write that never finished, where files cannot be moved.
        if (size > 0) backups.push({ file, date, size })
      } catch {
        // deleted while listing, or a folder
      }
    }
    return backups.sort((a, b) => b.date - a.date || (a.file < b.file ? 1 : -1))
  }

  async function read(file: string): Promise<BackupReadResult> {
    if (backupDateFromName(file) === null) return { error: BACKUP_READ_ERRORS.notOurs(file) }
    let blob: Blob
    try {
      blob = await (await (await folder(false)).getFileHandle(file)).getFile()
    } catch (error) {
      const name = nameOf(error)
      return { error: name === 'NotFoundError' ? BACKUP_READ_ERRORS.gone(file) : `This backup cannot be read (${name}).` }
    }
    if (!isGzip(new Uint8Array(await blob.slice(0, 2).arrayBuffer()))) {
      return blob.size > MAX_BACKUP_TEXT_BYTES ? { error: BACKUP_READ_ERRORS.tooLarge } : { content: await blob.text() }
    }
    return unpack(blob)
  }

  function prune(now: number): Promise<string[]> {
    return exclusive(async () => {
      const deleted: string[] = []
      let dir: OpfsFolder
      try {
        dir = await folder(false)
      } catch {
        return deleted
      }
      const remove = async (file: string) => {
        try {
          await dir.removeEntry(file)
          deleted.push(file)
        } catch {
          // gone already, or still open: the next prune tries again
        }
      }
      for (const backup of backupsToDelete(await list(), now, limits)) await remove(backup.file)
      // Under the lock no write is under way: a temporary or empty file is what a closed tab left.
      const leftovers: string[] = []
      for await (const file of dir.keys()) if (isTempName(file) || (await isEmptyBackup(dir, file))) leftovers.push(file)
      for (const file of leftovers) await remove(file)
      return deleted
    })
  }

  return { write, list, read, prune }
}

async function isEmptyBackup(dir: OpfsFolder, file: string): Promise<boolean> {
  if (backupDateFromName(file) === null) return false
  try {
    return (await (await dir.getFileHandle(file)).getFile()).size === 0
  } catch {
    return false
  }
}

/** Compresses as it writes; the browser commits the file when the stream closes, and drops it if the pipe fails. */
async function writeCompressed(handle: OpfsFile, content: string): Promise<number> {
  let size = 0
  const counted = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength
      controller.enqueue(chunk)
    }
  })
  await new Blob([content])
    .stream()
    .pipeThrough(new CompressionStream('gzip'))
    .pipeThrough(counted)
    .pipeTo(await handle.createWritable())
  return size
}

/** The text of a gzip file, refused past the size a string can hold and when the stream is cut short. */
async function unpack(blob: Blob): Promise<BackupReadResult> {
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader()
  const decoder = new TextDecoder()
  const parts: string[] = []
  let total = 0
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.byteLength
      if (total > MAX_BACKUP_TEXT_BYTES) {
        await reader.cancel()
        return { error: BACKUP_READ_ERRORS.tooLarge }
      }
      parts.push(decoder.decode(chunk.value, { stream: true }))
    }
  } catch {
    return { error: BACKUP_READ_ERRORS.damaged }
  }
  parts.push(decoder.decode())
  return { content: parts.join('') }
}

function writeErrorMessage(error: unknown): string {
  const name = nameOf(error)
  if (name === 'QuotaExceededError') return `The browser's storage for this site is full, so the backup could not be saved. ${STILL_SAFE}`
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return `This browser does not let Recall keep files (a private window?), so the backup could not be saved. ${STILL_SAFE}`
  return `The backup could not be saved (${error instanceof Error && error.message ? error.message : name}). ${STILL_SAFE}`
}

const nameOf = (error: unknown) => (error instanceof Error ? error.name : String(error))
