/**
 * How far the FSRS predictions are off for this user, learnt from their own answers: a logistic
 * calibration `P(recall) = σ(a · logit(R) + b)` of the retrievability R that FSRS predicted at
 * each review, fitted with a prior (a ≈ 1, b ≈ 0: FSRS is right on average) and summarised by its
 * posterior mean and covariance (Laplace's approximation). With few reviews the posterior is the
 * prior: the spread of learners around the weights in use. With many it narrows to what this
 * user's answers say, down to a floor for what a two-number correction cannot know (the shape of
 * the user's forgetting curve far beyond the intervals seen so far).
 */

/** One graded review: the recall FSRS predicted for it, and whether the answer was recalled (not Again). */
export interface ReviewEvidence {
  predicted: number
  recalled: boolean
  /** The task statement of the card's note, when it names one. */
  task?: string
}

export interface Calibration {
  /** Posterior mean of slope and offset. */
  a: number
  b: number
  /** Posterior covariance [[aa, ab], [ab, bb]], floor included. */
  cov: [number, number, number]
  reviews: number
}

/** The prior and floor: tuned with `npm run bench`'s readiness check, which simulates learners whose memory differs from the weights. */
export const CALIBRATION_PRIOR = { a: 1, sdA: 0.35, b: 0, sdB: 0.6, floorA: 0.03, floorB: 0.05 }

export const logit = (p: number) => Math.log(p / (1 - p))
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))
const clampP = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p))

/** Newton's method on the log posterior; a handful of steps converge (the problem is concave). */
export function calibrate(evidence: readonly ReviewEvidence[], prior = CALIBRATION_PRIOR): Calibration {
  const x = evidence.map((e) => logit(clampP(e.predicted)))
  const y = evidence.map((e) => (e.recalled ? 1 : 0))
  let a = prior.a
  let b = prior.b
  let hAA = 0
  let hAB = 0
  let hBB = 0
  for (let step = 0; step < 25; step++) {
    let gA = -(a - prior.a) / prior.sdA ** 2
    let gB = -(b - prior.b) / prior.sdB ** 2
    hAA = 1 / prior.sdA ** 2
    hAB = 0
    hBB = 1 / prior.sdB ** 2
    for (let i = 0; i < x.length; i++) {
      const p = sigmoid(a * x[i]! + b)
      const r = y[i]! - p
      const w = p * (1 - p)
      gA += r * x[i]!
      gB += r
      hAA += w * x[i]! * x[i]!
      hAB += w * x[i]!
      hBB += w
    }
    const det = hAA * hBB - hAB * hAB
    const dA = (hBB * gA - hAB * gB) / det
    const dB = (hAA * gB - hAB * gA) / det
    a += dA
    b += dB
    if (Math.abs(dA) + Math.abs(dB) < 1e-9) break
  }
  const det = hAA * hBB - hAB * hAB
  return {
    a,
    b,
    cov: [hBB / det + prior.floorA ** 2, -hAB / det, hAA / det + prior.floorB ** 2],
    reviews: evidence.length
  }
}
