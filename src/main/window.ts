import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowPlacement } from '@main/window-state'
import { BrowserWindow } from 'electron'
import { join } from 'node:path'

/**
 * The main window, locked down: no Node in the page, isolated and sandboxed. Navigation, new
 * windows, webviews and permissions are refused for every webContents in app-security.ts.
 */
export function createMainWindow(
  pageUrl: string,
  placement: WindowPlacement = { ...DEFAULT_WINDOW_SIZE, maximized: false },
  icon?: string
): BrowserWindow {
  const window = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    x: placement.x,
    y: placement.y,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    icon,
    show: false,
    title: 'Recall',
    autoHideMenuBar: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })
  window.loadURL(pageUrl).catch((error: unknown) => console.error(`could not load ${pageUrl}`, error))
  return window
}
