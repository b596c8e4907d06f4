/// <reference lib="webworker" />
import type { JournalRequest, JournalResponse } from '@platform/opfs-journal'
import { isJournalName } from '@shared/journal/journal-store'

/**
 * The browser's journal files, in the Origin Private File System under `journal/<epoch>/<segment>.jrnl`.
 * Appends go through a synchronous access handle kept open per segment, written in the order they
 * came (and flushed to disk shortly after: flushSoon). A page session writes only its own
 * segment, so no two handles ever write one file.
 */
declare const self: DedicatedWorkerGlobalScope

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const handles = new Map<string, FileSystemSyncAccessHandle>()
let failure: string | undefined

/**
 * Written bytes survive the browser's death as soon as write() returns (they are the system's to
 * keep); flush() is for a power cut, and costs an fsync. It runs a little later, off the queue's
 * path, so an append never waits behind another's fsync.
 */
const dirty = new Set<FileSystemSyncAccessHandle>()
let flushTimer: ReturnType<typeof setTimeout> | undefined
function flushSoon() {
  flushTimer ??= setTimeout(() => {
    flushTimer = undefined
    for (const handle of dirty) {
      try {
        handle.flush()
      } catch {
        // Closed meanwhile (its segment removed): nothing left to flush.
      }
    }
    dirty.clear()
  }, 250)
}

/** A folder's entries (TypeScript's DOM library does not declare the iterator yet). */
const entriesOf = (folder: FileSystemDirectoryHandle) =>
  (folder as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()

async function journalRoot(create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
  const root = await navigator.storage.getDirectory()
  try {
    return await root.getDirectoryHandle('journal', { create })
  } catch {
    return undefined
  }
}

async function epochFolder(epoch: string, create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
  if (!isJournalName(epoch)) throw new Error(`"${String(epoch)}" is not a journal epoch name`)
  const root = await journalRoot(create)
  try {
    return await root?.getDirectoryHandle(epoch, { create })
  } catch {
    return undefined
  }
}

async function handleOf(epoch: string, segment: string): Promise<FileSystemSyncAccessHandle> {
  const key = `${epoch}/${segment}`
  let handle = handles.get(key)
  if (!handle) {
    if (!isJournalName(segment)) throw new Error(`"${String(segment)}" is not a journal segment name`)
    const folder = (await epochFolder(epoch, true))!
    const file = await folder.getFileHandle(`${segment}.jrnl`, { create: true })
    handle = await file.createSyncAccessHandle()
    handles.set(key, handle)
  }
  return handle
}

function closeEpoch(epoch: string, segments?: readonly string[]) {
  for (const [key, handle] of handles) {
    const [e, s] = key.split('/')
    if (e === epoch && (!segments || segments.includes(s!))) {
      dirty.delete(handle)
      handle.close()
      handles.delete(key)
    }
  }
}

async function answer(request: JournalRequest): Promise<JournalResponse['result']> {
  switch (request.op) {
    case 'append': {
      const handle = await handleOf(request.epoch, request.segment)
      const bytes = encoder.encode(request.text)
      const at = handle.getSize()
      const written = handle.write(bytes, { at })
      if (written !== bytes.length) {
        handle.truncate(at)
        throw new Error('the disk is full')
      }
      dirty.add(handle)
      flushSoon()
      return undefined
    }
    case 'flushed':
      if (failure) {
        const reason = failure
        failure = undefined
        throw new Error(reason)
      }
      return undefined
    case 'read': {
      const folder = await epochFolder(request.epoch, false)
      if (!folder) return []
      const segments: Array<{ segment: string; text: string }> = []
      for await (const [name, entry] of entriesOf(folder)) {
        if (entry.kind !== 'file' || !name.endsWith('.jrnl')) continue
        const segment = name.slice(0, -'.jrnl'.length)
        const open = handles.get(`${request.epoch}/${segment}`)
        try {
          if (open) {
            const buffer = new Uint8Array(open.getSize())
            open.read(buffer, { at: 0 })
            segments.push({ segment, text: decoder.decode(buffer) })
          } else {
            segments.push({ segment, text: await (await (entry as FileSystemFileHandle).getFile()).text() })
          }
        } catch {
          // Another tab holds that segment open: it is that tab's, and still being written.
        }
      }
      return segments.sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0))
    }
    case 'epochs': {
      if (!('createSyncAccessHandle' in FileSystemFileHandle.prototype))
        throw new Error('this browser cannot write the files the journal needs (no synchronous file access in workers)')
      const root = await journalRoot(false)
      const names: string[] = []
      if (root) for await (const [name, entry] of entriesOf(root)) if (entry.kind === 'directory' && isJournalName(name)) names.push(name)
      return names.sort()
    }
    case 'remove': {
      closeEpoch(request.epoch, request.segments)
      const folder = await epochFolder(request.epoch, false)
      if (!folder) return undefined
      if (!request.segments) {
        await (await journalRoot(false))?.removeEntry(request.epoch, { recursive: true })
        return undefined
      }
      for (const segment of request.segments) {
        if (!isJournalName(segment)) continue
        await folder.removeEntry(`${segment}.jrnl`).catch(() => undefined)
      }
      return undefined
    }
  }
}

// One message at a time, in the order they came: an append is written before the next is read.
let queue: Promise<unknown> = Promise.resolve()
self.onmessage = (event: MessageEvent<JournalRequest>) => {
  const request = event.data
  queue = queue.then(async () => {
    try {
      const result = await answer(request)
      if (request.op !== 'append') self.postMessage({ id: request.id, result } satisfies JournalResponse)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (request.op === 'append') failure ??= message
      else self.postMessage({ id: request.id, error: message } satisfies JournalResponse)
    }
  })
}
