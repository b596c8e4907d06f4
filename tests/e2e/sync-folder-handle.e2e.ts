import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, type Profile } from './browser'
import { folderPicker, type FolderPicker } from './sync-folder-handle'

/** The parts of the File System Access API that TypeScript's DOM types leave out. */
type PermissionHandle = FileSystemDirectoryHandle & {
  queryPermission(descriptor: { mode: 'readwrite' }): Promise<PermissionState>
  requestPermission(descriptor: { mode: 'readwrite' }): Promise<PermissionState>
}
type Listable = FileSystemDirectoryHandle & {
  values(): AsyncIterable<FileSystemDirectoryHandle | FileSystemFileHandle>
  entries(): AsyncIterable<[string, FileSystemDirectoryHandle | FileSystemFileHandle]>
}
interface PickerWindow {
  showDirectoryPicker(options: { mode: 'readwrite' }): Promise<PermissionHandle>
}

describe('the folder picker stand-in, over a folder on disk', () => {
  let profile: Profile
  let folder: string
  let picker: FolderPicker
  let page: Page
  beforeEach(async () => {
    profile = await newProfile()
    folder = await mkdtemp(join(tmpdir(), 'recall-picked-'))
    picker = folderPicker()
    const opened = await profile.open()
    await picker.install(opened.context)
    page = opened.page
    await page.goto(inject('baseUrl'))
  })
  afterEach(async () => {
    await profile.remove()
    await rm(folder, { recursive: true, force: true })
  })

  it('writes what the page writes to the disk, in place only once closed, as Chromium does', async () => {
    picker.choose(folder)
    await page.evaluate(async () => {
      const root = await (window as unknown as PickerWindow).showDirectoryPicker({ mode: 'readwrite' })
      const device = await (await root.getDirectoryHandle('recall', { create: true })).getDirectoryHandle('abcd', { create: true })
      const file = await device.getFileHandle('0000000001.seg.partial', { create: true })
      const writable = await file.createWritable()
      await writable.write('line one\n')
      await writable.write(new TextEncoder().encode('line two\n'))
      ;(window as unknown as { pending: unknown }).pending = { file, writable }
    })
    const written = join(folder, 'recall', 'abcd', '0000000001.seg.partial')
    // Open: the bytes are in the swap file beside it, the file itself still empty.
    expect(await readFile(`${written}.crswap`, 'utf8')).toBe('line one\nline two\n')
    expect(await readFile(written, 'utf8')).toBe('')
    await page.evaluate(async () => {
      const { file, writable } = (window as unknown as { pending: { file: FileSystemFileHandle; writable: FileSystemWritableFileStream } })
        .pending
      await writable.close()
      await (file as unknown as { move(name: string): Promise<void> }).move('0000000001.seg')
    })
    expect(existsSync(`${written}.crswap`)).toBe(false)
    expect(existsSync(written)).toBe(false)
    expect(await readFile(join(folder, 'recall', 'abcd', '0000000001.seg'), 'utf8')).toBe('line one\nline two\n')
  })

  it('lists and reads what Node put in the folder, and answers with the browser’s errors', async () => {
    await mkdir(join(folder, 'recall', 'ffff', 'media'), { recursive: true })
    await writeFile(join(folder, 'recall', 'ffff', '0000000001.seg'), 'from the other machine\n')
    await writeFile(join(folder, 'recall', 'ffff', 'media', 'bytes'), Buffer.from([0, 1, 2, 255]))
    picker.choose(folder)
    const seen = await page.evaluate(async () => {
      const root = await (window as unknown as PickerWindow).showDirectoryPicker({ mode: 'readwrite' })
      const recall = await root.getDirectoryHandle('recall')
      const names: string[] = []
      for await (const device of (recall as Listable).values()) {
        if (device.kind !== 'directory') continue
        for await (const [name, entry] of (device as Listable).entries()) names.push(`${device.name}/${name}:${entry.kind}`)
      }
      const device = await recall.getDirectoryHandle('ffff')
      const text = await (await (await device.getFileHandle('0000000001.seg')).getFile()).text()
      const media = await (await device.getDirectoryHandle('media')).getFileHandle('bytes')
      const bytes = Array.from(new Uint8Array(await (await media.getFile()).arrayBuffer()))
      const errorOf = (work: Promise<unknown>) =>
        work.then(
          () => 'none',
          (error: Error) => error.name
        )
      return {
        rootName: root.name,
        kinds: [root.kind, media.kind],
        isHandle: root instanceof FileSystemDirectoryHandle && media instanceof FileSystemFileHandle,
        names: names.sort(),
        text,
        bytes,
        missing: await errorOf(recall.getDirectoryHandle('nothing')),
        fileAsFolder: await errorOf(device.getDirectoryHandle('0000000001.seg')),
        notEmpty: await errorOf(recall.removeEntry('ffff')),
        badName: await errorOf(recall.getFileHandle('../escape', { create: true }))
      }
    })
    expect(seen).toEqual({
      rootName: folder.split('/').pop(),
      kinds: ['directory', 'file'],
      isHandle: true,
      names: ['ffff/0000000001.seg:file', 'ffff/media:directory'],
      text: 'from the other machine\n',
      bytes: [0, 1, 2, 255],
      missing: 'NotFoundError',
      fileAsFolder: 'TypeMismatchError',
      notEmpty: 'InvalidModificationError',
      badName: 'TypeError'
    })
    expect(existsSync(join(folder, '..', 'escape'))).toBe(false)
  })

  it('is kept in IndexedDB and works again after a reload; a cancelled picker and a lost permission fail as in Chromium', async () => {
    picker.choose(folder)
    await page.evaluate(async () => {
      const root = await (window as unknown as PickerWindow).showDirectoryPicker({ mode: 'readwrite' })
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('picker-test', 1)
        request.onupgradeneeded = () => request.result.createObjectStore('handles')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      await new Promise((resolve, reject) => {
        const request = db.transaction('handles', 'readwrite').objectStore('handles').put(root, 'linked')
        request.onsuccess = resolve
        request.onerror = () => reject(request.error)
      })
      db.close()
    })
    await page.reload()
    await writeFile(join(folder, 'later.txt'), 'written after the reload')
    picker.setPermission('prompt')
    const after = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('picker-test', 1)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const root = await new Promise<PermissionHandle>((resolve, reject) => {
        const request = db.transaction('handles').objectStore('handles').get('linked')
        request.onsuccess = () => resolve(request.result as PermissionHandle)
        request.onerror = () => reject(request.error)
      })
      db.close()
      const before = await root.queryPermission({ mode: 'readwrite' })
      const denied = await root.getFileHandle('later.txt').then(
        () => 'none',
        (error: Error) => error.name
      )
      const asked = await root.requestPermission({ mode: 'readwrite' })
      const text = await (await (await root.getFileHandle('later.txt')).getFile()).text()
      const cancelled = await (window as unknown as PickerWindow).showDirectoryPicker({ mode: 'readwrite' }).then(
        () => 'none',
        (error: Error) => error.name
      )
      return { name: root.name, before, denied, asked, text, cancelled }
    })
    expect(after).toEqual({
      name: folder.split('/').pop(),
      before: 'prompt',
      denied: 'NotAllowedError',
      asked: 'granted',
      text: 'written after the reload',
      cancelled: 'AbortError'
    })
    expect(picker.pickCount()).toBe(2)
  })
})
