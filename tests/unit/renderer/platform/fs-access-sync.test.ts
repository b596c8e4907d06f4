import { fsAccessSync, type HandleKeeper, type SyncDirectoryHandle, type SyncFileHandle } from '@platform/fs-access-sync'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'

const DEVICE = 'aaaaaaaaaaaaaaaa'
const domError = (name: string) => Object.assign(new Error(name), { name })

/** An in-memory folder with the File System Access API's shape; `move` replaces, as the spec's tests say it does. */
class Folder implements SyncDirectoryHandle {
  kind = 'directory' as const
  files = new Map<string, Uint8Array>()
  /** Each file's modification time: a write moves it on, as a disk's clock would. */
  modified = new Map<string, number>()
  private clock = 0
  folders = new Map<string, Folder>()
  permission: PermissionState = 'granted'
  grantOnRequest = true
  constructor(
    public name: string,
    private withMove = true
  ) {}
  async getDirectoryHandle(name: string, options?: { create?: boolean }) {
    let folder = this.folders.get(name)
    if (!folder) {
      if (!options?.create) throw domError('NotFoundError')
      folder = new Folder(name, this.withMove)
      this.folders.set(name, folder)
    }
    return folder
  }
  async getFileHandle(name: string, options?: { create?: boolean }): Promise<SyncFileHandle> {
    if (!this.files.has(name)) {
      if (!options?.create) throw domError('NotFoundError')
      this.files.set(name, new Uint8Array())
    }
    return this.fileHandle(name)
  }
  private fileHandle(name: string): SyncFileHandle {
    let current = name
    const handle: SyncFileHandle = {
      kind: 'file',
      name,
      getFile: async () => {
        const bytes = this.files.get(current)
        if (!bytes) throw domError('NotFoundError')
        return {
          size: bytes.length,
          lastModified: this.modified.get(current) ?? 0,
          text: async () => new TextDecoder().decode(bytes),
          arrayBuffer: async () => bytes.slice().buffer
        }
      },
      createWritable: async () => {
        let written: Uint8Array = new Uint8Array()
        return {
          write: async (data: string | Uint8Array) => void (written = typeof data === 'string' ? new TextEncoder().encode(data) : data),
          close: async () => {
            this.files.set(current, written)
            this.modified.set(current, ++this.clock)
          }
        }
      }
    }
    if (this.withMove)
      handle.move = async (to: string) => {
        this.files.set(to, this.files.get(current)!)
        this.modified.set(to, this.modified.get(current) ?? 0)
        this.files.delete(current)
        current = to
      }
    return handle
  }
  async removeEntry(name: string) {
    if (!this.files.delete(name)) throw domError('NotFoundError')
  }
  async *values() {
    for (const folder of this.folders.values()) yield folder
    for (const name of this.files.keys()) yield this.fileHandle(name)
  }
  async queryPermission() {
    return this.permission
  }
  async requestPermission() {
    if (this.grantOnRequest) this.permission = 'granted'
    return this.permission
  }
}

function memoryKeeper(): HandleKeeper & { kept: SyncDirectoryHandle | null } {
  const keeper = {
    kept: null as SyncDirectoryHandle | null,
    load: async () => keeper.kept,
    save: async (handle: SyncDirectoryHandle | null) => void (keeper.kept = handle)
  }
  return keeper
}

function setup(root = new Folder('Sync')) {
  const keeper = memoryKeeper()
  let picks: Array<() => Promise<SyncDirectoryHandle>> = [async () => root]
  const platform = fsAccessSync({ pickDirectory: () => picks.shift()!(), keeper })
  return { root, keeper, platform, pickNext: (next: () => Promise<SyncDirectoryHandle>) => (picks = [next]) }
}

