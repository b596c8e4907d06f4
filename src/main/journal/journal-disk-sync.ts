import { fileErrorCode } from '@main/journal/journal-messages'
import type * as nodeFs from 'node:fs'

/** An open segment file, as far as syncing it to disk goes. */
export interface SyncTarget {
  fd: number
  file: string
  /** Folders whose entries must reach the disk once (a new file, new folders): synced after the file's first sync. */
  folders: string[]
  dirty: boolean
  syncing: boolean
  closed: boolean
}

type SyncFileOps = Pick<typeof nodeFs, 'fdatasync' | 'fdatasyncSync' | 'promises'>

/**
 * Gets appended bytes from the system's cache onto the disk. A written append already survives a
 * killed process; this makes it survive a crash of the whole system too, without making the
 * append wait: every file written in one turn of the event loop is synced once, on setImmediate,
 * by libuv's thread pool, and a file still syncing is synced again when it is done.
 */
export function createDiskSync(fs: SyncFileOps, warn: (message: string) => void) {
  const waiting = new Set<SyncTarget>()
  let scheduled = false

  const failed = (target: SyncTarget, error: unknown) =>
    warn(`Recall: could not sync the journal file ${target.file} to disk (${fileErrorCode(error)})`)

  function schedule(): void {
    if (scheduled) return
    scheduled = true
    setImmediate(() => {
      scheduled = false
      for (const target of waiting) {
        if (target.syncing) continue
        waiting.delete(target)
        if (!target.closed) start(target)
      }
    })
  }

  function start(target: SyncTarget): void {
    target.dirty = false
    target.syncing = true
    fs.fdatasync(target.fd, (error) => {
      target.syncing = false
      if (target.closed) return
      if (error) failed(target, error)
      else syncFolders(target.folders.splice(0))
      if (target.dirty) schedule()
    })
  }

  return {
    /** After bytes were written to the target: sync them soon. */
    soon(target: SyncTarget): void {
      target.dirty = true
      waiting.add(target)
      schedule()
    },
    /** Before the target is closed: sync now whatever is not yet on disk. */
    beforeClose(target: SyncTarget): void {
      waiting.delete(target)
      if (!target.dirty && !target.syncing) return
      try {
        fs.fdatasyncSync(target.fd)
        syncFolders(target.folders.splice(0))
      } catch (error) {
        failed(target, error)
      }
    },
    forget(target: SyncTarget): void {
      waiting.delete(target)
    }
  }

  // Best effort: Windows cannot sync a folder, and needs no such step.
  function syncFolders(folders: string[]): void {
    for (const folder of folders) {
      void fs.promises
        .open(folder, 'r')
        .then((handle) => handle.sync().finally(() => handle.close()))
        .catch(() => undefined)
    }
  }
}
