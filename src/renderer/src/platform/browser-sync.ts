import type { HandleKeeper, SyncDirectoryHandle } from '@platform/fs-access-sync'
import { importAttempt } from '@platform/import-again'
import { pollSyncFolder } from '@platform/sync-folder-poll'
import type { SyncFolderAccess, SyncPlatform } from '@shared/sync/sync-folder-access'

/** How often the folder is looked at again (fs-access-sync.ts's default). */
const POLL_MS = 60_000

/**
 * This browser's folder picker over the File System Access API (fs-access-sync.ts), or null where
 * the API is missing (Firefox, Safari). The sync code is fetched once there is a folder to use:
 * at start when one is linked, or when the person chooses one; a browser with none linked starts
 * without it. The picker opens at once, in the click that asked for it, while the code arrives.
 */
export function browserSyncPlatform(): SyncPlatform | null {
  const picker = (globalThis as { showDirectoryPicker?: (options: { mode: 'readwrite'; id?: string }) => Promise<SyncDirectoryHandle> })
    .showDirectoryPicker
  if (typeof picker !== 'function' || typeof indexedDB === 'undefined') return null
  const openPicker = () => picker.call(globalThis, { mode: 'readwrite', id: 'recall-sync' })
  const keeper = indexedDbHandleKeeper()
  /** The picker opened by `chooseFolder` before the code was there, for the code's `pickDirectory`. */
  let picked: Promise<SyncDirectoryHandle> | undefined
  const pickDirectory = () => {
    const handle = picked ?? openPicker()
    picked = undefined
    return handle
  }
  let attempt = 0
  let code: Promise<SyncPlatform> | undefined
  const sync = () =>
    (code ??= importAttempt(() => import('@platform/fs-access-sync'), attempt).then(
      ({ fsAccessSync }) => fsAccessSync({ pickDirectory, keeper, pollMs: POLL_MS }),
      (error: unknown) => {
        code = undefined
        attempt++
        throw error
      }
    ))
  const access = (folder: (sync: SyncPlatform) => SyncFolderAccess): SyncFolderAccess => ({
    list: async (options) => folder(await sync()).list(options),
    writeSegment: async (device, seq, text) => folder(await sync()).writeSegment(device, seq, text),
    writeSnapshot: async (device, seq, text) => folder(await sync()).writeSnapshot(device, seq, text),
    removeOwn: async (device, name) => folder(await sync()).removeOwn(device, name),
    writeMedia: async (device, hash, bytes) => folder(await sync()).writeMedia(device, hash, bytes),
    readMedia: async (device, hash) => folder(await sync()).readMedia(device, hash)
  })
  return {
    // Nothing linked (the handle is read as the sync code would read it): no code to fetch.
    linked: async () => ((await keeper.load().catch(() => null)) ? (await sync()).linked() : null),
    chooseFolder() {
      if (!code) {
        picked = openPicker()
        picked.catch(() => undefined) // met by the code's chooseFolder
      }
      return sync().then((ready) => ready.chooseFolder())
    },
    chosenFolder: () => access((ready) => ready.chosenFolder()),
    link: async () => (await sync()).link(),
    reconnect: async () => (await sync()).reconnect(),
    unlink: async () => (await sync()).unlink(),
    folder: () => access((ready) => ready.folder()),
    onFolderChange: (listener) => pollSyncFolder(listener, POLL_MS)
  }
}

/** The handle kept in IndexedDB (handles are structured-cloneable), in a database of its own. */
function indexedDbHandleKeeper(databaseName = 'recall-sync-folder'): HandleKeeper {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(databaseName, 1)
      request.onupgradeneeded = () => request.result.createObjectStore('handles')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'))
    })
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> => {
    const db = await open()
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = work(db.transaction('handles', mode).objectStore('handles'))
        request.onsuccess = () => resolve(request.result as T)
        request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'))
      })
    } finally {
      db.close()
    }
  }
  return {
    load: async () => (await run<SyncDirectoryHandle | undefined>('readonly', (store) => store.get('linked'))) ?? null,
    save: async (handle) => {
      await run('readwrite', (store) => (handle ? store.put(handle, 'linked') : store.delete('linked')))
    }
  }
}
