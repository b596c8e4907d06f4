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
export const MIN_OPTIMIZER_REVIEWS = 400

export type OptimizeResult = { ok: true; w: number[] } | { ok: false; message: string }
