import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// Electron cannot run here, so src/main/index.ts is loaded against a recording stand-in for the
// few Electron APIs it wires, to check the order and the wiring of the security measures.
const fake = vi.hoisted(() => {
  const calls: string[] = []
  let isReady = false
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  const session: Record<string, (...args: never[]) => unknown> = {}
  return {
    calls,
    ready: () => {
      isReady = true
      markReady()
    },
    whenReady: () => ready,
    isReady: () => isReady,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    session,
    menu: [] as { label?: string; role?: string; click?: () => void; submenu?: unknown[] }[],
    notifications: [] as { title: string; body: string }[],
    sent: [] as [string, unknown][],
    windows: [] as {
      webPreferences: Record<string, unknown>
      contents: unknown
      window: { done: string[] } & NodeJS.EventEmitter
      url?: string
    }[],
    userData: '/nonexistent/recall-user-data'
  }
})

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: () => fake.calls.push(`enableSandbox ready=${fake.isReady()}`),
    requestSingleInstanceLock: () => true,
    whenReady: fake.whenReady,
    getAppPath: () => process.cwd(),
    getPath: (name: string) => (name === 'appData' ? '/nonexistent/app-data' : fake.userData),
    setPath: (name: string, path: string) => fake.calls.push(`setPath ${name} ${path === fake.userData ? '<RECALL_USER_DATA>' : path}`),
    setAppUserModelId: (id: string) => fake.calls.push(`setAppUserModelId ${id}`),
    quit: () => undefined
  })
  class WebContents extends EventEmitter {
    send(channel: string, payload: unknown) {
      fake.sent.push([channel, payload])
    }
    openHandler?: (details: { url: string }) => unknown
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.openHandler = handler
    }
  }
  class BrowserWindow extends EventEmitter {
    webContents = new WebContents()
    done: string[] = []
    constructor(options: { webPreferences: Record<string, unknown> }) {
      super()
      app.emit('web-contents-created', {}, this.webContents)
      fake.windows.push({ webPreferences: options.webPreferences, contents: this.webContents, window: this })
    }
    hide() {
      this.done.push('hide')
    }
    show() {
      this.done.push('show')
    }
    focus() {
      this.done.push('focus')
    }
    destroy() {
      this.done.push('destroy')
    }
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
      return { x: 10, y: 20, width: 1100, height: 760 }
    }
    loadURL(url: string) {
      fake.windows.at(-1)!.url = url
      return Promise.resolve()
    }
    static getAllWindows() {
      return fake.windows
    }
  }
  class Notification extends EventEmitter {
    constructor(private readonly content: { title: string; body: string }) {
      super()
    }
    static isSupported = () => true
    show() {
      fake.notifications.push(this.content)
    }
  }
  return {
    app,
    BrowserWindow,
    Notification,
    Menu: {
      buildFromTemplate: (template: typeof fake.menu) => template,
      setApplicationMenu: (menu: typeof fake.menu) => (fake.menu = menu)
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        fake.calls.push(`registerSchemesAsPrivileged ready=${fake.isReady()} ${JSON.stringify(schemes)}`),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => fake.protocolHandlers.set(scheme, handler)
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: never) => (fake.session.request = h),
        setPermissionCheckHandler: (h: never) => (fake.session.check = h),
        setDevicePermissionHandler: (h: never) => (fake.session.device = h)
      }
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => fake.ipcHandlers.set(channel, handler)
    },
    shell: { openExternal: () => Promise.resolve() },
    dialog: { showSaveDialog: () => Promise.resolve({ canceled: true }) }
  }
})

/** A collection log as a crash left it: whole records, then one cut off after 12 bytes of payload. */
const crashLog = readFileSync(join(__dirname, '../../fixtures/leveldb/chromium-indexeddb.log')).subarray(0, 1_447 + 7 + 12)
const collectionLog = () => join(fake.userData, 'IndexedDB', 'app_recall_0.indexeddb.leveldb', '000003.log')
let logSizeBeforeReady = 0

function readLinkOrNone(path: string): string | null {
  try {
    return readlinkSync(path)
  } catch {
    return null
  }
}

