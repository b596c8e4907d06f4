import type { ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'

/** Parses a deck file in a worker; one worker per file, ended when it answers. */
export function readDeckInWorker(file: { name: string; bytes: Uint8Array }): Promise<ImportResult<Deck>> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../workers/import-worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<ImportResult<Deck>>) => {
      worker.terminate()
      resolve(event.data)
    }
    worker.onerror = (event) => {
      worker.terminate()
      resolve({ problems: [{ file: file.name, message: `the file could not be read (${event.message || 'the reader stopped'})` }] })
    }
    worker.postMessage(file, [file.bytes.buffer])
  })
}
