import { createBackupStore } from '@main/backups/backup-store'
import { createContentRequester } from '@main/backups/content-request'
import { createJournalFolder } from '@main/journal/journal-folder'
import { journalServices } from '@main/journal/journal-services'
import { singleOptimizer, type OptimizerBinding } from '@main/optimizer'
import { SAVE_FILTERS, writeTextFileAtomically } from '@main/save-file'
import type { SyncServices } from '@main/sync/sync-services'
import { createAutoBackup } from '@shared/backup/auto-backup'
import { BACKUP_REQUEST_CHANNEL, OPTIMIZER_PROGRESS_CHANNEL, type RecallApi } from '@shared/ipc'
import { BrowserWindow, dialog } from 'electron'
import { createRequire } from 'node:module'
import { join } from 'node:path'

type Services = Omit<RecallApi, 'listDecks' | 'showReminder' | keyof SyncServices>

/**
 * Wiring of the collection's services: backups (main asks the window for the encoded collection,
 * writes it atomically and prunes), the journal's files, the save dialog, and the FSRS optimizer.
 */
export function createCollectionServices(userDataPath: string, mainWindow: () => BrowserWindow | null) {
  const store = createBackupStore(join(userDataPath, 'backups'))
  const requester = createContentRequester({
    send: (id) => {
      const window = mainWindow()
      if (!window || window.isDestroyed()) throw new Error('no window is open')
      window.webContents.send(BACKUP_REQUEST_CHANNEL, id)
    }
  })
  const journal = createJournalFolder(join(userDataPath, 'journal'))
  const autoBackup = createAutoBackup({ store, clock: Date.now, getContent: () => requester.request() })
  // Loaded on first use: the native binding is only needed when the person asks for it. Its
  // CommonJS build, through require: Electron has a history of failing to load ES modules from
  // inside app.asar, and `import()` would pick the package's ES module.
  const optimize = singleOptimizer(() => Promise.resolve(loadOptimizerBinding()))

  const services: Services = {
    optimizeParameters: (histories) =>
      optimize(histories, (progress) => {
        const window = mainWindow()
        if (window && !window.isDestroyed()) window.webContents.send(OPTIMIZER_PROGRESS_CHANNEL, progress)
      }),
    async saveFile({ suggestedName, content, kind }) {
      const window = mainWindow()
      const options = { defaultPath: suggestedName, filters: SAVE_FILTERS[kind] }
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return { status: 'cancelled' }
      return writeTextFileAtomically(choice.filePath, kind === 'deck-apkg' ? Buffer.from(content, 'base64') : content)
    },
    noteStudyActivity: () => autoBackup.onStudyActivity(),
    backupNow: () => autoBackup.backupNow(),
    listBackups: () => store.list(),
    readBackup: (file) => store.read(file),
    async deliverBackupContent(requestId, reply) {
      requester.deliver(requestId, reply)
    },
    ...journalServices(journal)
  }
  return { services, onQuit: () => autoBackup.onQuit(), closeJournal: () => journal.close() }
}

/** The FSRS optimizer's Node binding, required as CommonJS (its `require` export). */
function loadOptimizerBinding(): OptimizerBinding {
  return createRequire(__filename)('@open-spaced-repetition/binding') as OptimizerBinding
}
