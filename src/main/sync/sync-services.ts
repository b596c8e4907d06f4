import { fileErrorCode } from '@main/journal/journal-messages'
import {
  listSyncFiles,
  syncFolderProblem,
  watchSyncFolder,
  writeMediaFile,
  writeSegmentFile,
  writeSnapshotFile,
  removeOwnFile,
  type SyncWatcher
} from '@main/sync/sync-folder'
import { readSyncSettings, writeSyncSettings } from '@main/sync/sync-settings'
import type { RecallApi, SyncMethodName } from '@shared/ipc'
import type { LinkedSyncFolder, SyncFolderProblem, SyncFolderResult } from '@shared/sync/sync-folder-access'
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

export type SyncServices = Pick<RecallApi, SyncMethodName>

export interface SyncServiceOptions {
  /** `sync.json` in the user-data folder. */
  settingsFile: string
  /** The system's folder dialog: the only way a folder path reaches main. Null when cancelled. */
  pickFolder: () => Promise<string | null>
  /** Tells the page that the linked folder's files changed (once they settle, and on a timer). */
  onFolderChange: () => void
  /** Asks the page to sync before quitting (SYNC_BEFORE_QUIT_CHANNEL, with a request id). */
  askPageToSync: (requestId: string) => void
  /** How long quitting waits for that sync; quitting never hangs on it. */
  quitTimeoutMs?: number
  watch?: (folder: string, onChange: () => void) => SyncWatcher
}

/** The largest media file read back from the folder (a media file is written up to the same size). */
const MAX_SYNC_MEDIA_BYTES = 256 * 1024 * 1024

const NOT_LINKED: SyncFolderProblem = {
  kind: 'missing',
  message: 'No sync folder is linked on this computer. Choose one in Tools → Sync. Your collection on this computer is not affected.'
}
const NOT_CHOSEN: SyncFolderProblem = { kind: 'missing', message: 'Choose the sync folder first.' }

/**
 * The sync folder's IPC methods in the main process: which folder is linked (chosen only in the
 * system's dialog, remembered in the user-data folder), its files through sync-folder.ts, its
 * changes pushed to the page, and the page's last sync when Recall quits.
 */
