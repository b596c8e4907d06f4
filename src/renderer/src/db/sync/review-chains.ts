import type { SchedulingState } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { forgetState, previewGrades, type Scheduler } from '@core/scheduling/scheduler'
import { cardStateFingerprint } from '@core/sync/card-replay'
import type { SchedulerOf } from '@core/sync/merged-collection'
import { deckOfKey } from '@core/sync/sync-state'
import { syncCardState } from '@db/sync/row-fields'
import type { OutboxEntry, SyncedReviewRecord } from '@db/sync/sync-records'
import { Rating } from 'ts-fsrs'

type ReviewEntry = Extract<OutboxEntry, { k: 'review' }>

/**
 * The states a card's reviews (in time order) took it through, from a new card: the last one is
 * `last` (the card as it is, when known). A log row holds the state graded from only in part, so
 * the states between are the scheduler's replay of the grades (a reset's, Forget; a reschedule's,
 * the next log's); they show nowhere but in a replay of a concurrent grade. Chained this way,
 * each review's `before` is the fingerprint of the state the one before it left, and every
 * device's replay keeps each recorded state (core/sync/card-replay.ts).
 */
export function chainedStates(
  scheduler: Scheduler,
  logs: ReadonlyArray<Omit<SyncedReviewRecord, 'id'>>,
  last: SchedulingState | undefined
): SchedulingState[] {
  let current: SchedulingState | undefined
  return logs.map((log, i) => {
    const at = Math.max(log.review, current?.last_review ?? -Infinity)
    let after: SchedulingState
    if (i === logs.length - 1 && last) after = last
    else if (log.manual === 'reset') after = forgetState(scheduler, current ?? newSchedulingState(at), at).next
    else if (log.rating === Rating.Manual) {
      const { state, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps } = logs[i + 1]!
      after = { ...(current ?? newSchedulingState(at)), state, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps }
    } else after = previewGrades(scheduler, current ?? newSchedulingState(at), at)[log.rating].next
    current = after
    return after
  })
}

/** A review entry of a chain: the fingerprint of the state before it, and the state after. */
export function chainedEntry(entry: ReviewEntry, states: readonly SchedulingState[], i: number): ReviewEntry {
  const previous = states[i - 1]
  return { ...entry, before: cardStateFingerprint(previous && syncCardState(previous)), after: syncCardState(states[i]!), history: true }
}

/**
 * Several reviews of one new card recorded by one write (a history imported from an Anki package)
 * share the card's state before and after that write. Each is given instead the state the review
 * before it left (`chainedStates`) and is stamped at its own time (`history`), as a history sent
 * at a link is: every device then keeps the recorded states instead of replaying the history, and
 * the card ends everywhere as it is here.
 */
export function chainImportedHistories(entries: readonly OutboxEntry[], schedulerOf: SchedulerOf): OutboxEntry[] {
  const groups = new Map<string, number[]>()
  entries.forEach((entry, i) => {
    if (entry.k !== 'review' || entry.history || !entry.after || entry.before !== cardStateFingerprint(undefined)) return
    const key = `${entry.row.cardKey}\n${entry.time}`
    ;(groups.get(key) ?? groups.set(key, []).get(key)!).push(i)
  })
  const chained = [...entries]
  for (const indexes of groups.values()) {
    if (indexes.length < 2) continue
    const group = indexes.map((i) => entries[i] as ReviewEntry).sort((a, b) => a.row.review - b.row.review || a.local - b.local)
    const card = group[0]!.row.cardKey
    const states = chainedStates(
      schedulerOf(deckOfKey(card)),
      group.map((entry) => entry.row),
      group.at(-1)!.after
    )
    // The chain takes the group's places in the outbox, in time order.
    indexes.forEach((place, i) => (chained[place] = chainedEntry(group[i]!, states, i)))
  }
  return chained
}
