/**
 * What the FSRS optimizer needs of a card's history: each grade (1–4) and the number of study
 * days since the previous grade (0 for the first, and for a repeat on the same day).
 */
interface OptimizerReview {
  rating: 1 | 2 | 3 | 4
  deltaT: number
}

export type OptimizerHistory = OptimizerReview[]

/** Fewer reviews than this (of cards seen on an earlier day) give parameters worse than the defaults. */
const MIN_OPTIMIZER_REVIEWS = 400

export type OptimizeResult = { ok: true; w: number[] } | { ok: false; message: string }

/** How far a training has gone, in the optimizer's own steps (batches of items over its epochs). */
export interface OptimizerProgress {
  done: number
  total: number
}

/**
 * Whether review `i` of a history is a training item: fsrs-rs learns to predict each review on a
 * later day than the one before it (deltaT > 0), from the card's reviews up to it, as Anki builds
 * them. Same-day reviews take part only as history. An item ending on a same-day review makes
 * fsrs-rs's training loss NaN (it then returns the defaults unchanged), and an item with no
 * later-day review at all makes it panic, which aborts the whole process that runs the binding.
 */
export function isTrainingItem(history: OptimizerHistory, i: number): boolean {
  return i > 0 && history[i]!.deltaT > 0
}

/** The number of training items (= reviews on a later day than the card's previous one). */
export function countTrainingItems(histories: readonly OptimizerHistory[]): number {
  let n = 0
  for (const history of histories) for (let i = 1; i < history.length; i++) if (isTrainingItem(history, i)) n++
  return n
}

/** The polite refusal when there is too little history, or null when there is enough. */
export function tooLittleHistory(histories: readonly OptimizerHistory[]): OptimizeResult | null {
  const items = countTrainingItems(histories)
  if (items >= MIN_OPTIMIZER_REVIEWS) return null
  return {
    ok: false,
    message: `Optimizing needs at least ${MIN_OPTIMIZER_REVIEWS} reviews of cards studied on an earlier day; this deck has ${items}. Keep studying and try again later.`
  }
}

/** The optimizer's answer checked: 21 finite numbers, or a message saying the current ones stay. */
export function checkedParameters(w: ArrayLike<number>): OptimizeResult {
  const list = Array.from(w)
  if (list.length !== 21 || list.some((x) => !Number.isFinite(x)))
    return { ok: false, message: 'The optimizer returned unusable parameters; your current ones are kept.' }
  return { ok: true, w: list }
}

export function optimizerFailure(error: unknown): OptimizeResult {
  return {
    ok: false,
    message: `The optimizer failed (${error instanceof Error ? error.message : String(error)}); your current parameters are kept.`
  }
}

/**
 * The training items laid end to end, as fsrs-browser's `computeParameters` takes them: every
 * item's ratings and day gaps one after another, and each item's length.
 */
export function flatTrainingItems(histories: readonly OptimizerHistory[]): {
  ratings: Uint32Array
  deltaTs: Uint32Array
  lengths: Uint32Array
} {
  let items = 0
  let reviews = 0
  for (const history of histories)
    for (let i = 1; i < history.length; i++)
      if (isTrainingItem(history, i)) {
        items++
        reviews += i + 1
      }
  const ratings = new Uint32Array(reviews)
  const deltaTs = new Uint32Array(reviews)
  const lengths = new Uint32Array(items)
  let at = 0
  let item = 0
  for (const history of histories)
    for (let i = 1; i < history.length; i++) {
      if (!isTrainingItem(history, i)) continue
      for (let j = 0; j <= i; j++) {
        ratings[at] = history[j]!.rating
        deltaTs[at] = history[j]!.deltaT
        at++
      }
      lengths[item++] = i + 1
    }
  return { ratings, deltaTs, lengths }
}
