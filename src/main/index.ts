import { APP_ENTRY_URL } from '@main/app-protocol'
import { APP_ID, userDataFolder } from '@main/app-identity'
import { applyPermissionPolicy, hardenEveryWebContents, registerAppScheme, serveAppProtocol } from '@main/app-security'
import { createCollectionServices } from '@main/collection-services'
import { deckFoldersFor } from '@main/deck-folders'
import { loadDeckLibrary } from '@main/deck-library'
import { registerIpcHandlers } from '@main/ipc-handlers'
import { buildMenuTemplate } from '@main/menu'
import { showDueReminder } from '@main/reminder'
import { createSyncWiring } from '@main/sync/sync-wiring'
import { repairTornIndexedDbLogs } from '@main/storage-repair/torn-log-tails'
import { devServerUrlFrom, isOwnOrigin, isTrustedSenderUrl, type OwnPage } from '@main/trusted-sender'
import { createMainWindow } from '@main/window'
import { closeAfterHandOver } from '@main/window-closing'
import { loadWindowState, placeWindow, saveWindowState, trackWindowState } from '@main/window-state'
import { MENU_COMMAND_CHANNEL } from '@shared/ipc'
import { app, BrowserWindow, Menu, Notification, screen, session } from 'electron'
import { join } from 'node:path'

// The page: app://recall/index.html, or electron-vite's dev server while developing (never when
// packaged). Everything below trusts exactly this page and nothing else.
const page: OwnPage = { appPageUrl: APP_ENTRY_URL, devServerUrl: devServerUrlFrom(process.env.ELECTRON_RENDERER_URL, app.isPackaged) }
const pageUrl = page.devServerUrl ?? page.appPageUrl
const isOwnPage = (url: string | undefined): boolean => isTrustedSenderUrl(url, page)

// A development build keeps its collection apart from the installed Recall's (and so holds its
// own single-instance lock): set before anything reads the folder.
const devData = userDataFolder({ isPackaged: app.isPackaged, appData: app.getPath('appData'), env: process.env })
if (devData) app.setPath('userData', devData)
// Windows files notifications and taskbar entries under this id; it must match the installer's.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID)

// Before 'ready': every renderer sandboxed, the app:// scheme privileged, every webContents hardened.
app.enableSandbox()
registerAppScheme()
hardenEveryWebContents(isOwnPage)

// One Recall at a time: a second launch focuses the first window instead of opening the same
// collection twice.
if (!app.requestSingleInstanceLock()) {
  // The open Recall hears 'second-instance' and shows its window; this one has nothing to do.
  console.log(`Recall is already open (data folder ${app.getPath('userData')}): its window is brought to the front.`)
  app.quit()
} else {
  // Holding the lock, and before any page opens IndexedDB: a crash's half-written record would
  // otherwise make Chromium call the collection corrupt, and delete it, one start later.
  try {
    const check = repairTornIndexedDbLogs(app.getPath('userData'))
    for (const repair of check.repairs) {
      console.warn(`Recall: cut a half-written record off ${repair.file} (${repair.from} → ${repair.to} bytes) after a crash`)
    }
    for (const failure of check.failures) {
      console.warn(`Recall: could not check ${failure.file} after a crash (left as it is)`, failure.error)
    }
  } catch (error) {
    console.error('Recall: could not check the collection files after a crash', error)
  }
  let onSecondLaunch = (): void => undefined
  app.on('second-instance', () => onSecondLaunch())

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
    let bringBack: (() => void) | null = null
    let quitting = false
    app.on('before-quit', () => {
      quitting = true
    })
    const collection = createCollectionServices(app.getPath('userData'), () => mainWindow)
    // The journal's files are synced and closed last, after the window's final changes reached them.
    app.on('will-quit', () => collection.closeJournal())
    // Sync's folder (linked in main's folder dialog) and its watcher, stopped on quit.
    const sync = createSyncWiring(app.getPath('userData'), () => mainWindow)
    app.on('will-quit', () => sync.close())
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
        ...sync.services,
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
    // macOS takes the icon from the bundle, Windows from the executable. Linux windows are given it
    // here, packaged or not (resources/icon.png beside app.asar when packaged), so X11 shows it
    // even where no .desktop entry matches the window.
    const icon =
      process.platform === 'linux'
        ? join(app.isPackaged ? process.resourcesPath : app.getAppPath(), app.isPackaged ? 'icon.png' : 'resources/icon.png')
        : undefined
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
      // The page syncs once (bounded: sync-services.ts), then hands the last backup over.
      const handOver = async () => {
        await sync.syncBeforeQuit()
        return collection.onQuit()
      }
      const closing = closeAfterHandOver(window, handOver, () => {
        // On macOS a prevented close cancels Cmd+Q: quit again once the backup is written.
        if (quitting) app.quit()
      })
      window.on('close', (event) => closing.onClose(event))
      bringBack = () => {
        // Opened again while closing: the person wants the window, not the quit.
        quitting = false
        closing.bringBack()
      }
      window.on('closed', () => {
        if (mainWindow === window) {
          mainWindow = null
          bringBack = null
        }
      })
    }
    open()

    // A second launch (or the dock icon): show the window, even one hidden while it closes, or open one.
    const showOrOpen = () => (bringBack ? bringBack() : open())
    onSecondLaunch = showOrOpen
    app.on('activate', showOrOpen)
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
