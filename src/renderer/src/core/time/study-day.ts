import { DAY_MS } from '@shared/durations'

/**
 * The study day. As in Anki, a day starts at a chosen local hour (default 4 am), so a late-night
 * session still counts as the same day. Bounds are computed with local calendar arithmetic, so a
 * day across a daylight-saving change is 23 or 25 hours long, never skipped or doubled.
 */
export const DEFAULT_DAY_STARTS_AT_HOUR = 4

export interface StudyDay {
  /** First millisecond of the study day. */
  start: number
  /** First millisecond of the next study day. */
  end: number
}

export function studyDayOf(now: number, dayStartsAtHour = DEFAULT_DAY_STARTS_AT_HOUR): StudyDay {
  const start = new Date(now)
  if (start.getHours() < dayStartsAtHour) start.setDate(start.getDate() - 1)
  start.setHours(dayStartsAtHour, 0, 0, 0)
  // The start hour can fall in a daylight-saving gap that ends off the hour (Chatham's 2:45 → 3:45,
  // Lord Howe's half hour); the clock then resolves it past `now`, so the day is the one before.
  if (start.getTime() > now) {
    start.setDate(start.getDate() - 1)
    start.setHours(dayStartsAtHour, 0, 0, 0)
  }
  const end = new Date(start)
  end.setDate(end.getDate() + 1)
  end.setHours(dayStartsAtHour, 0, 0, 0)
  return { start: start.getTime(), end: end.getTime() }
}

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
  return Math.round((then - today) / DAY_MS)
}

// Runs of study days, for charts and counts. A timestamp is placed in a day by searching the
// boundaries that studyDayOf gives, never by dividing milliseconds.

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
  const cuts = new Map<number, StudyDay[]>()
  return (at) => {
    const utcDay = Math.floor(at / DAY_MS)
    let days = cuts.get(utcDay)
    if (!days) {
      days = [studyDayOf(utcDay * DAY_MS, dayStartsAtHour)]
      while (days.at(-1)!.end < (utcDay + 1) * DAY_MS) days.push(studyDayOf(days.at(-1)!.end, dayStartsAtHour))
      cuts.set(utcDay, days)
    }
    for (const day of days) if (at >= day.start && at < day.end) return day
    throw new RangeError(`No study day contains ${at}`)
  }
}
