import { existsSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { BrowserContext } from 'playwright-core'

/*
 * A stand-in for the browser's folder picker (`window.showDirectoryPicker`) and the handles it
 * gives, over a real folder on disk, for the end-to-end tests. Chromium cannot answer the real
 * picker under automation: with CDP's Page.setInterceptFileChooserDialog on, `showDirectoryPicker`
 * emits Page.fileChooserOpened without a node to set files on, and rejects at once with
 * "AbortError: Intercepted by Page.setInterceptFileChooserDialog()" (Chromium 150); without it,
 * headless Chromium has no dialog to answer.
 *
 * The page gets handles whose every file operation is done by Node (`exposeBinding`) on the disk,
 * so what the page writes is in the folder Syncthing shares, and what Syncthing brings is what the
 * page reads. Like Chromium on a local disk, `createWritable()` writes `<name>.crswap` beside the
 * file and puts it in place on `close()`.
 *
 * Handles are structured-cloned into IndexedDB as plain objects (a clone keeps own data
 * properties, never a prototype or a function), so the stand-in keeps each handle's folder and
 * path as own properties and turns such an object back into a handle wherever IndexedDB gives it
 * (`IDBRequest.result`, `IDBCursorWithValue.value`, top level only). Handles posted to a worker
 * are not turned back: the stand-in lives in pages only.
 */

export interface FolderPicker {
  /** The folder the next `showDirectoryPicker()` gives (once); with none queued, the picker is cancelled (AbortError). */
  choose(folder: string): void
  /** What `queryPermission` answers from now on (`granted` by default); file operations throw NotAllowedError unless granted. */
  setPermission(state: PermissionState): void
  /** What `requestPermission` does: grant (default) or leave the permission as it is. */
  grantOnRequest(grant: boolean): void
  /** Adds the stand-in to a browser context, before any page of it loads (again after a restart). */
  install(context: BrowserContext): Promise<void>
  /** How many times the page asked for the picker. */
  pickCount(): number
}

const BINDING = '__recallFolderPicker'

type Request =
  | { op: 'pick' }
  | { op: 'queryPermission' | 'requestPermission'; root: string }
  | { op: 'child'; root: string; path: string[]; name: string; kind: 'file' | 'directory'; create: boolean }
  | { op: 'list'; root: string; path: string[] }
  | { op: 'read'; root: string; path: string[] }
  | { op: 'remove'; root: string; path: string[]; name: string; recursive: boolean }
  | { op: 'move'; root: string; path: string[]; to: string[]; name: string }
  | { op: 'open'; root: string; path: string[]; keepExistingData: boolean }
  | { op: 'write'; id: number; position: number; base64: string }
  | { op: 'truncate'; id: number; size: number }
  | { op: 'close' | 'abort'; id: number }

type Answer = { value: unknown } | { error: { name: string; message: string } }

class FsError extends Error {
  constructor(
    readonly domName: string,
    message: string
  ) {
    super(message)
  }
}

export function folderPicker(): FolderPicker {
  const queue: string[] = []
  const roots = new Map<string, string>()
  const writables = new Map<number, { swap: string; target: string }>()
  let permission: PermissionState = 'granted'
  let grant = true
  let picks = 0
  let nextId = 1

  const folderOf = (root: string): string => {
    const folder = roots.get(root)
    if (!folder || !existsSync(folder)) throw new FsError('NotFoundError', 'A requested file or directory could not be found.')
    if (permission !== 'granted') throw new FsError('NotAllowedError', 'The request is not allowed by the user agent.')
    return folder
  }
  const pathOf = (root: string, parts: string[]) => join(folderOf(root), ...parts.map(checkName))
  const kindAt = async (path: string) => {
    const found = await stat(path).catch(() => null)
    return found ? (found.isDirectory() ? 'directory' : 'file') : null
  }
  const mustBe = async (path: string, kind: 'file' | 'directory') => {
    const found = await kindAt(path)
    if (!found) throw new FsError('NotFoundError', 'A requested file or directory could not be found.')
    if (found !== kind) throw new FsError('TypeMismatchError', 'The path supplied exists, but was not an entry of requested type.')
  }

  async function answer(request: Request): Promise<unknown> {
    switch (request.op) {
      case 'pick': {
        picks++
        const folder = queue.shift()
        if (!folder) throw new FsError('AbortError', 'The user aborted a request.')
        const root = `root-${roots.size + 1}`
        roots.set(root, folder)
        return { root, name: basename(folder) }
      }
      case 'queryPermission':
        return permission
      case 'requestPermission':
        if (grant) permission = 'granted'
        return permission
      case 'child': {
        const directory = pathOf(request.root, request.path)
        await mustBe(directory, 'directory')
        const path = join(directory, checkName(request.name))
        const found = await kindAt(path)
        if (found && found !== request.kind)
          throw new FsError('TypeMismatchError', 'The path supplied exists, but was not an entry of requested type.')
        if (!found) {
          if (!request.create) throw new FsError('NotFoundError', 'A requested file or directory could not be found.')
          if (request.kind === 'directory') await mkdir(path)
          else await writeFile(path, '', { flag: 'wx' })
        }
        return null
      }
      case 'list': {
        const directory = pathOf(request.root, request.path)
        await mustBe(directory, 'directory')
        const entries = await readdir(directory, { withFileTypes: true })
        return entries.map((e) => ({ name: e.name, kind: e.isDirectory() ? 'directory' : 'file' }))
      }
      case 'read': {
        const path = pathOf(request.root, request.path)
        await mustBe(path, 'file')
        const [bytes, info] = await Promise.all([readFile(path), stat(path)])
        return { base64: bytes.toString('base64'), lastModified: Math.floor(info.mtimeMs) }
      }
      case 'remove': {
        const directory = pathOf(request.root, request.path)
        const path = join(directory, checkName(request.name))
        const found = await kindAt(path)
        if (!found) throw new FsError('NotFoundError', 'A requested file or directory could not be found.')
        if (found === 'directory' && !request.recursive && (await readdir(path)).length > 0)
          throw new FsError('InvalidModificationError', 'The object can not be modified in this way.')
        await rm(path, { recursive: true })
        return null
      }
      case 'move': {
        const from = pathOf(request.root, request.path)
        const toDirectory = pathOf(request.root, request.to)
        await mustBe(toDirectory, 'directory')
        if (!(await kindAt(from))) throw new FsError('NotFoundError', 'A requested file or directory could not be found.')
        // As Chromium's move(): an existing file of that name is replaced.
        await rename(from, join(toDirectory, checkName(request.name)))
        return null
      }
      case 'open': {
        const target = pathOf(request.root, request.path)
        await mustBe(target, 'file')
        let swap = `${target}.crswap`
        for (let n = 1; existsSync(swap); n++) swap = `${target}.${n}.crswap`
        if (request.keepExistingData) await writeFile(swap, await readFile(target), { flag: 'wx' })
        else await writeFile(swap, '', { flag: 'wx' })
        const id = nextId++
        writables.set(id, { swap, target })
        return id
      }
      case 'write': {
        const writable = writableOf(request.id)
        const file = await open(writable.swap, 'r+')
        try {
          await file.write(Buffer.from(request.base64, 'base64'), 0, undefined, request.position)
        } finally {
          await file.close()
        }
        return null
      }
      case 'truncate':
        await truncate(writableOf(request.id).swap, request.size)
        return null
      case 'close': {
        const writable = writableOf(request.id)
        writables.delete(request.id)
        if (permission !== 'granted') throw new FsError('NotAllowedError', 'The request is not allowed by the user agent.')
        await rename(writable.swap, writable.target)
        return null
      }
      case 'abort': {
        const writable = writables.get(request.id)
        writables.delete(request.id)
        if (writable) await rm(writable.swap, { force: true })
        return null
      }
    }
  }

  function writableOf(id: number) {
    const writable = writables.get(id)
    if (!writable) throw new TypeError('The stream is closed.')
    return writable
  }

  return {
    choose: (folder) => void queue.push(folder),
    setPermission: (state) => {
      permission = state
    },
    grantOnRequest: (value) => {
      grant = value
    },
    pickCount: () => picks,
    async install(context) {
      await context.exposeBinding(BINDING, async (_source, request: Request): Promise<Answer> => {
        try {
          return { value: await answer(request) }
        } catch (error) {
          if (error instanceof FsError) return { error: { name: error.domName, message: error.message } }
          if (error instanceof TypeError) return { error: { name: 'TypeError', message: error.message } }
          const code = (error as NodeJS.ErrnoException).code
          if (code === 'ENOENT') return { error: { name: 'NotFoundError', message: String(error) } }
          if (code === 'ENOSPC') return { error: { name: 'QuotaExceededError', message: String(error) } }
          if (code === 'EACCES' || code === 'EPERM') return { error: { name: 'NoModificationAllowedError', message: String(error) } }
          return { error: { name: 'InvalidStateError', message: String(error) } }
        }
      })
      await context.addInitScript(installStandIn, BINDING)
    }
  }
}

/** Chromium's rule for an entry's name: not empty, not `.` or `..`, no path separator. */
function checkName(name: string): string {
  if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name)) throw new TypeError('Name is not allowed.')
  return name
}

