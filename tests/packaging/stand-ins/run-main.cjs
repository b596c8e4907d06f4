// @ts-check
// Runs a packaged Recall's main bundle under plain Node, with a recording stand-in for the
// `electron` module (the Electron binary cannot run here), far enough to open the window, serve
// the page, answer IPC and train the FSRS optimizer. Prints what it saw as one line of JSON.
//
//   node run-main.cjs <app folder (app.asar extracted)> <resources folder> <user-data folder>
const Module = require('node:module')
const path = require('node:path')
const { EventEmitter } = require('node:events')

const [appDir, resourcesDir, userData] = process.argv.slice(2)
if (!appDir || !resourcesDir || !userData) throw new Error('usage: run-main.cjs <app> <resources> <userData>')

/** @type {{ calls: string[], windows: any[], protocol: Map<string, (request: Request) => Promise<Response>>, ipc: Map<string, Function>, sent: [string, unknown][] }} */
const seen = { calls: [], windows: [], protocol: new Map(), ipc: new Map(), sent: [] }

const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getAppPath: () => appDir,
  getPath: (/** @type {string} */ name) => {
    seen.calls.push(`getPath ${name}`)
    return name === 'appData' ? path.dirname(userData) : userData
  },
  setPath: (/** @type {string} */ name) => seen.calls.push(`setPath ${name}`),
  setAppUserModelId: (/** @type {string} */ id) => seen.calls.push(`setAppUserModelId ${id}`),
  enableSandbox: () => seen.calls.push('enableSandbox'),
  requestSingleInstanceLock: () => (seen.calls.push('requestSingleInstanceLock'), true),
  whenReady: () => Promise.resolve(),
  quit: () => seen.calls.push('quit')
})
class WebContents extends EventEmitter {
  send(/** @type {string} */ channel, /** @type {unknown} */ payload) {
    seen.sent.push([channel, payload])
  }
  setWindowOpenHandler() {}
}
class BrowserWindow extends EventEmitter {
  /** @param {Record<string, any>} options */
  constructor(options) {
    super()
    this.webContents = new WebContents()
    this.done = /** @type {string[]} */ ([])
    app.emit('web-contents-created', {}, this.webContents)
    seen.windows.push({ options, window: this })
  }
  /** @param {string} url */
  loadURL(url) {
    seen.windows.at(-1).url = url
    queueMicrotask(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show() {
    this.done.push('show')
  }
  hide() {
    this.done.push('hide')
  }
  focus() {
    this.done.push('focus')
  }
  destroy() {
    this.done.push('destroy')
  }
  maximize() {}
  restore() {}
  isDestroyed() {
    return this.done.includes('destroy')
  }
  isMinimized() {
    return false
  }
  isMaximized() {
    return false
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1100, height: 760 }
  }
  static getAllWindows() {
    return seen.windows.map((w) => w.window)
  }
}
const electron = {
  app,
  BrowserWindow,
  Notification: class extends EventEmitter {
    static isSupported() {
      return false
    }
    show() {}
  },
  Menu: { buildFromTemplate: (/** @type {unknown} */ t) => t, setApplicationMenu: () => undefined },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  protocol: {
    registerSchemesAsPrivileged: () => seen.calls.push('registerSchemesAsPrivileged'),
    handle: (/** @type {string} */ scheme, /** @type {any} */ handler) => seen.protocol.set(scheme, handler)
  },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } },
  ipcMain: { handle: (/** @type {string} */ channel, /** @type {Function} */ handler) => seen.ipc.set(channel, handler) },
  shell: { openExternal: () => Promise.resolve() },
  dialog: { showSaveDialog: () => Promise.resolve({ canceled: true }) }
}

// `require('electron')` in the bundle gets the stand-in; everything else resolves as packaged.
const resolve = /** @type {any} */ (Module)._resolveFilename
;/** @type {any} */ (Module)._resolveFilename = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
  return request === 'electron' ? 'electron' : resolve.call(this, request, ...rest)
}
require.cache.electron = /** @type {any} */ ({ id: 'electron', filename: 'electron', loaded: true, exports: electron })
Object.defineProperty(process, 'resourcesPath', { value: resourcesDir })

/** A history the optimizer accepts: 200 cards, each reviewed on five later days. */
function histories() {
  let seed = 7
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  return Array.from({ length: 200 }, () => {
    const reviews = [{ rating: 3, deltaT: 0 }]
    let interval = 1
    for (let i = 0; i < 5; i++) {
      const rating = random() < 0.15 ? 1 : random() < 0.8 ? 3 : 4
      reviews.push({ rating, deltaT: interval })
      interval = rating === 1 ? 1 : Math.round(interval * (2 + random() * 2))
    }
    return reviews
  })
}

async function main() {
  require(path.join(appDir, 'out/main/index.js'))
  await new Promise((resolve) => setTimeout(resolve, 50))
  const ownPage = { senderFrame: { url: 'app://recall/index.html', parent: null } }
  const serve = seen.protocol.get('app')
  const page = serve ? await serve(new Request('app://recall/index.html')) : null
  const decks = await seen.ipc.get('recall:listDecks')?.(ownPage)
  const optimized = await seen.ipc.get('recall:optimizeParameters')?.(ownPage, histories())
  const first = seen.windows[0]
  first?.window.hide()
  app.emit('second-instance')
  const report = {
    calls: seen.calls.filter((c) => !c.startsWith('getPath')),
    windows: seen.windows.map((w) => ({ url: w.url, icon: w.options.icon, webPreferences: w.options.webPreferences, done: w.window.done })),
    page: page && { status: page.status, csp: page.headers.get('content-security-policy'), body: (await page.text()).slice(0, 200) },
    decks: decks?.decks?.length ?? null,
    optimizer: optimized && (optimized.ok ? { ok: true, parameters: optimized.w.length } : optimized),
    bindingFiles: Object.keys(require.cache)
      .filter((f) => f.includes('@open-spaced-repetition'))
      .map((f) => path.relative(appDir, f))
  }
  process.stdout.write(`${JSON.stringify(report)}\n`)
  process.exit(0)
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
