import { MIN_OPTIMIZER_REVIEWS, type OptimizeResult, type OptimizerHistory } from '@shared/optimizer'

/** The parts of @open-spaced-repetition/binding we use, so tests can pass the real module in. */
export interface OptimizerBinding {
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown
  FSRSBindingItem: new (reviews: unknown[]) => unknown
  computeParameters(items: unknown[], options: { enableShortTerm: boolean }): Promise<number[]>
}

/**
 * Fits FSRS parameters to a user's own history with the FSRS optimizer (Rust, through its Node
 * binding; it runs on a worker thread of libuv, so the window stays responsive). Each review after
 * a card's first becomes one training item holding the reviews before it.
 */
export async function optimizeParameters(histories: OptimizerHistory[], binding: OptimizerBinding): Promise<OptimizeResult> {
  const items: unknown[] = []
  let longTerm = 0
  for (const history of histories) {
    const reviews = history.map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT))
    for (let i = 1; i < reviews.length; i++) {
      if (history[i]!.deltaT > 0) longTerm++
      items.push(new binding.FSRSBindingItem(reviews.slice(0, i + 1)))
    }
  }
  if (longTerm < MIN_OPTIMIZER_REVIEWS) {
    return {
      ok: false,
      message: `Optimizing needs at least ${MIN_OPTIMIZER_REVIEWS} reviews of cards studied on an earlier day; this deck has ${longTerm}. Keep studying and try again later.`
    }
  }
  try {
    // No `timeout` option: binding 0.1.2 never resolves when one is given.
    const w = await binding.computeParameters(items, { enableShortTerm: true })
    if (w.length !== 21 || w.some((x) => !Number.isFinite(x)))
      return { ok: false, message: 'The optimizer returned unusable parameters; your current ones are kept.' }
    return { ok: true, w }
  } catch (error) {
    return {
      ok: false,
      message: `The optimizer failed (${error instanceof Error ? error.message : String(error)}); your current parameters are kept.`
    }
  }
}
