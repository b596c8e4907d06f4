import { fileErrorCode } from '@main/journal/journal-messages'
import { MEDIA_SIGNATURE, type SyncFile } from '@shared/sync/read-sync-folder'
import type { SyncFolderProblem, SyncFolderResult, SyncListOptions } from '@shared/sync/sync-folder-access'
import { isCompactableName } from '@shared/sync/compaction'
import { segmentName } from '@shared/sync/segment-format'
import { snapshotName } from '@shared/sync/snapshot-format'
import { classifySyncPath } from '@shared/sync/sync-paths'
import { constants, watch as fsWatch, type Dirent, type FSWatcher } from 'node:fs'
import * as fs from 'node:fs/promises'
import { join, posix, relative, sep } from 'node:path'

/** Recall's part of the folder a sync engine carries: `<folder>/recall/`. */
const RECALL_SUBFOLDER = 'recall'

export type { SyncFolderResult } from '@shared/sync/sync-folder-access'

/** The file operations used, so tests can make a disk full or a folder read-only. */
export type SyncFs = Pick<typeof fs, 'readdir' | 'readFile' | 'stat' | 'mkdir' | 'open' | 'rename' | 'link' | 'unlink' | 'access'>

const SAFE = 'Your collection on this computer is not affected.'

/** A failed file operation on the sync folder as a problem a person can act on. */
export function syncFolderProblem(error: unknown, folder: string): SyncFolderProblem {
  const code = fileErrorCode(error)
  if (code === 'ENOENT')
    return {
      kind: 'missing',
      message: `The sync folder ${folder} is not there: is its drive connected, or is its sync app signed in? Recall syncs again when it is back. ${SAFE}`
    }
  if (code === 'ENOTDIR')
    return { kind: 'not-a-folder', message: `${folder} is not a folder (a file has its name). Choose the sync folder again. ${SAFE}` }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return {
      kind: 'read-only',
      message: `Recall may not write in the sync folder ${folder}: it can read the other computers' changes but not share its own. ${SAFE}`
    }
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return {
      kind: 'full',
      message: `The disk (or the sync service's space) of ${folder} is full, so Recall could not share its changes; it tries again later. ${SAFE}`
    }
  if (code === 'EBUSY' || code === 'EAGAIN' || code === 'ETXTBSY')
    return { kind: 'busy', message: `Another program is holding a file in ${folder}; Recall tries again later. ${SAFE}` }
  return { kind: 'failed', message: `Recall could not use the sync folder ${folder} (${code}). ${SAFE}` }
}

/**
 * Lists `<folder>/recall/` for `readSyncFolder`: every file's path relative to it (with `/`) and
 * its signature (size and modification time), and the text of segments, snapshots and their
 * copies (what `classifySyncPath` says they are) unless `textless`. Media are listed, not read;
 * files still arriving are listed by name only. A file that vanishes between the listing and its
 * reading (the engine replaced it) is left out, to be read next time.
 */
export async function listSyncFiles(folder: string, io: SyncFs = fs, options: SyncListOptions = {}): Promise<SyncFolderResult<SyncFile[]>> {
  const root = join(folder, RECALL_SUBFOLDER)
  try {
    const stat = await io.stat(folder)
    if (!stat.isDirectory())
      return { ok: false, problem: syncFolderProblem(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), folder) }
  } catch (error) {
    return { ok: false, problem: syncFolderProblem(error, folder) }
  }
  let entries: Dirent[]
  try {
    entries = await io.readdir(root, { recursive: true, withFileTypes: true })
  } catch (error) {
    // No `recall/` yet: nobody has synced into this folder.
    if (fileErrorCode(error) === 'ENOENT') return { ok: true, value: [] }
    return { ok: false, problem: syncFolderProblem(error, folder) }
  }
  const files: SyncFile[] = []
  for (const entry of entries) {
    if (entry.isDirectory()) continue
    const full = join(entry.parentPath, entry.name)
    const path = relative(root, full).split(sep).join('/')
    const place = classifySyncPath(path)
    if (place.kind === 'engine') continue
    if (place.kind === 'media') {
      files.push({ path, sig: MEDIA_SIGNATURE })
      continue
    }
    const readText = !options.textless && (place.kind === 'segment' || place.kind === 'copy' || place.kind === 'snapshot')
    try {
      // The signature before the text: a file changed in between is read again next time, never skipped.
      const stat = await io.stat(full)
      const sig = `${stat.size}:${stat.mtimeMs}`
      files.push(readText ? { path, sig, text: await io.readFile(full, 'utf8') } : { path, sig })
    } catch (error) {
      const code = fileErrorCode(error)
      if (code !== 'ENOENT' && code !== 'EISDIR') return { ok: false, problem: syncFolderProblem(error, folder) }
    }
  }
  return { ok: true, value: files }
}

