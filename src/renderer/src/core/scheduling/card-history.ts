import type { HistoryEntry } from '@core/scheduling/reschedule'
import { DAY_MS } from '@shared/durations'
import type { SchedulingState } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { nextState, retrievabilityOnDay, type Scheduler } from '@core/scheduling/scheduler'
import { Rating, State } from 'ts-fsrs'

export interface HistoryRow {
  review: number
  rating: Rating
  /** The card's state before this grade. */
  stateBefore: State
  /** Probability of recall at the moment of the grade; undefined for a new card. */
  retrievability?: number
  /** After the grade. */
  stability: number
  difficulty: number
  /** Time until the card was next due, in days (fractions for learning steps). */
  intervalDays: number
  manual?: 'reset' | 'reschedule'
}

/**
 * A card's review history as Anki's card info shows it, replayed through the deck's scheduler so
 * that every figure is the one it used. Manual rows are listed; a reset starts over from new.
 */
export function buildCardHistory(scheduler: Scheduler, entries: readonly HistoryEntry[]): HistoryRow[] {
  const rows: HistoryRow[] = []
  let card: SchedulingState | null = null
  for (const entry of [...entries].sort((a, b) => a.review - b.review)) {
    if (entry.rating === Rating.Manual) {
      if (entry.manual === 'reset') card = null
      rows.push({
        review: entry.review,
        rating: Rating.Manual,
        stateBefore: card?.state ?? State.New,
        stability: card?.stability ?? 0,
        difficulty: card?.difficulty ?? 0,
        intervalDays: 0,
        ...(entry.manual ? { manual: entry.manual } : {})
      })
      continue
    }
    const before: SchedulingState = card ?? newSchedulingState(entry.review)
    const retrievability = retrievabilityOnDay(scheduler, before, entry.review)
    const after = nextState(scheduler, before, entry.review, entry.rating)
    rows.push({
      review: entry.review,
      rating: entry.rating,
      stateBefore: before.state,
      ...(retrievability !== undefined ? { retrievability } : {}),
      stability: after.stability,
      difficulty: after.difficulty,
      intervalDays: (after.due - entry.review) / DAY_MS
    })
    card = after
  }
  return rows
}
