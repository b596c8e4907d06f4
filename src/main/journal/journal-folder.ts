import { createDiskSync, type SyncTarget } from '@main/journal/journal-disk-sync'
import { appendErrorMessage, fileErrorCode, nameErrorMessage, removeErrorMessage, tooLongMessage } from '@main/journal/journal-messages'
import { isJournalName, MAX_JOURNAL_APPEND, type JournalSegment } from '@shared/journal/journal-store'
import * as nodeFs from 'node:fs'
import { dirname, join } from 'node:path'

/** The file operations the folder uses; tests swap one out to simulate a full disk. */
export type JournalFileOps = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'closeSync'
  | 'writeSync'
  | 'readSync'
  | 'fstatSync'
  | 'ftruncateSync'
  | 'fdatasync'
  | 'fdatasyncSync'
  | 'mkdirSync'
  | 'rmSync'
  | 'promises'
>

const SEGMENT_SUFFIX = '.jrnl'
/** Each page session, and each backup, starts a segment: older ones are closed rather than kept open. */
const MAX_OPEN_SEGMENTS = 16

interface JournalReadProblem {
  segment: string
  message: string
}

interface JournalReadResult {
  segments: JournalSegment[]
  /** Segments that could not be read and were skipped; the others are still there. */
  problems: JournalReadProblem[]
}

/**
 * The journal's files in the desktop app: `<root>/<epoch>/<segment>.jrnl` (shared/journal). An
 * append is written before it returns, so the order of the IPC calls is the order in the files
 * and a killed process keeps every append that returned; a sync to disk follows off the hot path
 * (coalesced on setImmediate), so that a crash of the system keeps them too.
 */
export interface JournalFolder {
  readonly root: string
  /** Throws an Error a person can read when the text could not be written; later appends try again. */
  append(epoch: string, segment: string, text: string): void
  read(epoch: string): Promise<JournalReadResult>
  epochs(): Promise<string[]>
  /** Deletes the given segments of the epoch, or the whole epoch when none are given. */
  remove(epoch: string, segments?: readonly string[]): void
  /** Syncs and closes every open file; an append after it opens its file again. */
  close(): void
}

interface OpenSegment extends SyncTarget {
  /** Bytes in the file as far as we know: a failed append is cut back to it. */
  size: number
  /** The file ends in a line cut short (a crash, or a failed append not undone): start on a new line. */
  needsNewline: boolean
}

export interface JournalFolderOptions {
  fs?: JournalFileOps
  /** Where a failed sync to disk is told; nobody is waiting for it. */
  warn?: (message: string) => void
}

