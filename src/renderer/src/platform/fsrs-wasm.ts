import {
  checkedParameters,
  flatTrainingItems,
  optimizerFailure,
  tooLittleHistory,
  type OptimizeResult,
  type OptimizerHistory,
  type OptimizerProgress
} from '@shared/optimizer'

/** What the optimizer's worker posts to the page: progress messages, then one result. */
export type OptimizerWorkerMessage = { kind: 'progress'; progress: OptimizerProgress } | { kind: 'result'; result: OptimizeResult }

/** What Recall uses of fsrs-browser (fsrs-rs built to WebAssembly) once its module is instantiated. */
export interface FsrsWasm {
  Fsrs: new () => {
    computeParameters(
      ratings: Uint32Array,
      deltaTs: Uint32Array,
      lengths: Uint32Array,
      progress: unknown,
      enableShortTerm: boolean
    ): Float32Array
  }
  Progress: { new: () => { pointer(): number } }
  memory: WebAssembly.Memory
}

/**
 * Fits FSRS parameters with fsrs-browser, on the calling thread and without its thread pool (which
 * needs a cross-origin-isolated page): the same fsrs-rs training as the desktop's binding, with
 * the same items, so the same parameters. The call blocks until the end; run it in a worker.
 *
 * Progress: fsrs-rs counts its batches in a pair of numbers inside the WebAssembly memory, which
 * only this thread can read (sharing that memory with the page needs cross-origin isolation). It
 * logs each finished epoch with console.info, synchronously, so that log is where the count is
 * read and passed on: five steps, one per epoch.
 */
export function trainInWasm(
  wasm: FsrsWasm,
  histories: readonly OptimizerHistory[],
  onProgress: (progress: OptimizerProgress) => void = () => undefined
): OptimizeResult {
  const refusal = tooLittleHistory(histories)
  if (refusal) return refusal
  const { ratings, deltaTs, lengths } = flatTrainingItems(histories)
  const progress = wasm.Progress.new()
  const pointer = progress.pointer()
  const info = console.info
  console.info = (...args: unknown[]) => {
    const [done, total] = new Uint32Array(wasm.memory.buffer, pointer, 2)
    if (total) onProgress({ done: Math.min(done!, total), total })
    info(...args)
  }
  try {
    return checkedParameters(new wasm.Fsrs().computeParameters(ratings, deltaTs, lengths, progress, true))
  } catch (error) {
    return optimizerFailure(error)
  } finally {
    console.info = info
  }
}
