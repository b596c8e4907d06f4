import type { SaveFileKind, SaveFileResult } from '@shared/ipc'
import { randomUUID } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Save-dialog filters per kind of file. */
export const SAVE_FILTERS: Record<SaveFileKind, Array<{ name: string; extensions: string[] }>> = {
  'deck-json': [{ name: 'Recall deck', extensions: ['json'] }],
  'deck-csv': [{ name: 'CSV (Anki and spreadsheets)', extensions: ['csv'] }],
  'deck-apkg': [{ name: 'Anki package', extensions: ['apkg'] }],
  backup: [{ name: 'Recall backup', extensions: ['recall-backup'] }]
}

/**
 * Writes a text file (or bytes) the person chose in the save dialog, atomically: a temporary file beside it,
 * flushed, then renamed over the target, so a crash or a full disk never leaves half a file.
 */
export async function writeTextFileAtomically(path: string, content: string | Uint8Array): Promise<SaveFileResult> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`)
  try {
    const handle = await open(temp, 'w')
    try {
      await (typeof content === 'string' ? handle.writeFile(content, 'utf8') : handle.writeFile(content))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
    return { status: 'saved', file: basename(path) }
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOSPC'
        ? 'the disk is full'
        : code === 'EACCES' || code === 'EPERM'
          ? 'Recall may not write in that folder'
          : code === 'EROFS'
            ? 'that disk is read-only'
            : (code ?? String(error))
    return { status: 'failed', message: `The file could not be saved: ${why}. Nothing was written.` }
  }
}
