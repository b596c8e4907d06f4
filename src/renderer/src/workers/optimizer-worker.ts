/// <reference lib="webworker" />
import { trainInWasm, type OptimizerWorkerMessage } from '@platform/fsrs-wasm'
import { optimizerFailure, type OptimizerHistory } from '@shared/optimizer'
import init, { Fsrs, Progress } from 'fsrs-browser'
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url'

/**
 * Runs the FSRS optimizer (fsrs-rs in WebAssembly) off the UI thread. The page posts the
 * histories; the worker answers with progress messages, then one result. The page ends the worker
 * to cancel: the training stops at once.
 */
self.onmessage = async (event: MessageEvent<OptimizerHistory[]>) => {
  const post = (message: OptimizerWorkerMessage) => self.postMessage(message)
  try {
    const { memory } = await init({ module_or_path: wasmUrl })
    const result = trainInWasm({ Fsrs, Progress, memory }, event.data, (progress) => post({ kind: 'progress', progress }))
    post({ kind: 'result', result })
  } catch (error) {
    post({ kind: 'result', result: optimizerFailure(error) })
  }
}
