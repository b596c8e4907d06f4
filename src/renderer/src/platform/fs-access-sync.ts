import { MEDIA_SIGNATURE, type SyncFile } from '@shared/sync/read-sync-folder'
import { isCompactableName } from '@shared/sync/compaction'
import { isDeviceId } from '@shared/sync/device-id'
import { segmentName } from '@shared/sync/segment-format'
import { snapshotName } from '@shared/sync/snapshot-format'
import type { LinkedSyncFolder, SyncFolderAccess, SyncFolderProblem, SyncFolderResult, SyncPlatform } from '@shared/sync/sync-folder-access'
import { classifySyncPath } from '@shared/sync/sync-paths'
import { pollSyncFolder } from '@platform/sync-folder-poll'

/*
 * Sync in a browser, over the File System Access API (Chromium): the person picks the folder their
 * sync app shares (`showDirectoryPicker`), its handle is kept in IndexedDB so a reload keeps the
 * link, and the browser's permission is asked again, on a click, when it has dropped it. The file
 * rules are main's (main/sync/sync-folder.ts): a file is written whole under `.partial`, then
 * moved to its name, and an existing file is never replaced.
 *
 * `move()` replaces an existing file (the fs spec's tests: "move(dir) can overwrite an existing
 * file"), so the name is checked just before. Where `move()` is missing for files outside the
 * origin's private storage (Chromium before 111), the file is written under its name directly:
 * Chromium's `createWritable` writes a swap file and puts it in place only on `close()`, so no
 * reader ever sees half of it either.
 */

/** The parts of the File System Access API used here (a stand-in in tests). */
export interface SyncFileHandle {
  kind: 'file'
  name: string
  getFile(): Promise<{ size: number; lastModified: number; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }>
  createWritable(): Promise<{ write(data: string | Uint8Array): Promise<void>; close(): Promise<void>; abort?(): Promise<void> }>
  move?(name: string): Promise<void>
}

export interface SyncDirectoryHandle {
  kind: 'directory'
  name: string
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<SyncDirectoryHandle>
  getFileHandle(name: string, options?: { create?: boolean }): Promise<SyncFileHandle>
  removeEntry(name: string): Promise<void>
  values(): AsyncIterable<SyncDirectoryHandle | SyncFileHandle>
  queryPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>
  requestPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>
}

/** Where the linked folder's handle is kept between visits (IndexedDB; a map in tests). */
export interface HandleKeeper {
  load(): Promise<SyncDirectoryHandle | null>
  save(handle: SyncDirectoryHandle | null): Promise<void>
}

export interface FsAccessSyncOptions {
  pickDirectory: () => Promise<SyncDirectoryHandle>
  keeper: HandleKeeper
  /** How often the folder is looked at again (the browser does not report changes in it). */
  pollMs?: number
}

const RECALL = 'recall'
const SAFE = 'Your collection on this computer is not affected.'
const MAX_MEDIA_BYTES = 256 * 1024 * 1024

const NOT_LINKED: SyncFolderProblem = { kind: 'missing', message: `No sync folder is linked in this browser. ${SAFE}` }
const NOT_CHOSEN: SyncFolderProblem = { kind: 'missing', message: 'Choose the sync folder first.' }

export function fsAccessSync({ pickDirectory, keeper, pollMs = 60_000 }: FsAccessSyncOptions): SyncPlatform {
  let chosen: SyncDirectoryHandle | null = null
  let linked: Promise<SyncDirectoryHandle | null> = keeper.load().catch(() => null)

  const labelOf = async (handle: SyncDirectoryHandle): Promise<LinkedSyncFolder> =>
    (await permission(handle, false)) ? { label: handle.name } : { label: handle.name, needsPermission: true }

  return {
    async linked() {
      const handle = await linked
      return handle ? labelOf(handle) : null
    },
    async chooseFolder() {
      let handle: SyncDirectoryHandle
      try {
        handle = await pickDirectory()
      } catch (error) {
        // The person closed the picker.
        if (nameOf(error) === 'AbortError') return null
        return { ok: false, problem: problemOf(error, 'the folder') }
      }
      chosen = handle
      return { ok: true, value: { label: handle.name } }
    },
    chosenFolder: () => folderAccess(async () => chosen, NOT_CHOSEN),
    async link() {
      if (!chosen) return { ok: false, problem: NOT_CHOSEN }
      const handle = chosen
      try {
        await keeper.save(handle)
      } catch (error) {
        return {
          ok: false,
          problem: { kind: 'failed', message: `The browser could not remember the folder (${messageOf(error)}). Nothing was linked.` }
        }
      }
      chosen = null
      linked = Promise.resolve(handle)
      return { ok: true, value: { label: handle.name } }
    },
    async reconnect() {
      const handle = await linked
      if (!handle) return { ok: false, problem: NOT_LINKED }
      if (await permission(handle, true)) return { ok: true, value: { label: handle.name } }
      return {
        ok: false,
        problem: { kind: 'no-permission', message: `The browser was not allowed to use the folder ${handle.name}. ${SAFE}` }
      }
    },
    async unlink() {
      linked = Promise.resolve(null)
      chosen = null
      await keeper.save(null)
    },
    folder: () => folderAccess(() => linked, NOT_LINKED),
    onFolderChange: (listener) => pollSyncFolder(listener, pollMs)
  }
}

