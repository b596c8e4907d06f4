import { BrowserWindow } from 'electron'
import { join } from 'node:path'

/**
 * The main window, locked down: no Node in the page, isolated and sandboxed. Navigation, new
 * windows, webviews and permissions are refused for every webContents in app-security.ts.
 */
export function createMainWindow(pageUrl: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1000,
    height: 760,
    minWidth: 480,
    minHeight: 400,
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
  window.once('ready-to-show', () => window.show())
  window.loadURL(pageUrl).catch((error: unknown) => console.error(`could not load ${pageUrl}`, error))
  return window
}
