import { randomUUID } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join } from 'node:path'

/** What main remembers about sync on this computer: the linked folder, chosen in the system's folder dialog. */
export interface SyncSettings {
  folder: string
}

/**
 * The settings file in the user-data folder (`sync.json`). A file that is missing, unreadable or
 * not ours reads as "no folder linked": the person links the folder again, nothing is lost.
 */
export async function readSyncSettings(file: string): Promise<SyncSettings | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
    if (typeof parsed !== 'object' || parsed === null) return null
    const folder = (parsed as Record<string, unknown>).folder
    return typeof folder === 'string' && isAbsolute(folder) ? { folder } : null
  } catch {
    return null
  }
}

/**
 * Writes the settings whole (a temporary file beside it, flushed, then renamed over it), so a
 * crash never leaves half a file; null removes it. Throws with the file system's reason.
 */
export async function writeSyncSettings(file: string, settings: SyncSettings | null): Promise<void> {
  if (!settings) {
    await rm(file, { force: true })
    return
  }
  const temp = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`)
  try {
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(`${JSON.stringify({ folder: settings.folder }, null, 2)}\n`, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
}
