import type { HistoryEntry } from '@core/scheduling/reschedule'
import { DAY_MS } from '@shared/durations'
import { createEmptyCard, Rating, State, type Card, type FSRS } from 'ts-fsrs'

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
 * A card's review history as Anki's card info shows it, replayed through ts-fsrs so that every
 * figure is the one the scheduler used. Manual rows are listed; a reset starts over from new.
 */
export function buildCardHistory(scheduler: FSRS, entries: readonly HistoryEntry[]): HistoryRow[] {
  const rows: HistoryRow[] = []
  let card: Card | null = null
  for (const entry of [...entries].sort((a, b) => a.review - b.review)) {
    const at = new Date(entry.review)
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
    const before: Card = card ?? createEmptyCard(at)
    const retrievability = before.state === State.New ? undefined : scheduler.get_retrievability(before, at, false)
    const after = scheduler.next(before, at, entry.rating).card
    rows.push({
      review: entry.review,
      rating: entry.rating,
      stateBefore: before.state,
      ...(retrievability !== undefined ? { retrievability } : {}),
      stability: after.stability,
      difficulty: after.difficulty,
      intervalDays: (after.due.getTime() - entry.review) / DAY_MS
    })
    card = after
  }
  return rows
}