/** The page's side: runs in every page of the context before its own scripts (self-contained). */
function installStandIn(binding: string) {
  type Answer = { value: unknown } | { error: { name: string; message: string } }
  type Raw = { kind: 'file' | 'directory'; name: string; __recallRoot: string; __recallPath: string[] }
  const win = window as unknown as Record<string, (request: object) => Promise<Answer>>

  const call = async <T>(request: object): Promise<T> => {
    const answer = await win[binding]!(request)
    if ('error' in answer) {
      if (answer.error.name === 'TypeError') throw new TypeError(answer.error.message)
      throw new DOMException(answer.error.message, answer.error.name)
    }
    return answer.value as T
  }
  const toBase64 = (bytes: Uint8Array) => {
    let text = ''
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(text)
  }
  const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  const bytesOf = async (data: unknown): Promise<Uint8Array> => {
    if (typeof data === 'string') return new TextEncoder().encode(data)
    if (data instanceof Blob) return new Uint8Array(await data.arrayBuffer())
    if (data instanceof ArrayBuffer) return new Uint8Array(data)
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    throw new TypeError('The provided value is not of a type the writable stream accepts.')
  }

  // The real interfaces' prototypes when there are any (secure contexts), so `instanceof` holds.
  const g = globalThis as unknown as Record<string, { prototype: object } | undefined>
  const common = {
    async isSameEntry(this: Raw, other: Raw) {
      return other?.__recallRoot === this.__recallRoot && other.__recallPath.join('/') === this.__recallPath.join('/')
    },
    queryPermission(this: Raw) {
      return call<PermissionState>({ op: 'queryPermission', root: this.__recallRoot })
    },
    requestPermission(this: Raw) {
      return call<PermissionState>({ op: 'requestPermission', root: this.__recallRoot })
    }
  }
  const directoryProto: object = Object.create(g.FileSystemDirectoryHandle?.prototype ?? Object.prototype)
  const fileProto: object = Object.create(g.FileSystemFileHandle?.prototype ?? Object.prototype)

  const make = (kind: 'file' | 'directory', root: string, path: string[], name: string): Raw => {
    const handle = Object.create(kind === 'directory' ? directoryProto : fileProto) as Raw
    // Own, enumerable, writable data properties: what a structured clone keeps.
    for (const [key, value] of Object.entries({ kind, name, __recallRoot: root, __recallPath: path }))
      Object.defineProperty(handle, key, { value, enumerable: true, writable: true, configurable: true })
    return handle
  }

  async function* entries(this: Raw): AsyncGenerator<[string, Raw]> {
    const list = await call<Array<{ name: string; kind: 'file' | 'directory' }>>({
      op: 'list',
      root: this.__recallRoot,
      path: this.__recallPath
    })
    for (const entry of list) yield [entry.name, make(entry.kind, this.__recallRoot, [...this.__recallPath, entry.name], entry.name)]
  }
  Object.assign(directoryProto, common, {
    async getDirectoryHandle(this: Raw, name: string, options?: { create?: boolean }) {
      await call({
        op: 'child',
        root: this.__recallRoot,
        path: this.__recallPath,
        name,
        kind: 'directory',
        create: Boolean(options?.create)
      })
      return make('directory', this.__recallRoot, [...this.__recallPath, name], name)
    },
    async getFileHandle(this: Raw, name: string, options?: { create?: boolean }) {
      await call({ op: 'child', root: this.__recallRoot, path: this.__recallPath, name, kind: 'file', create: Boolean(options?.create) })
      return make('file', this.__recallRoot, [...this.__recallPath, name], name)
    },
    async removeEntry(this: Raw, name: string, options?: { recursive?: boolean }) {
      await call({ op: 'remove', root: this.__recallRoot, path: this.__recallPath, name, recursive: Boolean(options?.recursive) })
    },
    async resolve(this: Raw, other: Raw) {
      if (other?.__recallRoot !== this.__recallRoot) return null
      const prefix = this.__recallPath.join('/')
      const path = other.__recallPath.join('/')
      if (prefix && !path.startsWith(`${prefix}/`) && path !== prefix) return null
      return other.__recallPath.slice(this.__recallPath.length)
    },
    entries,
    async *keys(this: Raw) {
      for await (const [name] of entries.call(this)) yield name
    },
    async *values(this: Raw) {
      for await (const [, handle] of entries.call(this)) yield handle
    },
    [Symbol.asyncIterator]: entries
  })
  Object.assign(fileProto, common, {
    async getFile(this: Raw) {
      const { base64, lastModified } = await call<{ base64: string; lastModified: number }>({
        op: 'read',
        root: this.__recallRoot,
        path: this.__recallPath
      })
      return new File([fromBase64(base64)], this.name, { lastModified })
    },
    async createWritable(this: Raw, options?: { keepExistingData?: boolean }) {
      const id = await call<number>({
        op: 'open',
        root: this.__recallRoot,
        path: this.__recallPath,
        keepExistingData: Boolean(options?.keepExistingData)
      })
      let position = 0
      let closed = false
      const live = () => {
        if (closed) throw new TypeError('The stream is closed.')
      }
      return {
        async write(data: unknown) {
          live()
          const command =
            typeof data === 'object' && data !== null && 'type' in data
              ? (data as { type: string; data?: unknown; position?: number; size?: number })
              : null
          if (command?.type === 'seek') return void (position = command.position ?? 0)
          if (command?.type === 'truncate') {
            await call({ op: 'truncate', id, size: command.size ?? 0 })
            position = Math.min(position, command.size ?? 0)
            return
          }
          if (command?.type === 'write' && command.position !== undefined) position = command.position
          const bytes = await bytesOf(command ? command.data : data)
          await call({ op: 'write', id, position, base64: toBase64(bytes) })
          position += bytes.length
        },
        async seek(to: number) {
          live()
          position = to
        },
        async truncate(size: number) {
          live()
          await call({ op: 'truncate', id, size })
          position = Math.min(position, size)
        },
        async close() {
          live()
          closed = true
          await call({ op: 'close', id })
        },
        async abort() {
          closed = true
          await call({ op: 'abort', id })
        }
      }
    },
    async move(this: Raw, target: Raw | string, newName?: string) {
      const to = typeof target === 'string' ? this.__recallPath.slice(0, -1) : target.__recallPath
      const name = typeof target === 'string' ? target : (newName ?? this.name)
      await call({ op: 'move', root: this.__recallRoot, path: this.__recallPath, to, name })
      this.__recallPath = [...to, name]
      this.name = name
    }
  })

  Object.defineProperty(window, 'showDirectoryPicker', {
    configurable: true,
    writable: true,
    value: async (_options?: { mode?: 'read' | 'readwrite'; id?: string }) => {
      const { root, name } = await call<{ root: string; name: string }>({ op: 'pick' })
      return make('directory', root, [], name)
    }
  })

  // A handle read back from IndexedDB is a plain object with the same own properties: made a handle again.
  const revived = new WeakMap<object, Raw>()
  const revive = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || typeof (value as Raw).__recallRoot !== 'string') return value
    if (value instanceof Object && (Object.getPrototypeOf(value) === directoryProto || Object.getPrototypeOf(value) === fileProto))
      return value
    const raw = value as Raw
    let handle = revived.get(raw)
    if (!handle) revived.set(raw, (handle = make(raw.kind, raw.__recallRoot, raw.__recallPath, raw.name)))
    return handle
  }
  for (const [proto, key] of [
    [IDBRequest.prototype, 'result'],
    [IDBCursorWithValue.prototype, 'value']
  ] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key)!
    Object.defineProperty(proto, key, {
      ...descriptor,
      get(this: object) {
        return revive(descriptor.get!.call(this))
      }
    })
  }
}
