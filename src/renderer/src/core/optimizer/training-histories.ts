import { gradesSinceReset, type HistoryEntry } from '@core/scheduling/reschedule'
import { createStudyClock } from '@core/time/study-clock'
import type { OptimizerHistory } from '@shared/optimizer'

/**
 * Turns cards' review logs into the optimizer's input: per card, its grades since the last reset
 * with the gap in study days before each (the day starts at the user's hour, as in Anki).
 */
export function trainingHistories(logsByCard: Iterable<readonly HistoryEntry[]>, dayStartsAtHour: number): OptimizerHistory[] {
  const histories: OptimizerHistory[] = []
  // The scheduler's own clock, so the optimizer learns from the days it schedules in.
  const clock = createStudyClock(dayStartsAtHour)
  for (const logs of logsByCard) {
    const grades = gradesSinceReset(logs)
    if (grades.length === 0) continue
    let previousDay: number | null = null
    const history: OptimizerHistory = grades.map(({ rating, review }) => {
      const day = clock.dayNumber(review)
      const deltaT = previousDay === null ? 0 : day - previousDay
      previousDay = day
      return { rating: rating, deltaT }
    })
    histories.push(history)
  }
  return histories
}
