import { APP_ENTRY_URL } from '@main/app-protocol'
import { applyPermissionPolicy, hardenEveryWebContents, registerAppScheme, serveAppProtocol } from '@main/app-security'
import { createCollectionServices } from '@main/collection-services'
import { deckFoldersFor } from '@main/deck-folders'
import { loadDeckLibrary } from '@main/deck-library'
import { registerIpcHandlers } from '@main/ipc-handlers'
import { buildMenuTemplate } from '@main/menu'
import { showDueReminder } from '@main/reminder'
import { repairTornIndexedDbLogs } from '@main/storage-repair/torn-log-tails'
import { devServerUrlFrom, isOwnOrigin, isTrustedSenderUrl, type OwnPage } from '@main/trusted-sender'
import { createMainWindow } from '@main/window'
import { loadWindowState, placeWindow, saveWindowState, trackWindowState } from '@main/window-state'
import { MENU_COMMAND_CHANNEL } from '@shared/ipc'
import { app, BrowserWindow, Menu, Notification, screen, session } from 'electron'
import { join } from 'node:path'

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
  // Holding the lock, and before any page opens IndexedDB: a crash's half-written record would
  // otherwise make Chromium call the collection corrupt, and delete it, one start later.
  try {
    for (const repair of repairTornIndexedDbLogs(app.getPath('userData'))) {
      console.warn(`Recall: cut a half-written record off ${repair.file} (${repair.from} → ${repair.to} bytes) after a crash`)
    }
  } catch (error) {
    console.error('Recall: could not check the collection files after a crash', error)
  }
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
    // The journal's files are synced and closed last, after the window's final changes reached them.
    app.on('will-quit', () => collection.closeJournal())
    const focusWindow = () => {
      if (!mainWindow) return
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.show()
      mainWindow.focus()
    }
    const notifier = {
      isSupported: () => Notification.isSupported(),
      show: (content: { title: string; body: string }, onClick: () => void) => {
        const notification = new Notification(content)
        notification.on('click', onClick)
        notification.show()
      }
    }
    registerIpcHandlers(
      {
        listDecks: () => loadDeckLibrary(folders),
        ...collection.services,
        showReminder: async (count) => showDueReminder(count, notifier, focusWindow)
      },
      isOwnPage
    )
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(process.platform, (command) => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command), {
          isPackaged: app.isPackaged
        })
      )
    )
    // Packaged apps get their icon from electron-builder; in development Linux and Windows take it here.
    const icon = !app.isPackaged && process.platform !== 'darwin' ? join(app.getAppPath(), 'resources/icon.png') : undefined
    const windowStateFile = join(app.getPath('userData'), 'window-state.json')

    // Closing the window first takes a last backup, while the page can still hand it over.
    const open = () => {
      const placement = placeWindow(
        loadWindowState(windowStateFile),
        screen.getAllDisplays().map((d) => d.workArea)
      )
      const window = createMainWindow(pageUrl, placement, icon)
      mainWindow = window
      trackWindowState(window, (state) => saveWindowState(windowStateFile, state))
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
