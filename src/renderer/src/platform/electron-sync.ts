import type { RecallApi, RecallEvents, SyncFolderWhich, SyncMethodName } from '@shared/ipc'
import type { SyncFolderAccess, SyncFolderResult, SyncPlatform } from '@shared/sync/sync-folder-access'

type SyncApi = Pick<RecallApi, SyncMethodName> & Pick<RecallEvents, 'onSyncFolderChange' | 'onSyncBeforeQuit'>

/** An IPC call that failed (main refused it, or is gone) as a problem in words, never thrown. */
async function settled<T>(call: () => Promise<SyncFolderResult<T>>): Promise<SyncFolderResult<T>> {
  try {
    return await call()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, problem: { kind: 'failed', message: `Recall could not reach the sync folder (${reason}).` } }
  }
}

/** Sync in the desktop app: main does the folder work (main/sync/), the page asks over IPC. */
export function electronSync(api: SyncApi): SyncPlatform & { onBeforeQuit(run: () => Promise<unknown>): () => void } {
  const access = (which: SyncFolderWhich): SyncFolderAccess => ({
    list: (options) => settled(() => api.syncList(which, options)),
    writeSegment: (device, seq, text) => settled(() => api.syncWriteSegment(device, seq, text)),
    writeSnapshot: (device, seq, text) => settled(() => api.syncWriteSnapshot(device, seq, text)),
    removeOwn: (device, name) => settled(() => api.syncRemoveOwn(device, name)),
    writeMedia: (device, hash, bytes) => settled(() => api.syncWriteMedia(device, hash, bytes)),
    readMedia: (device, hash) => settled(() => api.syncReadMedia(device, hash))
  })
  return {
    linked: () => api.syncLinked(),
    chooseFolder: () => api.syncChooseFolder(),
    chosenFolder: () => access('chosen'),
    link: () => settled(() => api.syncLink()),
    async reconnect() {
      const linked = await api.syncLinked()
      return linked
        ? { ok: true, value: linked }
        : { ok: false, problem: { kind: 'missing', message: 'No sync folder is linked on this computer.' } }
    },
    unlink: () => api.syncUnlink(),
    folder: () => access('linked'),
    onFolderChange: (listener) => api.onSyncFolderChange(listener),
    // Main waits (bounded) for this answer before it closes the window.
    onBeforeQuit: (run) =>
      api.onSyncBeforeQuit((requestId) => {
        void run()
          .catch(() => undefined)
          .finally(() => void api.syncQuitDone(requestId))
      })
  }
}
