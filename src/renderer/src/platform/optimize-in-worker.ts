import type { OptimizerWorkerMessage } from '@platform/fsrs-wasm'
import { untilAborted, type OptimizeOptions } from '@platform/platform'
import type { OptimizeResult, OptimizerHistory } from '@shared/optimizer'

/**
 * The browser's FSRS optimizer: fsrs-rs in WebAssembly, in a worker made for this one run (its
 * 1.7 MB of WebAssembly is fetched only then). Cancelling ends the worker, and the training with it.
 */
export function optimizeInWorker(histories: OptimizerHistory[], { onProgress, signal }: OptimizeOptions = {}): Promise<OptimizeResult> {
  const worker = new Worker(new URL('../workers/optimizer-worker.ts', import.meta.url), { type: 'module' })
  const work = new Promise<OptimizeResult>((resolve) => {
    worker.onmessage = (event: MessageEvent<OptimizerWorkerMessage>) => {
      if (event.data.kind === 'progress') return void onProgress?.(event.data.progress)
      worker.terminate()
      resolve(event.data.result)
    }
    worker.onerror = (event) => {
      worker.terminate()
      resolve({
        ok: false,
        message: `The optimizer could not run (${event.message || 'its worker stopped'}); your current parameters are kept.`
      })
    }
  })
  worker.postMessage(histories)
  return untilAborted(work, signal, () => worker.terminate())
}
