import type { RecallDatabase } from '@db/database'
import type { BrowseCall, BrowseWorkerMessage, SearchAnswer, SearchRequest, Targets } from '@renderer/workers/browse-engine'

/** The card browser's search as the store calls it; see workers/browse-engine.ts. */
export interface BrowseEngineClient {
  open(onProgress?: (read: number) => void): Promise<void>
  /** Undefined when a newer search replaced this one before it ran. */
  search(request: SearchRequest): Promise<SearchAnswer | undefined>
  refresh(ids: readonly string[]): Promise<void>
  check(): Promise<boolean>
  save(): Promise<void>
  suspended(targets: Targets): Promise<{ count: number; suspended: number }>
  /** Lets the engine go (its worker ends once the cache is written). */
  close(): void
}

/** The worker itself stopped (it could not load, or crashed), as opposed to a call that failed in it. */
class WorkerStopped extends Error {}

/**
 * The engine in a worker, so that no search holds up the page; on the calling thread where there
 * are no workers (the unit tests), or if the worker cannot run here.
 */
export function startBrowseEngine(db: RecallDatabase): BrowseEngineClient {
  if (typeof Worker === 'undefined') return inThread(db)
  let backend = inWorker(db)
  let inThreadNow = false
  let progress: ((read: number) => void) | undefined
  // The worker opens IndexedDB on its own connection; a shell where the worker cannot run, or
  // cannot open the collection (its first opening fails), still has this thread.
  const guarded =
    <A extends unknown[], R>(call: (b: BrowseEngineClient, ...args: A) => Promise<R>, anyFailure = false) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(backend, ...args)
      } catch (error) {
        if (inThreadNow || !(error instanceof WorkerStopped || anyFailure)) throw error
        backend.close()
        backend = inThread(db)
        inThreadNow = true
        await backend.open(progress)
        return call(backend, ...args)
      }
    }
  return {
    open: guarded((b, onProgress?: (read: number) => void) => ((progress = onProgress), b.open(onProgress)), true),
    search: guarded((b, request: SearchRequest) => b.search(request)),
    refresh: guarded((b, ids: readonly string[]) => b.refresh(ids)),
    check: guarded((b) => b.check()),
    save: guarded((b) => b.save()),
    suspended: guarded((b, targets: Targets) => b.suspended(targets)),
    close: () => backend.close()
  }
}

function inThread(db: RecallDatabase): BrowseEngineClient {
  const engine = Promise.all([import('@renderer/workers/browse-engine'), import('@db/browse-cache')]).then(
    ([{ BrowseEngine }, { BrowseCacheDatabase }]) => new BrowseEngine(db, new BrowseCacheDatabase(db.name))
  )
  return {
    open: async (onProgress) => (await engine).open(onProgress),
    search: async (request) => (await engine).search(request),
    refresh: async (ids) => (await engine).refresh(ids),
    check: async () => (await engine).check(),
    save: async () => (await engine).save(),
    suspended: async (targets) => (await engine).suspended(targets),
    close: () => void engine.then((e) => e.save())
  }
}

function inWorker(db: RecallDatabase): BrowseEngineClient {
  const worker = new Worker(new URL('../workers/browse-worker.ts', import.meta.url), { type: 'module', name: 'browse' })
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let lastId = 0
  let lastSearch = 0
  let onProgress: ((read: number) => void) | undefined
  let stopped: WorkerStopped | undefined

  worker.onmessage = (event: MessageEvent<BrowseWorkerMessage>) => {
    const message = event.data
    if (message.kind === 'progress') return onProgress?.(message.read)
    const waiting = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) waiting?.reject(new Error(message.error))
    else waiting?.resolve(message.result)
  }
  worker.onerror = (event) => {
    event.preventDefault()
    stopped = new WorkerStopped(event.message || 'the browser’s worker stopped')
    for (const { reject } of pending.values()) reject(stopped)
    pending.clear()
  }
  let closed = false
  const call = <R>(message: BrowseCall): Promise<R> => {
    if (stopped) return Promise.reject(stopped)
    if (closed) return Promise.reject(new Error('Browse was closed'))
    return new Promise<R>((resolve, reject) => {
      const id = ++lastId
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ id, call: message })
    })
  }
  void call({ method: 'start', dbName: db.name }).catch(() => undefined)
  return {
    open: (progress) => ((onProgress = progress), call({ method: 'open' })),
    search: (request) => call({ method: 'search', seq: ++lastSearch, request }),
    refresh: (ids) => call({ method: 'refresh', ids }),
    check: () => call({ method: 'check' }),
    save: () => call({ method: 'save' }),
    suspended: (targets) => call({ method: 'suspended', targets }),
    close() {
      // What was asked before runs (the save last); anything asked after is refused, not left waiting.
      const saved = call({ method: 'save' })
      closed = true
      void saved
        .catch(() => undefined)
        .finally(() => {
          worker.terminate()
          for (const { reject } of pending.values()) reject(new Error('Browse was closed'))
          pending.clear()
        })
    }
  }
}
