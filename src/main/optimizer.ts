import {
  checkedParameters,
  isTrainingItem,
  optimizerFailure,
  tooLittleHistory,
  type OptimizeResult,
  type OptimizerHistory,
  type OptimizerProgress
} from '@shared/optimizer'

/** The parts of @open-spaced-repetition/binding we use, so tests can pass the real module in. */
export interface OptimizerBinding {
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown
  FSRSBindingItem: new (reviews: unknown[]) => unknown
  computeParameters(
    items: unknown[],
    options: { enableShortTerm: boolean; progress?: (current: number, total: number) => void }
  ): Promise<number[]>
}

/**
 * Fits FSRS parameters to a user's own history with the FSRS optimizer (Rust, through its Node
 * binding; it runs on a worker thread of libuv, so the window stays responsive). Each review on a
 * later day than the card's previous one becomes a training item holding the reviews up to it
 * (`isTrainingItem`). `onProgress` hears how far the training has gone, every half second or so.
 */
export async function optimizeParameters(
  histories: OptimizerHistory[],
  binding: OptimizerBinding,
  onProgress?: (progress: OptimizerProgress) => void
): Promise<OptimizeResult> {
  const refusal = tooLittleHistory(histories)
  if (refusal) return refusal
  const items: unknown[] = []
  for (const history of histories) {
    const reviews = history.map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT))
    for (let i = 1; i < reviews.length; i++)
      if (isTrainingItem(history, i)) items.push(new binding.FSRSBindingItem(reviews.slice(0, i + 1)))
  }
  try {
    // No `timeout` option: binding 0.1.2 never resolves when one is given. Nor can a training be
    // stopped once started: it runs to its end.
    const progress = onProgress && ((done: number, total: number) => onProgress({ done, total }))
    return checkedParameters(await binding.computeParameters(items, { enableShortTerm: true, ...(progress ? { progress } : {}) }))
  } catch (error) {
    return optimizerFailure(error)
  }
}

export const OPTIMIZER_BUSY_MESSAGE =
  'The previous optimization is still finishing in the background (the desktop optimizer cannot be stopped once it has started). Try again in a moment.'

/**
 * One training at a time: the binding cannot be stopped, so a run the page cancelled goes on to its
 * end, and a new request meanwhile is refused with a message rather than run beside it.
 */
export function singleOptimizer(loadBinding: () => Promise<OptimizerBinding>) {
  let running = false
  return async (histories: OptimizerHistory[], onProgress?: (progress: OptimizerProgress) => void): Promise<OptimizeResult> => {
    if (running) return { ok: false, message: OPTIMIZER_BUSY_MESSAGE }
    running = true
    try {
      const binding = await loadBinding().catch((error: unknown) => error as Error)
      if (binding instanceof Error) return optimizerFailure(binding)
      return await optimizeParameters(histories, binding, onProgress)
    } finally {
      running = false
    }
  }
}