/** Whether the page may read and write the folder; `ask` shows the browser's prompt (a click is needed). */
async function permission(handle: SyncDirectoryHandle, ask: boolean): Promise<boolean> {
  try {
    if (!handle.queryPermission) return true
    if ((await handle.queryPermission({ mode: 'readwrite' })) === 'granted') return true
    return ask && handle.requestPermission ? (await handle.requestPermission({ mode: 'readwrite' })) === 'granted' : false
  } catch {
    return false
  }
}

function folderAccess(root: () => Promise<SyncDirectoryHandle | null>, none: SyncFolderProblem): SyncFolderAccess {
  const withFolder = async <T>(work: (folder: SyncDirectoryHandle) => Promise<SyncFolderResult<T>>): Promise<SyncFolderResult<T>> => {
    const folder = await root()
    if (!folder) return { ok: false, problem: none }
    if (!(await permission(folder, false)))
      return {
        ok: false,
        problem: {
          kind: 'no-permission',
          message: `The browser needs your permission again to use the folder ${folder.name}: press Allow in Sync. ${SAFE}`
        }
      }
    try {
      return await work(folder)
    } catch (error) {
      return { ok: false, problem: problemOf(error, folder.name) }
    }
  }
  return {
    list: (options) => withFolder((folder) => listFiles(folder, options?.textless === true)),
    writeSegment: (device, seq, text) => withFolder((folder) => writeOnce(folder, [device], segmentName(seq), text)),
    writeSnapshot: (device, seq, text) => withFolder((folder) => writeOnce(folder, [device], snapshotName(seq), text)),
    removeOwn: (device, name) => withFolder((folder) => removeOwn(folder, device, name)),
    writeMedia: (device, hash, bytes) => withFolder((folder) => writeOnce(folder, [device, 'media'], hash, bytes)),
    readMedia: (device, hash) => withFolder((folder) => readMedia(folder, device, hash))
  }
}

async function listFiles(folder: SyncDirectoryHandle, textless: boolean): Promise<SyncFolderResult<SyncFile[]>> {
  let recall: SyncDirectoryHandle
  try {
    recall = await folder.getDirectoryHandle(RECALL)
  } catch (error) {
    // No `recall/` yet: nobody has synced into this folder.
    if (nameOf(error) === 'NotFoundError') return { ok: true, value: [] }
    throw error
  }
  const files: SyncFile[] = []
  const walk = async (directory: SyncDirectoryHandle, prefix: string) => {
    for await (const entry of directory.values()) {
      const path = `${prefix}${entry.name}`
      if (entry.kind === 'directory') {
        await walk(entry, `${path}/`)
        continue
      }
      const place = classifySyncPath(path)
      if (place.kind === 'engine') continue
      if (place.kind === 'media') {
        files.push({ path, sig: MEDIA_SIGNATURE })
        continue
      }
      const readText = !textless && (place.kind === 'segment' || place.kind === 'copy' || place.kind === 'snapshot')
      try {
        const file = await entry.getFile()
        const sig = `${file.size}:${file.lastModified}`
        files.push(readText ? { path, sig, text: await file.text() } : { path, sig })
      } catch (error) {
        // Replaced or removed by the engine since the listing: read next time.
        if (nameOf(error) !== 'NotFoundError') throw error
      }
    }
  }
  await walk(recall, '')
  return { ok: true, value: files }
}

