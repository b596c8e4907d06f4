import { date_diff, default_w, forgetting_curve, State } from 'ts-fsrs'
import type { SchedulingState } from '../card-state'

export type MemoryState = Pick<SchedulingState, 'state' | 'stability' | 'last_review'>

/**
 * The probability of recalling a card at `at`, exactly as ts-fsrs's `get_retrievability` computes
 * it (whole days since the last review on its forgetting curve), without building a `Card` and two
 * `Date`s per card: stats and the exam forecast call this for every card. A card never studied
 * has nothing to recall, so 0.
 */
export function retrievabilityAt(card: MemoryState, at: number, w: readonly number[] = default_w): number {
  if (card.state === State.New || card.last_review === undefined) return 0
  const elapsedDays = Math.max(date_diff(at, card.last_review, 'days'), 0)
  return forgetting_curve(w, elapsedDays, +card.stability.toFixed(8))
}
