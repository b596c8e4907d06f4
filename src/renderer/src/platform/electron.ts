import { electronJournal } from '@platform/electron-journal'
import { electronSync } from '@platform/electron-sync'
import { askForPersistence, untilAborted, type Platform } from '@platform/platform'
import { readDeckInWorker } from '@platform/read-deck-in-worker'
import type { RecallApi, RecallEvents } from '@shared/ipc'

export function electronPlatform(api: RecallApi & RecallEvents): Platform {
  return {
    name: 'electron',
    listDecks: () => api.listDecks(),
    requestPersistentStorage: () => askForPersistence(navigator.storage),
    readDeckFile: readDeckInWorker,
    saveFile: (request) => api.saveFile(request),
    // Main reports progress on its own channel; a cancelled training runs on in main (the binding
    // cannot be stopped) and its result is dropped.
    optimizeParameters: (histories, { onProgress, signal } = {}) => {
      const unsubscribe = onProgress ? api.onOptimizerProgress(onProgress) : () => undefined
      const work = api.optimizeParameters(histories).finally(unsubscribe)
      return untilAborted(work, signal, unsubscribe)
    },
    optimizerStops: false,
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    // Main shows it: the permission policy refuses web notifications to every page.
    notifications: { requestPermission: async () => true, showDue: (count) => api.showReminder(count) },
    backups: {
      noteStudyActivity: () => api.noteStudyActivity(),
      backupNow: () => api.backupNow(),
      list: () => api.listBackups(),
      read: (file) => api.readBackup(file),
      answerRequests: (encode) =>
        api.onBackupRequest((requestId) => {
          encode().then(
            (content) => api.deliverBackupContent(requestId, { content }),
            (error: unknown) => api.deliverBackupContent(requestId, { error: error instanceof Error ? error.message : String(error) })
          )
        })
    },
    journal: electronJournal(api),
    sync: electronSync(api)
  }
}
