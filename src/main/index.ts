import { app, BrowserWindow, session } from 'electron'
import { deckFoldersFor } from './deck-folders'
import { loadDeckLibrary } from './deck-library'
import { registerIpcHandlers } from './ipc-handlers'
import { createMainWindow } from './window'

// One Recall at a time: a second launch focuses the first window instead of opening the same
// collection twice.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0]
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  void app.whenReady().then(() => {
    // Recall needs no camera, microphone, notifications or other permissions from pages.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)

    const folders = deckFoldersFor({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      userDataPath: app.getPath('userData')
    })
    registerIpcHandlers({ listDecks: () => loadDeckLibrary(folders) })
    createMainWindow()

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
