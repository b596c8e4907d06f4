import { startEvaluation } from '@core/optimizer/evaluate'
import { optimizeInWorker } from '@platform/optimize-in-worker'
import { syntheticHistories } from '../synthetic-reviews'

/**
 * The web build's optimizer in this page, as the app runs it: fsrs-rs in WebAssembly in a fresh
 * worker (its fetch and compile included), then the comparison of one parameter set on the page's
 * thread a slice of cards at a time, as the store does (the pauses between slices included).
 */
export async function optimizeWeb(reviews: number) {
  const histories = syntheticHistories(reviews)
  let progressReports = 0
  let start = performance.now()
  const result = await optimizeInWorker(histories, { onProgress: () => progressReports++ })
  const trainSeconds = (performance.now() - start) / 1000
  if (!result.ok) throw new Error(result.message)
  start = performance.now()
  const evaluation = startEvaluation(result.w, histories)
  while (evaluation.step(4000)) await new Promise((resolve) => setTimeout(resolve, 0))
  const evaluateSeconds = (performance.now() - start) / 1000
  return { trainSeconds, evaluateSeconds, cards: histories.length, progressReports, w: result.w }
}
