/**
 * Runs steps (a generator that yields between pieces of its work) to its end, giving the thread
 * back for a task whenever it has run `sliceMs` without a break: long work on the page's thread
 * (reading a sync folder) then leaves the page answering keys and painting in between. The steps
 * must not expect anything else to stand still while they pause.
 */
export async function inSlices<T>(steps: Generator<unknown, T>, sliceMs = 30): Promise<T> {
  let sliceStart = performance.now()
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      sliceStart = performance.now()
    }
  }
}

/** Runs steps to their end at once, without pauses: the same work for a caller off the page's thread (tests, Node). */
export function allSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}
