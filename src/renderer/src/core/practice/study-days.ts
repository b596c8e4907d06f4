import { studyDayOf } from '@core/day'

/**
 * Whole study days forward and back from today, by local calendar arithmetic (as in day.ts), so
 * a day across a daylight-saving change still counts as one day.
 * These belong next to `studyDayOf` in core/day.ts; they live here until that file can change.
 */

/** The first millisecond of the study day `offset` days after the one holding `now` (negative: before). */
export function studyDayStart(now: number, offset: number, dayStartsAtHour: number): number {
  const start = new Date(studyDayOf(now, dayStartsAtHour).start)
  start.setDate(start.getDate() + offset)
  start.setHours(dayStartsAtHour, 0, 0, 0)
  return start.getTime()
}

/** How many study days `at` falls after today: 0 today, 1 tomorrow, -1 yesterday. */
export function studyDaysFromToday(at: number, now: number, dayStartsAtHour: number): number {
  const today = studyDayOf(now, dayStartsAtHour).start
  const then = studyDayOf(at, dayStartsAtHour).start
  // Days are 23–25 hours long; rounding absorbs the hour a daylight-saving change adds or takes.
  return Math.round((then - today) / 86_400_000)
}
