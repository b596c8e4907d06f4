import { createSyncServices } from '@main/sync/sync-services'
import { SYNC_BEFORE_QUIT_CHANNEL, SYNC_FOLDER_CHANGE_CHANNEL } from '@shared/ipc'
import { dialog, type BrowserWindow } from 'electron'
import { join } from 'node:path'

/**
 * Electron's side of sync: the system's folder dialog (the only way a folder reaches main), and
 * the two messages to the page (the folder changed; sync before quitting). The rest is plain
 * Node in sync-services.ts.
 */
export function createSyncWiring(userDataPath: string, mainWindow: () => BrowserWindow | null) {
  const liveWindow = () => {
    const window = mainWindow()
    return window && !window.isDestroyed() ? window : null
  }
  return createSyncServices({
    settingsFile: join(userDataPath, 'sync.json'),
    async pickFolder() {
      const window = liveWindow()
      const options = {
        title: 'Choose the folder your sync app shares',
        buttonLabel: 'Use this folder',
        properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>
      }
      const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return choice.canceled ? null : (choice.filePaths[0] ?? null)
    },
    onFolderChange: () => liveWindow()?.webContents.send(SYNC_FOLDER_CHANGE_CHANNEL),
    askPageToSync: (requestId) => {
      const window = liveWindow()
      if (!window) throw new Error('no window is open')
      window.webContents.send(SYNC_BEFORE_QUIT_CHANNEL, requestId)
    }
  })
}
