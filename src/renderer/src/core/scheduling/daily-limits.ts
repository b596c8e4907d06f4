import type { StudyOptions } from '@core/model'
import { Rating, State } from 'ts-fsrs'

/** What the day's limits leave, given what was already studied today. */
export interface DailyAllowance {
  newCards: number
  reviews: number
}

export interface StudiedToday {
  /** New cards seen for the first time today. */
  newCards: number
  /** Reviews of cards that were in the review state. */
  reviews: number
}

export function allowanceFor(options: Pick<StudyOptions, 'newCardsPerDay' | 'reviewsPerDay'>, studied: StudiedToday): DailyAllowance {
  return {
    newCards: Math.max(0, options.newCardsPerDay - studied.newCards),
    reviews: Math.max(0, options.reviewsPerDay - studied.reviews)
  }
}

/**
 * Tallies today's review logs (their `state` is the card's state before the grade). Manual
 * entries (a reset or a reschedule) are not study and do not use up the day's limits.
 */
export function tallyStudiedToday(logs: Iterable<{ state: State; rating: Rating }>): StudiedToday {
  const studied: StudiedToday = { newCards: 0, reviews: 0 }
  for (const { state, rating } of logs) {
    if (rating === Rating.Manual) continue
    if (state === State.New) studied.newCards++
    else if (state === State.Review) studied.reviews++
  }
  return studied
}
