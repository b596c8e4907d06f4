import { gradesSinceReset, type HistoryEntry } from '@core/scheduling/reschedule'
import { studyDayOf } from '@core/time/study-day'
import { DAY_MS } from '@shared/durations'
import type { OptimizerHistory } from '@shared/optimizer'

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
      return { rating: rating, deltaT }
    })
    histories.push(history)
  }
  return histories
}

/** Days since a fixed local date, counted in study days (robust to DST: uses the calendar). */
function studyDayNumber(at: number, hour: number): number {
  const start = new Date(studyDayOf(at, hour).start)
  return Math.round(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate()) / DAY_MS)
}
