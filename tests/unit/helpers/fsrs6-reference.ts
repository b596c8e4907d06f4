/**
 * FSRS-6, written for the tests from the published formulas and nothing else: it imports neither
 * ts-fsrs nor Recall, so that a golden test built on it can catch what ts-fsrs and Recall get
 * wrong together. Sources:
 *
 * - the FSRS wiki, "The Algorithm" (https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm),
 *   FSRS-6 section: the forgetting curve with a trainable decay w20, the same-day stability w17–w19;
 * - fsrs-rs (the Rust crate Anki uses), src/model.rs and src/inference.rs, for the clamps: stability
 *   in [0.001, 36500] after every step, difficulty in [1, 10], the post-lapse ceiling S / e^(w17·w18),
 *   and the mean reversion of difficulty towards D0(4) taken before clamping.
 *
 * Numbers are float64; fsrs-rs works in float32, hence the tolerances of the tests that compare.
 * Time is whole study days, as in fsrs-rs: 0 means a review on the same study day.
 */

export type Rating = 1 | 2 | 3 | 4
export const RATINGS: readonly Rating[] = [1, 2, 3, 4]

export interface Memory {
  stability: number
  difficulty: number
}

/**
 * FSRS-6's published default parameters, 21 numbers, w0…w20 (w20 is the decay):
 * fsrs-rs src/inference.rs `DEFAULT_PARAMETERS` (FSRS-6, with `FSRS6_DEFAULT_DECAY` 0.1542 last),
 * the same list as fsrs4anki's scheduler v6.1.1 (fsrs4anki_scheduler.js, `deckParams[0].w`) and
 * py-fsrs 6.x `DEFAULT_PARAMETERS`.
 */
export const FSRS6_DEFAULT_W: readonly number[] = Object.freeze([
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729,
  0.5425, 0.0912, 0.0658, 0.1542
])

export const S_MIN = 0.001
export const S_MAX = 36500

export interface Fsrs6Options {
  w?: readonly number[]
  /**
   * The lowest grade whose same-day stability increase is floored at 1. FSRS-6 as fsrs-rs, ts-fsrs
   * 5 and py-fsrs 6.3.2 compute it: 2, a passing Hard never lowers stability on the same day. The
   * wiki's wording ("SInc ≥ 1 when G ≥ 3") and fsrs-rs as built into @open-spaced-repetition/binding
   * 0.1.2: 3, a same-day Hard can (see srs-benchmark issue #343, py-fsrs pull request #155).
   */
  shortTermFloorFrom?: 2 | 3
}

export interface Fsrs6 {
  readonly w: readonly number[]
  /** −w20: the exponent of the forgetting curve. */
  readonly decay: number
  /** 0.9^(1/decay) − 1, so that R(S, S) = 0.9. */
  readonly factor: number
  /** R(t, S) = (1 + factor · t / S)^decay. */
  retrievability(elapsedDays: number, stability: number): number
  /** D0(G) = w4 − e^(w5·(G−1)) + 1, not clamped (the mean reversion targets D0(4) as it is). */
  initialDifficulty(rating: Rating): number
  /** The memory after one review `elapsedDays` study days after the last one (null: the first review). */
  next(memory: Memory | null, elapsedDays: number, rating: Rating): Memory
  /** The days after which recall falls to `retention`: S / factor · (retention^(1/decay) − 1). Not rounded. */
  intervalDays(stability: number, retention: number): number
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

export function fsrs6(options: Fsrs6Options = {}): Fsrs6 {
  const w = options.w ?? FSRS6_DEFAULT_W
  if (w.length !== 21) throw new RangeError(`FSRS-6 has 21 parameters, not ${w.length}`)
  const floorFrom = options.shortTermFloorFrom ?? 2
  const at = (i: number) => w[i]!
  const decay = -at(20)
  const factor = Math.pow(0.9, 1 / decay) - 1

  const retrievability = (t: number, s: number) => Math.pow(1 + (factor * t) / s, decay)
  const initialDifficulty = (g: Rating) => at(4) - Math.exp(at(5) * (g - 1)) + 1

  // Difficulty: the grade moves it by −w6·(G−3), damped linearly as it nears 10, then it is pulled
  // towards D0(4) by the weight w7 (mean reversion), then clamped to [1, 10].
  const nextDifficulty = (d: number, g: Rating) => {
    const delta = -at(6) * (g - 3)
    const damped = d + (delta * (10 - d)) / 9
    return clamp(at(7) * initialDifficulty(4) + (1 - at(7)) * damped, 1, 10)
  }

  // After a successful review on a later day: S · (1 + e^w8 · (11−D) · S^−w9 · (e^(w10·(1−R)) − 1) · w15 if Hard · w16 if Easy).
  const recallStability = (d: number, s: number, r: number, g: Rating) => {
    const hard = g === 2 ? at(15) : 1
    const easy = g === 4 ? at(16) : 1
    return s * (1 + Math.exp(at(8)) * (11 - d) * Math.pow(s, -at(9)) * (Math.exp(at(10) * (1 - r)) - 1) * hard * easy)
  }

  // After a lapse on a later day: w11 · D^−w12 · ((S+1)^w13 − 1) · e^(w14·(1−R)), never above S / e^(w17·w18).
  const forgetStability = (d: number, s: number, r: number) => {
    const lapse = at(11) * Math.pow(d, -at(12)) * (Math.pow(s + 1, at(13)) - 1) * Math.exp(at(14) * (1 - r))
    return Math.min(lapse, s / Math.exp(at(17) * at(18)))
  }

  // On the same study day (FSRS-6): SInc = e^(w17·(G−3+w18)) · S^−w19, at least 1 for a passing grade.
  const shortTermStability = (s: number, g: Rating) => {
    const sinc = Math.exp(at(17) * (g - 3 + at(18))) * Math.pow(s, -at(19))
    return s * (g >= floorFrom ? Math.max(sinc, 1) : sinc)
  }

  return {
    w,
    decay,
    factor,
    retrievability,
    initialDifficulty,
    next(memory, elapsedDays, rating) {
      if (!Number.isInteger(elapsedDays) || elapsedDays < 0) throw new RangeError(`elapsed days must be whole and ≥ 0: ${elapsedDays}`)
      if (!memory) return { stability: clamp(at(rating - 1), S_MIN, S_MAX), difficulty: clamp(initialDifficulty(rating), 1, 10) }
      const { stability: s, difficulty: d } = memory
      let stability: number
      if (elapsedDays === 0) stability = shortTermStability(s, rating)
      else {
        const r = retrievability(elapsedDays, s)
        stability = rating === 1 ? forgetStability(d, s, r) : recallStability(d, s, r, rating)
      }
      return { stability: clamp(stability, S_MIN, S_MAX), difficulty: nextDifficulty(d, rating) }
    },
    intervalDays: (stability, retention) => (stability / factor) * (Math.pow(retention, 1 / decay) - 1)
  }
}

/**
 * A whole-day interval as Anki makes one from FSRS's (fuzz off): rounded half up, at least
 * `minimum` (1, or the previous button's interval + 1), at most the deck's maximum.
 */
export function wholeDays(days: number, maximum: number, minimum = 1): number {
  return clamp(Math.round(days), Math.min(Math.max(1, minimum), maximum), maximum)
}
