import type { ReviewDays } from '@core/stats/review-calendar'
import { previousStudyDay, studyDayOf } from '@core/time/study-day'

export interface Streaks {
  /** Consecutive study days with a grade, ending today, or yesterday while today has none yet. */
  current: number
  /** The longest such run ever. */
  longest: number
}

export function buildStreaks(gathered: ReviewDays, now: number): Streaks {
  const hour = gathered.dayStartsAtHour
  const active = (start: number) => (gathered.counts.get(start) ?? 0) > 0

  // Today not studied yet does not break the run that ended yesterday.
  let day = studyDayOf(now, hour)
  if (!active(day.start)) day = previousStudyDay(day, hour)
  let current = 0
  while (active(day.start)) {
    current++
    day = previousStudyDay(day, hour)
  }

  const starts = [...gathered.counts.keys()].filter(active).sort((a, b) => a - b)
  let longest = 0
  let run = 0
  let expected: number | undefined
  for (const start of starts) {
    run = start === expected ? run + 1 : 1
    longest = Math.max(longest, run)
    expected = studyDayOf(start, hour).end
  }
  return { current, longest }
}
