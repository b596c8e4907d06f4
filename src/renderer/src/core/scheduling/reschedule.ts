import { type SchedulingState, type StoredReviewLog } from '@core/model'
import { fromFsrsCard, fromFsrsLog, toFsrsCard } from '@core/scheduling/card-state'
import type { Scheduler } from '@core/scheduling/scheduler'
import { Rating, type FSRSHistory, type Grade } from 'ts-fsrs'

export interface HistoryEntry {
  rating: Rating
  review: number
  /** Manual rows: a reset starts the card's history again; a reschedule changes nothing. */
  manual?: 'reset' | 'reschedule'
}

/** The grades that shaped a card's current memory: everything since its last reset, in order. */
export function gradesSinceReset(history: readonly HistoryEntry[]): Array<{ rating: Grade; review: number }> {
  const sorted = [...history].sort((a, b) => a.review - b.review)
  let start = 0
  sorted.forEach((entry, i) => {
    if (entry.rating === Rating.Manual && entry.manual === 'reset') start = i + 1
  })
  return sorted
    .slice(start)
    .filter((e): e is HistoryEntry & { rating: Grade } => e.rating !== Rating.Manual)
    .map(({ rating, review }) => ({ rating, review }))
}

/**
 * Replays a card's own grades with new parameters (ts-fsrs `reschedule`), as Anki does when FSRS
 * parameters change. Returns the card's new state and the Manual log row that records the change,
 * or null when the card has no grades or nothing would change.
 */
export function rescheduleCard(
  scheduler: Scheduler,
  state: SchedulingState,
  history: readonly HistoryEntry[],
  now: number
): { next: SchedulingState; log: StoredReviewLog } | null {
  const grades = gradesSinceReset(history)
  if (grades.length === 0) return null
  const { clock } = scheduler
  const reviews: FSRSHistory[] = grades.map((g) => ({ rating: g.rating, review: new Date(clock.toClock(g.review)) }))
  const { reschedule_item } = scheduler.fsrs.reschedule(toFsrsCard(state, clock), reviews, {
    now: new Date(clock.toClock(now)),
    update_memory_state: true,
    skipManual: true
  })
  if (!reschedule_item) return null
  return { next: fromFsrsCard(reschedule_item.card, clock, now), log: fromFsrsLog(reschedule_item.log, state, now) }
}
