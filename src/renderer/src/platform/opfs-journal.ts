import type { JournalSegment, JournalStore } from '@shared/journal/journal-store'

type JournalOp =
  | { op: 'append'; epoch: string; segment: string; text: string }
  | { op: 'flushed' }
  | { op: 'read'; epoch: string }
  | { op: 'epochs' }
  | { op: 'remove'; epoch: string; segments?: readonly string[] }

export type JournalRequest = { id: number } & JournalOp

export type JournalResponse = { id: number; result?: unknown; error?: string }

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

/**
 * The browser's journal store: a worker (workers/journal-worker.ts) that owns the Origin Private
 * File System files, so that writing never holds up the page. Null where the browser has no Origin
 * Private File System; a browser whose workers lack synchronous access handles fails the first
 * request (`epochs`), and the app says the journal is off.
 */
export function opfsJournal(): JournalStore | null {
  // Synchronous access handles exist only inside workers: the worker itself says if they are missing.
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory || typeof Worker === 'undefined') return null
  const worker = new Worker(new URL('../workers/journal-worker.ts', import.meta.url), { type: 'module' })
  let nextId = 0
  const pending = new Map<number, Pending>()
  worker.onmessage = (event: MessageEvent<JournalResponse>) => {
    const { id, result, error } = event.data
    const waiting = pending.get(id)
    pending.delete(id)
    if (error !== undefined) waiting?.reject(new Error(error))
    else waiting?.resolve(result)
  }
  worker.onerror = (event) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the journal stopped (${event.message || 'worker error'})`))
    pending.clear()
  }
  const ask = <T>(request: JournalOp): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ ...request, id })
    })
  return {
    append(epoch, segment, text) {
      worker.postMessage({ id: ++nextId, op: 'append', epoch, segment, text } satisfies JournalRequest)
    },
    flushed: () => ask<void>({ op: 'flushed' }),
    read: (epoch) => ask<JournalSegment[]>({ op: 'read', epoch }),
    epochs: () => ask<string[]>({ op: 'epochs' }),
    remove: (epoch, segments) => ask<void>({ op: 'remove', epoch, ...(segments ? { segments } : {}) })
  }
}
