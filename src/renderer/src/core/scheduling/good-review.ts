import type { SchedulingState } from '@core/model'
import { nextState, type Scheduler } from '@core/scheduling/scheduler'
import { DAY_MS } from '@shared/durations'
import { Rating, State } from 'ts-fsrs'

/**
 * `nextState(scheduler, state, at, Rating.Good)` for a simulation that answers every card Good
 * (the exam forecast), equal to it field for field. A card in review, nearly every grade of a
 * simulation, is computed with ts-fsrs's own arithmetic (`next_state`, `next_interval`) on the
 * study-day clock, without the four outcomes, their logs and `Date`s that a preview builds: at
 * 100,000 cards that was most of the exam screen. Needs a scheduler without fuzz or load
 * balancing (a simulation's); any other card, or such a scheduler, goes through `nextState`.
 */
export function goodOutcome(scheduler: Scheduler, state: SchedulingState, at: number): SchedulingState {
  const { fsrs, clock, balance } = scheduler
  if (state.state !== State.Review || state.last_review === undefined || balance || fsrs.parameters.enable_fuzz) {
    return nextState(scheduler, state, at, Rating.Good)
  }
  const now = Math.max(at, state.last_review)
  const reviewedAt = clock.toClock(now)
  // ts-fsrs counts whole UTC calendar days between the two clock times (`dateDiffInDays`).
  const elapsed = Math.floor(reviewedAt / DAY_MS) - Math.floor(clock.toClock(state.last_review) / DAY_MS)
  const memory = { difficulty: state.difficulty, stability: state.stability }
  const r = fsrs.forgetting_curve(elapsed, state.stability)
  const hard = fsrs.next_state(memory, elapsed, Rating.Hard, r)
  const good = fsrs.next_state(memory, elapsed, Rating.Good, r)
  // ts-fsrs's review intervals keep Good at least a day longer than Hard (Good may then pass the
  // maximum by a day); placeReviews without balancing brings it back within the maximum.
  const hardDays = fsrs.next_interval(hard.stability, elapsed)
  const goodDays = fsrs.next_interval(good.stability, elapsed)
  const days = Math.min(Math.max(goodDays, Math.min(hardDays, goodDays) + 1), fsrs.parameters.maximum_interval)
  return {
    due: clock.fromClock(reviewedAt + days * DAY_MS),
    stability: good.stability,
    difficulty: good.difficulty,
    elapsed_days: elapsed,
    scheduled_days: days,
    learning_steps: 0,
    reps: state.reps + 1,
    lapses: state.lapses,
    state: State.Review,
    last_review: now
  }
}
