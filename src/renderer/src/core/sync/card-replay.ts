import type { SchedulingState, StoredReviewLog } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { atUtcOffset, previewGrades, type Scheduler } from '@core/scheduling/scheduler'
import type { ReviewChange, SyncCardState } from '@shared/sync/changes'
import { crc32Hex } from '@shared/sync/crc32'
import { Rating, State, type Grade } from 'ts-fsrs'

/** One review of a card's merged history, with the state it left the card in. */
interface ReplayedReview {
  change: ReviewChange
  /** The review-log row: the device's own, or the one the replay computed. */
  log: StoredReviewLog
  after: SchedulingState
  /** True when the replay computed the grade again, from a state other than the one the device graded. */
  replayed: boolean
}

export interface ReplayedCard {
  /** The card's state after its last review. */
  state: SchedulingState
  reviews: ReplayedReview[]
}

/**
 * The fingerprint of the state a card was graded from (`before` of a review change). Every new
 * card reads the same, whatever its due time: grading a new card does not depend on it.
 */
export function cardStateFingerprint(state: SyncCardState | undefined): string {
  if (!state || ((state.state as State) === State.New && state.reps === 0)) return 'new'
  const { due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, last_review } = state
  return crc32Hex(
    [due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state.state, last_review].join(',')
  )
}

/** Stamps are unique to a change, and order them in time: wall clock, then counter, then device. */
function byStamp(a: { at: string }, b: { at: string }): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0
}

/**
 * A card's state as the replay of its merged reviews, in the order of their stamps (the order in
 * time, on clocks kept in step by the hybrid logical clock, so a grade comes after every grade its
 * device had seen), through the deck's scheduler on the study-day clock.
 *
 * A grade given from exactly the state the replay has reached (its `before` fingerprint matches)
 * keeps the state its device gave it — the one the study screen showed, placed by the load
 * balancer with that session's day loads, which a replay cannot know. A grade given from another
 * state (two machines studied the card offline) is computed again from the replayed state at its
 * time, on the study days of the device that gave it (its UTC offset then: `zone`), which every
 * machine counts alike whatever its own time zone. A manual change (a reset, Set due date, a
 * reschedule) keeps its state: the person chose it. Times never run backwards within a card: a
 * grade timed before the state it follows (a clock behind) is replayed at that state's time.
 */
export function replayCard(scheduler: Scheduler, reviews: readonly ReviewChange[]): ReplayedCard | undefined {
  const replayed: ReplayedReview[] = []
  let state: SchedulingState | undefined
  let time = -Infinity
  for (const change of [...reviews].sort(byStamp)) {
    const at = Math.max(change.review, time, state?.last_review ?? -Infinity)
    const manual = (change.rating as Rating) === Rating.Manual || change.manual !== undefined
    if (manual || change.before === cardStateFingerprint(state)) {
      const after: SchedulingState = { ...change.after }
      replayed.push({ change, log: { ...change.log, rating: change.rating, review: change.review }, after, replayed: false })
      state = after
    } else {
      const outcome = previewGrades(atUtcOffset(scheduler, change.zone ?? 0), state ?? newSchedulingState(at), at)[change.rating as Grade]
      replayed.push({ change, log: { ...outcome.log, review: change.review }, after: outcome.next, replayed: true })
      state = outcome.next
    }
    time = at
  }
  return state ? { state, reviews: replayed } : undefined
}
