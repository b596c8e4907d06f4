import { askForPersistence, type Platform } from '@platform/platform'
import { readDeckInWorker } from '@platform/read-deck-in-worker'
import type { RecallApi, RecallEvents } from '@shared/ipc'

export function electronPlatform(api: RecallApi & RecallEvents): Platform {
  return {
    name: 'electron',
    listDecks: () => api.listDecks(),
    requestPersistentStorage: () => askForPersistence(navigator.storage),
    readDeckFile: readDeckInWorker,
    saveFile: (request) => api.saveFile(request),
    optimizeParameters: (histories) => api.optimizeParameters(histories),
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
    }
  }
}
