import { studyDayOf, type StudyDay } from '@core/day'

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
 * `studyDayOf` for times in any order: a rebuild reads logs by id, card after card, so consecutive
 * logs fall on far-apart days. Each UTC day is cut into the (at most three) study days it touches
 * once, and a time is placed by a short scan, so a million logs cost a few thousand date computations.
 */
export function createStudyDayLookup(dayStartsAtHour: number): (at: number) => StudyDay {
  const UTC_DAY = 86_400_000
  const cuts = new Map<number, StudyDay[]>()
  return (at) => {
    const utcDay = Math.floor(at / UTC_DAY)
    let days = cuts.get(utcDay)
    if (!days) {
      days = [studyDayOf(utcDay * UTC_DAY, dayStartsAtHour)]
      while (days.at(-1)!.end < (utcDay + 1) * UTC_DAY) days.push(studyDayOf(days.at(-1)!.end, dayStartsAtHour))
      cuts.set(utcDay, days)
    }
    for (const day of days) if (at >= day.start && at < day.end) return day
    throw new RangeError(`No study day contains ${at}`)
  }
}
