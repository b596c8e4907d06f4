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
