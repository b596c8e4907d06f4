import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isSafeExternalUrl } from './trusted-sender'

export const rendererHtmlPath = join(__dirname, '../renderer/index.html')
export const rendererFileUrl = pathToFileURL(rendererHtmlPath).href
export const devServerUrl = process.env.ELECTRON_RENDERER_URL

/** The main window, locked down: no Node in the page, isolated and sandboxed, no navigation away. */
export function createMainWindow(): BrowserWindow {
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
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())

  // The page never navigates: links open in the system browser, and only http(s) ones.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    event.preventDefault()
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
  })

  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(rendererHtmlPath)
  return window
}
