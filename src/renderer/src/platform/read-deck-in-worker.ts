import type { ReadDeckOptions } from '@platform/platform'
import type { ImportProgress } from '@shared/deck/import-progress'
import type { ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'

export type ImportWorkerMessage = { kind: 'progress'; progress: ImportProgress } | { kind: 'result'; result: ImportResult<Deck> }

/** What reading resolves with once its caller cancelled it: no deck, and nothing was stored. */
const CANCELLED_READ: ImportResult<Deck> = { problems: [] }

/**
 * Parses a deck file in a worker; one worker per file, ended when it answers or when `signal`
 * aborts (the read then resolves at once with CANCELLED_READ).
 */
export function readDeckInWorker(
  file: { name: string; bytes: Uint8Array },
  { onProgress, signal, csv }: ReadDeckOptions = {}
): Promise<ImportResult<Deck>> {
  if (signal?.aborted) return Promise.resolve(CANCELLED_READ)
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../workers/import-worker.ts', import.meta.url), { type: 'module' })
    const finish = (result: ImportResult<Deck>) => {
      worker.terminate()
      signal?.removeEventListener('abort', cancel)
      resolve(result)
    }
    const cancel = () => finish(CANCELLED_READ)
    signal?.addEventListener('abort', cancel, { once: true })
    worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
      if (event.data.kind === 'progress') onProgress?.(event.data.progress)
      else finish(event.data.result)
    }
    worker.onerror = (event) => {
      finish({ problems: [{ file: file.name, message: `the file could not be read (${event.message || 'the reader stopped'})` }] })
    }
    worker.postMessage(csv ? { ...file, csv } : file, [file.bytes.buffer])
  })
}
