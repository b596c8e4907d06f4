import { createStudyDayLookup, studyDayOf, type StudyDay } from '@core/time/study-day'
import { DAY_MS } from '@shared/durations'

/**
 * The study-day clock: the time ts-fsrs is given. ts-fsrs counts elapsed days between UTC calendar
 * dates, so it is fed times on which every study day is exactly 24 hours and starts at a UTC
 * midnight: study day n (n = days since 1970-01-01 of the local date the study day starts on) runs
 * from n × 24 h to (n + 1) × 24 h, and a moment sits at the same fraction of its study day on both
 * clocks. Elapsed days, due days and fuzz then count study days, in the user's time zone, from the
 * "next day starts at" hour, across daylight-saving changes (a 23- or 25-hour day is stretched to
 * 24 clock hours). On an ordinary day the offset within the day is kept to the millisecond.
 */
export interface StudyClock {
  readonly dayStartsAtHour: number
  /** A real time (epoch ms) on the study-day clock. */
  toClock(at: number): number
  /** A time on the study-day clock back to a real time: the same fraction of the same study day. */
  fromClock(at: number): number
  /** The study day's number: whole days since 1970-01-01 of the local date it starts on. */
  dayNumber(at: number): number
}

export function createStudyClock(dayStartsAtHour: number): StudyClock {
  const dayOf = createStudyDayLookup(dayStartsAtHour)
  const byNumber = new Map<number, StudyDay>()
  // The lookup hands out the same StudyDay objects, so each day's number is computed once.
  const numbers = new WeakMap<StudyDay, number>()

  const numberOf = (day: StudyDay) => {
    let n = numbers.get(day)
    if (n === undefined) {
      const start = new Date(day.start)
      n = Math.round(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate()) / DAY_MS)
      numbers.set(day, n)
    }
    return n
  }

  const dayNumbered = (n: number): StudyDay => {
    let day = byNumber.get(n)
    if (!day) {
      const date = new Date(n * DAY_MS)
      // The local wall-clock time the study day starts at; in a daylight-saving gap the Date
      // resolves it forward, which studyDayOf then places in the right day.
      const start = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), dayStartsAtHour).getTime()
      day = studyDayOf(start, dayStartsAtHour)
      if (numberOf(day) !== n) day = studyDayOf(day.end, dayStartsAtHour)
      byNumber.set(n, day)
    }
    return day
  }

  return {
    dayStartsAtHour,
    toClock(at) {
      const day = dayOf(at)
      const length = day.end - day.start
      const offset = at - day.start
      return numberOf(day) * DAY_MS + (length === DAY_MS ? offset : Math.floor((offset * DAY_MS) / length))
    },
    fromClock(at) {
      const n = Math.floor(at / DAY_MS)
      const offset = at - n * DAY_MS
      const day = dayNumbered(n)
      const length = day.end - day.start
      return day.start + (length === DAY_MS ? offset : Math.floor((offset * length) / DAY_MS))
    },
    dayNumber: (at) => numberOf(dayOf(at))
  }
}

/**
 * A study-day clock at a fixed offset from UTC (minutes east of Greenwich), whatever the time zone
 * of the machine that reads it. Its days are all 24 hours: on a day without a daylight-saving
 * change it reads exactly as `createStudyClock` does in a zone at that offset. A sync replays a
 * grade on the clock of the device that gave it (`core/sync/card-replay.ts`), so that machines in
 * different time zones count the same study days.
 */
export function createFixedOffsetClock(dayStartsAtHour: number, offsetMinutes: number): StudyClock {
  const shift = offsetMinutes * 60_000 - dayStartsAtHour * 3_600_000
  return {
    dayStartsAtHour,
    toClock: (at) => at + shift,
    fromClock: (at) => at - shift,
    dayNumber: (at) => Math.floor((at + shift) / DAY_MS)
  }
}
