import { Rating } from 'ts-fsrs'
import type { OptimizerHistory } from '@shared/optimizer'
import { studyDayOf } from '@core/time/study-day'
import { gradesSinceReset, type HistoryEntry } from '@core/scheduling/reschedule'

/**
 * Turns cards' review logs into the optimizer's input: per card, its grades since the last reset
 * with the gap in study days before each (the day starts at the user's hour, as in Anki).
 */
export function trainingHistories(logsByCard: Iterable<readonly HistoryEntry[]>, dayStartsAtHour: number): OptimizerHistory[] {
  const histories: OptimizerHistory[] = []
  for (const logs of logsByCard) {
    const grades = gradesSinceReset(logs)
    if (grades.length === 0) continue
    let previousDay: number | null = null
    const history: OptimizerHistory = grades.map(({ rating, review }) => {
      const day = studyDayNumber(review, dayStartsAtHour)
      const deltaT = previousDay === null ? 0 : day - previousDay
      previousDay = day
      return { rating: rating as Exclude<Rating, Rating.Manual>, deltaT }
    })
    histories.push(history)
  }
  return histories
}

/** Days since a fixed local date, counted in study days (robust to DST: uses the calendar). */
function studyDayNumber(at: number, hour: number): number {
  const start = new Date(studyDayOf(at, hour).start)
  return Math.round(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate()) / 86_400_000)
}

/** Reviews the optimizer learns from: repeats of a card on a later study day. */
export function countLongTermReviews(histories: readonly OptimizerHistory[]): number {
  let n = 0
  for (const history of histories) for (const review of history) if (review.deltaT > 0) n++
  return n
}
