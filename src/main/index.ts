import { app, BrowserWindow, session } from 'electron'
import { join } from 'node:path'
import { APP_ENTRY_URL } from './app-protocol'
import { applyPermissionPolicy, hardenEveryWebContents, registerAppScheme, serveAppProtocol } from './app-security'
import { deckFoldersFor } from './deck-folders'
import { loadDeckLibrary } from './deck-library'
import { registerIpcHandlers } from './ipc-handlers'
import { devServerUrlFrom, isOwnOrigin, isTrustedSenderUrl, type OwnPage } from './trusted-sender'
import { createMainWindow } from './window'
import { createCollectionServices } from './collection-services'

// The page: app://recall/index.html, or electron-vite's dev server while developing (never when
// packaged). Everything below trusts exactly this page and nothing else.
const page: OwnPage = { appPageUrl: APP_ENTRY_URL, devServerUrl: devServerUrlFrom(process.env.ELECTRON_RENDERER_URL, app.isPackaged) }
const pageUrl = page.devServerUrl ?? page.appPageUrl
const isOwnPage = (url: string | undefined): boolean => isTrustedSenderUrl(url, page)

// Before 'ready': every renderer sandboxed, the app:// scheme privileged, every webContents hardened.
app.enableSandbox()
registerAppScheme()
hardenEveryWebContents(isOwnPage)

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
    applyPermissionPolicy(session.defaultSession, (url) => isOwnOrigin(url, page))
    serveAppProtocol(join(__dirname, '../renderer'))

    const folders = deckFoldersFor({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      userDataPath: app.getPath('userData')
    })
    let mainWindow: BrowserWindow | null = null
    let quitting = false
    app.on('before-quit', () => {
      quitting = true
    })
    const collection = createCollectionServices(app.getPath('userData'), () => mainWindow)
    registerIpcHandlers({ listDecks: () => loadDeckLibrary(folders), ...collection.services }, isOwnPage)

    // Closing the window first takes a last backup, while the page can still hand it over.
    const open = () => {
      const window = createMainWindow(pageUrl)
      mainWindow = window
      let closing = false
      window.on('close', (event) => {
        if (closing) return
        event.preventDefault()
        closing = true
        window.hide()
        void collection.onQuit().finally(() => {
          window.destroy()
          // On macOS a prevented close cancels Cmd+Q: quit again once the backup is written.
          if (quitting) app.quit()
        })
      })
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null
      })
    }
    open()

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