async function writeOnce(
  folder: SyncDirectoryHandle,
  directories: string[],
  name: string,
  content: string | Uint8Array
): Promise<SyncFolderResult<string>> {
  let directory = await folder.getDirectoryHandle(RECALL, { create: true })
  for (const part of directories) directory = await directory.getDirectoryHandle(part, { create: true })
  const path = [...directories, name].join('/')
  if (await fileExists(directory, name)) return { ok: true, value: path }
  const temporaryName = `${name}.partial`
  const temporary = await directory.getFileHandle(temporaryName, { create: true })
  if (!temporary.move) {
    await directory.removeEntry(temporaryName).catch(() => undefined)
    await writeWhole(await directory.getFileHandle(name, { create: true }), content)
    return { ok: true, value: path }
  }
  try {
    await writeWhole(temporary, content)
    // Another writer may have put it there while this one was written.
    if (await fileExists(directory, name)) await directory.removeEntry(temporaryName)
    else await temporary.move(name)
  } catch (error) {
    await directory.removeEntry(temporaryName).catch(() => undefined)
    throw error
  }
  return { ok: true, value: path }
}

/** Compaction: one of this device's own segments or snapshots removed (`removeEntry`); one already gone is done. */
async function removeOwn(folder: SyncDirectoryHandle, device: string, name: string): Promise<SyncFolderResult<string>> {
  if (!isDeviceId(device) || !isCompactableName(name))
    return { ok: false, problem: { kind: 'failed', message: `${device}/${name} is not a segment or snapshot of this device.` } }
  try {
    const directory = await (await folder.getDirectoryHandle(RECALL)).getDirectoryHandle(device)
    await directory.removeEntry(name)
  } catch (error) {
    if (nameOf(error) !== 'NotFoundError') throw error
  }
  return { ok: true, value: `${device}/${name}` }
}

async function writeWhole(file: SyncFileHandle, content: string | Uint8Array): Promise<void> {
  const writable = await file.createWritable()
  try {
    await writable.write(content)
    await writable.close()
  } catch (error) {
    await writable.abort?.().catch(() => undefined)
    throw error
  }
}

async function fileExists(directory: SyncDirectoryHandle, name: string): Promise<boolean> {
  try {
    await directory.getFileHandle(name)
    return true
  } catch (error) {
    if (nameOf(error) === 'NotFoundError') return false
    throw error
  }
}

async function readMedia(folder: SyncDirectoryHandle, device: string, hash: string): Promise<SyncFolderResult<Uint8Array>> {
  let file: Awaited<ReturnType<SyncFileHandle['getFile']>>
  try {
    const recall = await folder.getDirectoryHandle(RECALL)
    const media = await (await recall.getDirectoryHandle(device)).getDirectoryHandle('media')
    file = await (await media.getFileHandle(hash)).getFile()
  } catch (error) {
    if (nameOf(error) === 'NotFoundError')
      return {
        ok: false,
        problem: { kind: 'missing', message: `A media file has not arrived in the sync folder yet (${device}/media/${hash}).` }
      }
    throw error
  }
  if (file.size > MAX_MEDIA_BYTES)
    return { ok: false, problem: { kind: 'failed', message: 'A media file in the sync folder is larger than Recall reads.' } }
  const bytes = new Uint8Array(await file.arrayBuffer())
  if ((await sha256Hex(bytes)) !== hash)
    return {
      ok: false,
      problem: {
        kind: 'failed',
        message: 'A media file in the sync folder does not match its name: it may still be arriving. Recall tries again later.'
      }
    }
  return { ok: true, value: bytes }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // A copy: SubtleCrypto takes only bytes over a plain ArrayBuffer.
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function nameOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The browser's file errors (DOMException names) as problems a person can act on. */
function problemOf(error: unknown, folder: string): SyncFolderProblem {
  switch (nameOf(error)) {
    case 'NotFoundError':
      return { kind: 'missing', message: `The sync folder ${folder} is not there any more: link it again in Sync. ${SAFE}` }
    case 'NotAllowedError':
    case 'SecurityError':
      return { kind: 'no-permission', message: `The browser was not allowed to use the folder ${folder}. ${SAFE}` }
    case 'QuotaExceededError':
      return {
        kind: 'full',
        message: `The disk of ${folder} is full, so Recall could not share its changes; it tries again later. ${SAFE}`
      }
    case 'NoModificationAllowedError':
      return { kind: 'busy', message: `Another program is holding a file in ${folder}; Recall tries again later. ${SAFE}` }
    case 'TypeMismatchError':
      return { kind: 'not-a-folder', message: `Something in ${folder} is a file where Recall expects a folder. ${SAFE}` }
    default:
      return { kind: 'failed', message: `Recall could not use the sync folder ${folder} (${messageOf(error)}). ${SAFE}` }
  }
}
