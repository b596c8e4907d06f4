import type { SchedulingState } from '@core/model'
import { default_w, State } from 'ts-fsrs'

export type MemoryState = Pick<SchedulingState, 'state' | 'stability' | 'last_review'>

const DAY_MS = 24 * 60 * 60 * 1000

/** ts-fsrs's rounding of its curve's numbers (`roundTo`). */
const roundTo = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals

/** The forgetting curve's decay and factor of a weight set, as ts-fsrs derives them; once per set. */
const curves = new WeakMap<readonly number[], { decay: number; factor: number }>()
function curveOf(w: readonly number[]) {
  let curve = curves.get(w)
  if (!curve) {
    const decay = -w[20]!
    curve = { decay, factor: roundTo(Math.exp(Math.pow(decay, -1) * Math.log(0.9)) - 1, 8) }
    curves.set(w, curve)
  }
  return curve
}

/**
 * The probability of recalling a card at `at`: the FSRS-6 forgetting curve,
 * R = (1 + factor · t / S)^(−w20), at the time elapsed since the last review in days *with their
 * fraction*, as fsrs-rs and Anki's browser compute it. (ts-fsrs's `get_retrievability` rounds t
 * down to whole days, which for an exam at 9:00 reviewed at 20:00 the day before counts no time
 * at all.) No `Card`, no `Date`s, and the curve's constants derived once per weight set: stats and
 * the exam forecast call this for every card. A card never studied has nothing to recall, so 0.
 */
export function retrievabilityAt(card: MemoryState, at: number, w: readonly number[] = default_w): number {
  if (card.state === State.New || card.last_review === undefined) return 0
  return recallSince(card.last_review, card.stability, at, w)
}

/** `retrievabilityAt` of a studied card reviewed last at `lastReview`, from its values rather than an object (the card columns' walks). */
export function recallSince(lastReview: number, stability: number, at: number, w: readonly number[]): number {
  const elapsedDays = Math.max(at - lastReview, 0) / DAY_MS
  return forgettingCurve(w, elapsedDays, stability)
}

/** The FSRS-6 forgetting curve: recall probability `elapsedDays` after a review that left stability `stability`. */
export function forgettingCurve(w: readonly number[], elapsedDays: number, stability: number): number {
  const { decay, factor } = curveOf(w)
  return roundTo(Math.pow(1 + (factor * Math.max(elapsedDays, 0)) / stability, decay), 8)
}