export function createSyncServices(options: SyncServiceOptions) {
  const watch = options.watch ?? ((folder, onChange) => watchSyncFolder(folder, onChange))
  let linked: string | null = null
  let chosen: string | null = null
  let watcher: SyncWatcher | null = null
  let closed = false
  const loaded = readSyncSettings(options.settingsFile).then((settings) => {
    linked = settings?.folder ?? null
    if (linked && !closed) watcher = watch(linked, options.onFolderChange)
  })
  const folderOf = async (which: 'linked' | 'chosen') => {
    await loaded
    return which === 'linked' ? linked : chosen
  }

  const quitRequests = new Map<string, () => void>()
  let requestCounter = 0

  const services: SyncServices = {
    async syncLinked() {
      await loaded
      return linked ? { label: linked } : null
    },
    async syncChooseFolder() {
      const path = await options.pickFolder()
      if (!path) return null
      const checked = await checkFolder(path)
      if (!checked.ok) return checked
      chosen = path
      return { ok: true, value: { label: path } }
    },
    async syncLink() {
      await loaded
      if (!chosen) return { ok: false, problem: NOT_CHOSEN }
      const checked = await checkFolder(chosen)
      if (!checked.ok) return checked
      try {
        await writeSyncSettings(options.settingsFile, { folder: chosen })
      } catch (error) {
        return { ok: false, problem: settingsProblem(error) }
      }
      watcher?.close()
      linked = chosen
      chosen = null
      watcher = watch(linked, options.onFolderChange)
      return { ok: true, value: { label: linked } }
    },
    async syncUnlink() {
      await loaded
      watcher?.close()
      watcher = null
      linked = null
      chosen = null
      await writeSyncSettings(options.settingsFile, null)
    },
    async syncList(which, options) {
      const folder = await folderOf(which)
      if (!folder) return { ok: false, problem: which === 'linked' ? NOT_LINKED : NOT_CHOSEN }
      return listSyncFiles(folder, undefined, options)
    },
    async syncWriteSegment(device, seq, text) {
      const folder = await folderOf('linked')
      return folder ? writeSegmentFile(folder, device, seq, text) : { ok: false, problem: NOT_LINKED }
    },
    async syncWriteSnapshot(device, seq, text) {
      const folder = await folderOf('linked')
      return folder ? writeSnapshotFile(folder, device, seq, text) : { ok: false, problem: NOT_LINKED }
    },
    async syncRemoveOwn(device, name) {
      const folder = await folderOf('linked')
      return folder ? removeOwnFile(folder, device, name) : { ok: false, problem: NOT_LINKED }
    },
    async syncWriteMedia(device, hash, bytes) {
      const folder = await folderOf('linked')
      if (!folder) return { ok: false, problem: NOT_LINKED }
      if (sha256(bytes) !== hash)
        return { ok: false, problem: { kind: 'failed', message: 'A media file did not match its name (its SHA-256).' } }
      return writeMediaFile(folder, device, hash, bytes)
    },
    async syncReadMedia(device, hash) {
      const folder = await folderOf('linked')
      return folder ? readMediaFile(folder, device, hash) : { ok: false, problem: NOT_LINKED }
    },
    async syncQuitDone(requestId) {
      quitRequests.get(requestId)?.()
    }
  }

  return {
    services,
    /**
     * Before quitting: when a folder is linked, asks the page to sync once and waits for it to say
     * it is done, or for `quitTimeoutMs` (a frozen or closed page); never rejects.
     */
    async syncBeforeQuit(): Promise<'synced' | 'not linked' | 'timed out' | 'no page'> {
      await loaded
      if (!linked) return 'not linked'
      const id = `sync-quit-${++requestCounter}`
      return new Promise((resolve) => {
        const timer = setTimeout(() => finish('timed out'), options.quitTimeoutMs ?? 20_000)
        const finish = (outcome: 'synced' | 'timed out' | 'no page') => {
          clearTimeout(timer)
          quitRequests.delete(id)
          resolve(outcome)
        }
        quitRequests.set(id, () => finish('synced'))
        try {
          options.askPageToSync(id)
        } catch {
          finish('no page')
        }
      })
    },
    close() {
      closed = true
      watcher?.close()
      watcher = null
    }
  }
}

async function checkFolder(path: string): Promise<SyncFolderResult<LinkedSyncFolder>> {
  try {
    const info = await stat(path)
    if (!info.isDirectory())
      return { ok: false, problem: syncFolderProblem(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), path) }
    return { ok: true, value: { label: path } }
  } catch (error) {
    return { ok: false, problem: syncFolderProblem(error, path) }
  }
}

function settingsProblem(error: unknown): SyncFolderProblem {
  const reason = error instanceof Error ? error.message : String(error)
  return { kind: 'failed', message: `Recall could not remember the sync folder in its own data folder (${reason}). Nothing was linked.` }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Reads `<folder>/recall/<device>/media/<hash>` and returns it only when its bytes are what its
 * name says: a file cut short by a sync engine, or changed by hand, is a problem, not a picture.
 */
async function readMediaFile(folder: string, device: string, hash: string): Promise<SyncFolderResult<Uint8Array>> {
  const path = join(folder, 'recall', device, 'media', hash)
  try {
    const info = await stat(path)
    if (info.size > MAX_SYNC_MEDIA_BYTES)
      return { ok: false, problem: { kind: 'failed', message: `A media file in the sync folder is larger than Recall reads (${path}).` } }
    const bytes = new Uint8Array(await readFile(path))
    if (sha256(bytes) !== hash)
      return {
        ok: false,
        problem: {
          kind: 'failed',
          message: `A media file in the sync folder does not match its name (${path}): it may still be arriving. Recall tries again later.`
        }
      }
    return { ok: true, value: bytes }
  } catch (error) {
    if (fileErrorCode(error) === 'ENOENT')
      return { ok: false, problem: { kind: 'missing', message: `A media file has not arrived in the sync folder yet (${path}).` } }
    return { ok: false, problem: syncFolderProblem(error, folder) }
  }
}
