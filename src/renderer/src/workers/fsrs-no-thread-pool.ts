/**
 * Stands in for fsrs-browser's thread-pool helper (wasm-bindgen-rayon's `workerHelpers.js`, swapped
 * in by scripts/renderer-config.ts). Recall runs fsrs-rs on one thread in its own worker: a thread
 * pool needs a cross-origin-isolated page, and the helper's nested worker would re-import the whole
 * package, which the workers' build cannot split. `initThreadPool` is never called.
 */
export function startWorkers(): Promise<never> {
  return Promise.reject(new Error('Recall runs the FSRS optimizer without a thread pool'))
}