beforeAll(async () => {
  delete process.env.ELECTRON_RENDERER_URL
  fake.userData = mkdtempSync(join(tmpdir(), 'recall-user-data-'))
  // Not packaged, as under `npm start`: the data folder is the development one, named here.
  process.env.RECALL_USER_DATA = fake.userData
  mkdirSync(join(collectionLog(), '..'), { recursive: true })
  writeFileSync(collectionLog(), crashLog)
  await import('@main/index')
  logSizeBeforeReady = statSync(collectionLog()).size
  fake.ready()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

afterAll(() => {
  delete process.env.RECALL_USER_DATA
  rmSync(fake.userData, { recursive: true, force: true })
})

describe('the main process wiring', () => {
  it('cuts the record a crash left half-written off the collection log before ready, so Chromium keeps the collection', () => {
    expect(logSizeBeforeReady).toBe(1_447)
  })

  it('sandboxes every renderer and registers app:// as a privileged scheme before ready', () => {
    expect(fake.calls).toEqual([
      'setPath userData <RECALL_USER_DATA>',
      'enableSandbox ready=false',
      'registerSchemesAsPrivileged ready=false [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]'
    ])
  })

  it('opens one locked-down window on app://recall, hardened before it loads', () => {
    expect(fake.windows).toHaveLength(1)
    const [window] = fake.windows
    expect(window!.url).toBe('app://recall/index.html')
    expect(window!.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false
    })
    const contents = window!.contents as EventEmitter & { openHandler?: (d: { url: string }) => unknown }
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    expect(contents.listenerCount('will-navigate')).toBe(1)
    expect(contents.listenerCount('will-attach-webview')).toBe(1)
  })

  it('serves the built renderer with its CSP header, and nothing outside it', async () => {
    const serve = fake.protocolHandlers.get('app')!
    const page = await serve(new Request('app://recall/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await serve(new Request('app://recall/..%2fmain%2findex.js'))).status).toBe(404)
  })

  it('refuses permissions and answers IPC only for our page, with valid arguments', async () => {
    expect(fake.session.check!(...([null, 'media', 'app://recall', { isMainFrame: true }] as never[]))).toBe(false)
    expect(fake.session.device!()).toBe(false)
    const listDecks = fake.ipcHandlers.get('recall:listDecks')!
    await expect(listDecks({ senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(
      /did not come from Recall's own page/
    )
    await expect(listDecks({ senderFrame: { url: 'app://recall/index.html', parent: null } }, '/etc')).rejects.toThrow(/invalid arguments/)
    const library = (await listDecks({ senderFrame: { url: 'app://recall/index.html', parent: null } })) as {
      decks: { deck: { id: string } }[]
    }
    expect(library.decks.map((d) => d.deck.id)).toEqual(
      readdirSync('decks')
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort()
    )
  })

  it('sets an application menu whose page commands reach the window on one channel', () => {
    const study = fake.menu.find((item) => item.label === '&Study')!
    const browse = (study.submenu as { label: string; click: () => void }[]).find((item) => item.label === 'Browse')!
    browse.click()
    expect(fake.sent).toEqual([['recall:menu-command', 'go-browse']])
  })

  it('shows the due reminder as a system notification, only for a sane count from our page', async () => {
    const showReminder = fake.ipcHandlers.get('recall:showReminder')!
    const ownPage = { senderFrame: { url: 'app://recall/index.html', parent: null } }
    await showReminder(ownPage, 12)
    expect(fake.notifications).toEqual([{ title: 'Time to revise', body: '12 cards are due in Recall' }])
    await expect(showReminder(ownPage, 'rm -rf')).rejects.toThrow(/invalid arguments/)
    await expect(showReminder(ownPage, 0)).rejects.toThrow(/invalid arguments/)
    await expect(showReminder({ senderFrame: { url: 'https://evil.example/', parent: null } }, 3)).rejects.toThrow(/own page/)
    expect(fake.notifications).toHaveLength(1)
  })

  it('keeps the journal in the user-data folder, written as each append is answered, closed when the app quits', async () => {
    const ownPage = { senderFrame: { url: 'app://recall/index.html', parent: null } }
    const line = 'one line\n'
    const file = join(fake.userData, 'journal', 'e1', 's1.jrnl')
    await fake.ipcHandlers.get('recall:journalAppend')!(ownPage, 'e1', 's1', line)
    expect(readFileSync(file, 'utf8')).toBe(line)
    await expect(fake.ipcHandlers.get('recall:journalAppend')!(ownPage, '..', 's1', line)).rejects.toThrow(/invalid arguments/)
    // On Linux the process's open files are listed in /proc: the journal's is open until the app quits.
    const openFiles = () => readdirSync('/proc/self/fd').map((fd) => readLinkOrNone(join('/proc/self/fd', fd)))
    if (process.platform === 'linux') expect(openFiles()).toContain(file)
    const { app } = await import('electron')
    app.emit('will-quit')
    if (process.platform === 'linux') expect(openFiles()).not.toContain(file)
    await expect(fake.ipcHandlers.get('recall:journalRead')!(ownPage, 'e1')).resolves.toEqual([{ segment: 's1', text: line }])
  })

  it('brings the window back when Recall is opened again while it hides for its last backup, and keeps it open', async () => {
    const ownPage = { senderFrame: { url: 'app://recall/index.html', parent: null } }
    const { app } = await import('electron')
    const { window } = fake.windows[0]!
    const backupRequests = () => fake.sent.filter(([channel]) => channel === 'recall:backup-request').map(([, id]) => id as string)
    const answer = (id: string) => fake.ipcHandlers.get('recall:deliverBackupContent')!(ownPage, id, { error: 'not this time' })
    // Studied: the first backup is asked for at once; the page cannot give it, so the collection stays changed.
    const noted = fake.ipcHandlers.get('recall:noteStudyActivity')!(ownPage)
    await expect.poll(backupRequests).toHaveLength(1)
    await answer(backupRequests()[0]!)
    await noted

    let prevented = false
    window.emit('close', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(window.done).toEqual(['hide'])
    await expect.poll(backupRequests).toHaveLength(2)
    app.emit('second-instance')
    expect(window.done).toEqual(['hide', 'show', 'focus'])
    await answer(backupRequests()[1]!)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(window.done).not.toContain('destroy')
  })
})