/**
 * Shares one of this device's segments: written under a temporary name the engines and readers
 * skip (`.partial`), flushed to disk, then given its name, which never replaces a file already
 * there (a segment is never rewritten). Returns the path written, relative to `<folder>/recall/`.
 */
export async function writeSegmentFile(
  folder: string,
  device: string,
  seq: number,
  text: string,
  io: SyncFs = fs
): Promise<SyncFolderResult<string>> {
  const name = segmentName(seq)
  return writeOnce(folder, [device, name], text, io)
}

/** Shares one of this device's snapshots, as a segment is shared (written whole, never over a file). */
export async function writeSnapshotFile(
  folder: string,
  device: string,
  seq: number,
  text: string,
  io: SyncFs = fs
): Promise<SyncFolderResult<string>> {
  return writeOnce(folder, [device, snapshotName(seq)], text, io)
}

/**
 * Compaction: removes one of this device's own segments or snapshots (the caller checked that the
 * device is this one). Only a segment's or snapshot's own name is accepted, never a copy or media;
 * a file already gone is not an error.
 */
export async function removeOwnFile(folder: string, device: string, name: string, io: SyncFs = fs): Promise<SyncFolderResult<string>> {
  if (!isCompactableName(name)) return { ok: false, problem: { kind: 'failed', message: `${name} is not a segment or snapshot.` } }
  const relativePath = posix.join(device, name)
  try {
    // The folder gone (a drive unplugged) is a problem; only the file gone is done.
    await io.stat(folder)
    await io.unlink(join(folder, RECALL_SUBFOLDER, device, name)).catch((error: unknown) => {
      if (fileErrorCode(error) !== 'ENOENT') throw error
    })
    return { ok: true, value: relativePath }
  } catch (error) {
    return { ok: false, problem: syncFolderProblem(error, folder) }
  }
}

/** Shares a media file of this device, by its content hash; one already there is left as it is. */
export async function writeMediaFile(
  folder: string,
  device: string,
  hash: string,
  bytes: Uint8Array,
  io: SyncFs = fs
): Promise<SyncFolderResult<string>> {
  return writeOnce(folder, [device, 'media', hash], bytes, io)
}

async function writeOnce(folder: string, parts: string[], content: string | Uint8Array, io: SyncFs): Promise<SyncFolderResult<string>> {
  const root = join(folder, RECALL_SUBFOLDER)
  const target = join(root, ...parts)
  const relativePath = posix.join(...parts)
  const temporary = `${target}.partial`
  try {
    await io.stat(folder)
    await io.mkdir(join(target, '..'), { recursive: true })
    if (await exists(target, io)) return { ok: true, value: relativePath }
    const file = await io.open(temporary, 'w')
    try {
      await file.writeFile(content)
      await file.sync()
    } finally {
      await file.close()
    }
    try {
      // A hard link never replaces an existing file; where the file system has none (FAT, some
      // cloud drives), a rename after the check above.
      await io.link(temporary, target)
      await io.unlink(temporary)
    } catch (error) {
      const code = fileErrorCode(error)
      if (code === 'EEXIST') await io.unlink(temporary)
      else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') await io.rename(temporary, target)
      else throw error
    }
    return { ok: true, value: relativePath }
  } catch (error) {
    await io.unlink(temporary).catch(() => undefined)
    return { ok: false, problem: syncFolderProblem(error, folder) }
  }
}

async function exists(path: string, io: SyncFs): Promise<boolean> {
  try {
    await io.access(path, constants.F_OK)
    return true
  } catch {
    return false
  }
}

export interface SyncWatcher {
  close(): void
}

/**
 * Calls `onChange` once things settle after files change under the sync folder (the engines write
 * in bursts), and every `pollMs` besides: a folder on a drive that was unplugged, or one whose
 * changes the system does not report (network and cloud file systems), is looked at again anyway.
 */
export function watchSyncFolder(
  folder: string,
  onChange: () => void,
  options: { settleMs?: number; pollMs?: number; watch?: typeof fsWatch } = {}
): SyncWatcher {
  const settleMs = options.settleMs ?? 1_000
  const pollMs = options.pollMs ?? 5 * 60_000
  let settle: ReturnType<typeof setTimeout> | undefined
  let watcher: { close(): void } | undefined
  const changed = () => {
    clearTimeout(settle)
    settle = setTimeout(onChange, settleMs)
  }
  const startWatching = () => {
    if (watcher) return
    try {
      const started: FSWatcher = (options.watch ?? fsWatch)(folder, { recursive: true }, changed)
      // The folder went away (unmounted): watch again at the next poll.
      started.on('error', () => {
        started.close()
        watcher = undefined
      })
      watcher = started
    } catch {
      watcher = undefined
    }
  }
  startWatching()
  const poll = setInterval(() => {
    startWatching()
    onChange()
  }, pollMs)
  return {
    close() {
      clearTimeout(settle)
      clearInterval(poll)
      watcher?.close()
      watcher = undefined
    }
  }
}
