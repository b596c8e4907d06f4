import { studyDayOf, type StudyDay } from '../day'

/**
 * Runs of study days for charts. Every boundary comes from `studyDayOf`, so a day across a
 * daylight-saving change is 23 or 25 hours long; a timestamp is placed in a day by searching the
 * boundaries, never by dividing milliseconds.
 */

/** The study day after `day`. */
export function nextStudyDay(day: StudyDay, dayStartsAtHour: number): StudyDay {
  return studyDayOf(day.end, dayStartsAtHour)
}

/** The study day before `day`. */
export function previousStudyDay(day: StudyDay, dayStartsAtHour: number): StudyDay {
  return studyDayOf(day.start - 1, dayStartsAtHour)
}

/** `count` study days, oldest first, the last one containing `now`. */
export function studyDaysBack(now: number, count: number, dayStartsAtHour: number): StudyDay[] {
  const days: StudyDay[] = []
  let day = studyDayOf(now, dayStartsAtHour)
  for (let i = 0; i < count; i++) {
    days.push(day)
    day = previousStudyDay(day, dayStartsAtHour)
  }
  return days.reverse()
}

/** `count` study days, the first one containing `now`. */
export function studyDaysAhead(now: number, count: number, dayStartsAtHour: number): StudyDay[] {
  const days: StudyDay[] = []
  let day = studyDayOf(now, dayStartsAtHour)
  for (let i = 0; i < count; i++) {
    days.push(day)
    day = nextStudyDay(day, dayStartsAtHour)
  }
  return days
}

/** Index of the day containing `at` in consecutive `days`, or -1 when `at` is outside them. */
export function dayIndexOf(days: readonly StudyDay[], at: number): number {
  let lo = 0
  let hi = days.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const day = days[mid]!
    if (at < day.start) hi = mid - 1
    else if (at >= day.end) lo = mid + 1
    else return mid
  }
  return -1
}

/**
 * `studyDayOf` with a one-day memory. Review logs read through a time index arrive in order, so
 * most lookups hit the remembered day and a million logs cost a few thousand date computations.
 */
export function createStudyDayLookup(dayStartsAtHour: number): (at: number) => StudyDay {
  let last: StudyDay | undefined
  return (at) => {
    if (!last || at < last.start || at >= last.end) last = studyDayOf(at, dayStartsAtHour)
    return last
  }
}