export function createJournalFolder(root: string, { fs = nodeFs, warn = console.warn }: JournalFolderOptions = {}): JournalFolder {
  const open = new Map<string, OpenSegment>()
  const disk = createDiskSync(fs, warn)

  const segmentFile = (epoch: string, segment: string) => join(root, epoch, segment + SEGMENT_SUFFIX)
  const keyOf = (epoch: string, segment: string) => `${epoch}/${segment}`

  function openSegment(epoch: string, segment: string): OpenSegment {
    const key = keyOf(epoch, segment)
    const known = open.get(key)
    if (known) {
      open.delete(key)
      open.set(key, known)
      return known
    }
    const file = segmentFile(epoch, segment)
    const folder = join(root, epoch)
    const created = fs.mkdirSync(folder, { recursive: true })
    const fd = fs.openSync(file, 'a+')
    let entry: OpenSegment
    try {
      const size = fs.fstatSync(fd).size
      let needsNewline = false
      if (size > 0) {
        const last = Buffer.alloc(1)
        fs.readSync(fd, last, 0, 1, size - 1)
        needsNewline = last[0] !== 0x0a
      }
      const folders = size === 0 ? newEntryFolders(folder, created) : []
      entry = { fd, file, size, needsNewline, folders, dirty: false, syncing: false, closed: false }
    } catch (error) {
      fs.closeSync(fd)
      throw error
    }
    open.set(key, entry)
    for (const oldest of open.keys()) {
      if (open.size <= MAX_OPEN_SEGMENTS) break
      closeSegment(oldest, true)
    }
    return entry
  }

  function closeSegment(key: string, sync: boolean): void {
    const entry = open.get(key)
    if (!entry) return
    open.delete(key)
    if (sync) disk.beforeClose(entry)
    else disk.forget(entry)
    entry.closed = true
    try {
      fs.closeSync(entry.fd)
    } catch {
      // already unusable: nothing more to lose
    }
  }

  function writeAll(fd: number, bytes: Buffer): void {
    let offset = 0
    while (offset < bytes.length) {
      const written = fs.writeSync(fd, bytes, offset, bytes.length - offset)
      if (written <= 0) throw Object.assign(new Error('the disk accepted no bytes'), { code: 'EIO' })
      offset += written
    }
  }

  function append(epoch: string, segment: string, text: string): void {
    checkName(epoch, 'epoch')
    checkName(segment, 'segment')
    if (typeof text !== 'string') throw new Error('A journal append must be text.')
    if (text.length > MAX_JOURNAL_APPEND) throw new Error(tooLongMessage(text.length))
    const key = keyOf(epoch, segment)
    let entry: OpenSegment
    try {
      entry = openSegment(epoch, segment)
    } catch (error) {
      throw new Error(appendErrorMessage(error, segmentFile(epoch, segment)), { cause: error })
    }
    const bytes = Buffer.from(entry.needsNewline ? `\n${text}` : text, 'utf8')
    try {
      writeAll(entry.fd, bytes)
    } catch (error) {
      // Cut off what part of the text did reach the file, so the next append starts a whole line;
      // if that fails too, the file is opened again and its torn end noticed.
      try {
        fs.ftruncateSync(entry.fd, entry.size)
      } catch {
        closeSegment(key, true)
      }
      throw new Error(appendErrorMessage(error, entry.file), { cause: error })
    }
    entry.size += bytes.length
    entry.needsNewline = false
    if (bytes.length > 0) disk.soon(entry)
  }

  async function read(epoch: string): Promise<JournalReadResult> {
    checkName(epoch, 'epoch')
    let names: string[]
    try {
      names = await fs.promises.readdir(join(root, epoch))
    } catch (error) {
      if (fileErrorCode(error) === 'ENOENT') return { segments: [], problems: [] }
      throw new Error(`Recall could not list its journal (${join(root, epoch)}: ${fileErrorCode(error)}).`, { cause: error })
    }
    const wanted = names
      .filter((name) => name.endsWith(SEGMENT_SUFFIX))
      .map((name) => name.slice(0, -SEGMENT_SUFFIX.length))
      .filter(isJournalName)
      .sort()
    const segments: JournalSegment[] = []
    const problems: JournalReadProblem[] = []
    for (const segment of wanted) {
      try {
        segments.push({ segment, text: await fs.promises.readFile(segmentFile(epoch, segment), 'utf8') })
      } catch (error) {
        const code = fileErrorCode(error)
        if (code !== 'ENOENT') problems.push({ segment, message: `${segmentFile(epoch, segment)} could not be read (${code})` })
      }
    }
    return { segments, problems }
  }

  async function epochs(): Promise<string[]> {
    try {
      const entries = await fs.promises.readdir(root, { withFileTypes: true })
      return entries
        .filter((entry) => entry.isDirectory() && isJournalName(entry.name))
        .map((entry) => entry.name)
        .sort()
    } catch (error) {
      if (fileErrorCode(error) === 'ENOENT') return []
      throw new Error(`Recall could not list its journal (${root}: ${fileErrorCode(error)}).`, { cause: error })
    }
  }

  function remove(epoch: string, segments?: readonly string[]): void {
    checkName(epoch, 'epoch')
    for (const segment of segments ?? []) checkName(segment, 'segment')
    const deleteFile = (path: string) => fs.rmSync(path, { recursive: true, force: true })
    if (segments === undefined) {
      for (const key of [...open.keys()]) if (key.startsWith(`${epoch}/`)) closeSegment(key, false)
      try {
        deleteFile(join(root, epoch))
      } catch (error) {
        throw new Error(removeErrorMessage(error, join(root, epoch)), { cause: error })
      }
      return
    }
    let failure: Error | undefined
    for (const segment of segments) {
      closeSegment(keyOf(epoch, segment), false)
      try {
        deleteFile(segmentFile(epoch, segment))
      } catch (error) {
        failure ??= new Error(removeErrorMessage(error, segmentFile(epoch, segment)), { cause: error })
      }
    }
    if (failure) throw failure
  }

  function close(): void {
    for (const key of [...open.keys()]) closeSegment(key, true)
  }

  return { root, append, read, epochs, remove, close }
}

/** A new file's name is on disk once its folder is synced, and a new folder's once its parent is, up to the first that was there. */
function newEntryFolders(folder: string, firstCreated: string | undefined): string[] {
  const folders = [folder]
  if (firstCreated === undefined) return folders
  for (let dir = folder; dir !== dirname(firstCreated) && dirname(dir) !== dir; dir = dirname(dir)) folders.push(dirname(dir))
  return folders
}

function checkName(name: unknown, what: 'epoch' | 'segment'): void {
  if (!isJournalName(name)) throw new Error(nameErrorMessage(name, what))
}