describe('sync in a browser (File System Access API)', () => {
  it('links the chosen folder, keeps it for the next visit, and forgets it on unlink', async () => {
    const { platform, keeper, root } = setup()
    expect(await platform.linked()).toBeNull()
    expect(await platform.chooseFolder()).toEqual({ ok: true, value: { label: 'Sync' } })
    expect(keeper.kept).toBeNull()
    expect(await platform.link()).toEqual({ ok: true, value: { label: 'Sync' } })
    expect(keeper.kept).toBe(root)
    const nextVisit = fsAccessSync({ pickDirectory: async () => root, keeper })
    expect(await nextVisit.linked()).toEqual({ label: 'Sync' })
    await nextVisit.unlink()
    expect(keeper.kept).toBeNull()
  })

  it('a closed picker changes nothing', async () => {
    const { platform, pickNext } = setup()
    pickNext(async () => Promise.reject(domError('AbortError')))
    expect(await platform.chooseFolder()).toBeNull()
    expect(await platform.link()).toMatchObject({ ok: false })
  })

  it('writes a segment whole under its name, never replacing one already there, and lists it back', async () => {
    const { platform, root } = setup()
    await platform.chooseFolder()
    await platform.link()
    const folder = platform.folder()
    expect(await folder.writeSegment(DEVICE, 1, 'first')).toEqual({ ok: true, value: `${DEVICE}/0000000001.seg` })
    expect(await folder.writeSegment(DEVICE, 1, 'second')).toEqual({ ok: true, value: `${DEVICE}/0000000001.seg` })
    const device = root.folders.get('recall')!.folders.get(DEVICE)!
    expect([...device.files.keys()]).toEqual(['0000000001.seg'])
    expect(new TextDecoder().decode(device.files.get('0000000001.seg'))).toBe('first')
    const sig = `5:${device.modified.get('0000000001.seg')}`
    expect(await folder.list()).toEqual({ ok: true, value: [{ path: `${DEVICE}/0000000001.seg`, sig, text: 'first' }] })
    // Without text: the names and signatures a sync compares with the last one's.
    expect(await folder.list({ textless: true })).toEqual({ ok: true, value: [{ path: `${DEVICE}/0000000001.seg`, sig }] })
  })

  it('without move() (older Chromium) still writes the file under its name and leaves no .partial', async () => {
    const { platform, root } = setup(new Folder('Sync', false))
    await platform.chooseFolder()
    await platform.link()
    await platform.folder().writeSegment(DEVICE, 2, 'text')
    expect([...root.folders.get('recall')!.folders.get(DEVICE)!.files.keys()]).toEqual(['0000000002.seg'])
  })

  it('reads media back only when the bytes match their hash', async () => {
    const { platform, root } = setup()
    await platform.chooseFolder()
    await platform.link()
    const bytes = new Uint8Array([5, 6, 7])
    const hash = createHash('sha256').update(bytes).digest('hex')
    await platform.folder().writeMedia(DEVICE, hash, bytes)
    const read = await platform.folder().readMedia(DEVICE, hash)
    expect(read.ok && Array.from(read.value)).toEqual([5, 6, 7])
    root.folders
      .get('recall')!
      .folders.get(DEVICE)!
      .folders.get('media')!
      .files.set(hash, new Uint8Array([5]))
    expect(await platform.folder().readMedia(DEVICE, hash)).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('does not match') }
    })
  })

  it('asks for the permission again when the browser dropped it, and says so in words until then', async () => {
    const { platform, root } = setup()
    await platform.chooseFolder()
    await platform.link()
    root.permission = 'prompt'
    expect(await platform.linked()).toEqual({ label: 'Sync', needsPermission: true })
    expect(await platform.folder().list()).toMatchObject({ ok: false, problem: { kind: 'no-permission' } })
    root.grantOnRequest = false
    expect(await platform.reconnect()).toMatchObject({ ok: false, problem: { kind: 'no-permission' } })
    root.grantOnRequest = true
    expect(await platform.reconnect()).toEqual({ ok: true, value: { label: 'Sync' } })
    expect(await platform.folder().list()).toEqual({ ok: true, value: [] })
  })
})
