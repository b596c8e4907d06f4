import { DEFAULT_STUDY_OPTIONS, type SchedulingState } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { createStudyClock } from '@core/time/study-clock'
import { Rating, State } from 'ts-fsrs'
import { afterEach, describe, expect, it } from 'vitest'

const DAY = 86_400_000
const HOUR = 3_600_000
const original = process.env.TZ

/** Runs `fn` with the process in time zone `tz` (Node applies a change of TZ at once). */
function inZone<T>(tz: string, fn: () => T): T {
  process.env.TZ = tz
  return fn()
}
afterEach(() => {
  process.env.TZ = original
})

/** Local wall-clock time in the current TZ. */
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).getTime()

/** A review card of stability `stability` last reviewed at `last`. */
function reviewCard(stability: number, last: number): SchedulingState {
  return {
    due: last + Math.round(stability) * DAY,
    stability,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: Math.round(stability),
    learning_steps: 0,
    reps: 5,
    lapses: 0,
    state: State.Review,
    last_review: last
  }
}

const ZONES = [
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'Pacific/Tongatapu',
  'Australia/Lord_Howe',
  'Europe/London',
  'UTC'
]

describe('the study-day clock', () => {
  it.each(ZONES)('%s: puts each study day at a UTC midnight, whatever its length, and back again', (tz) =>
    inZone(tz, () => {
      const clock = createStudyClock(4)
      // A year of days at four times of day, across both daylight-saving changes where there are any.
      for (let d = 0; d < 366; d++) {
        for (const [h, min] of [
          [4, 0],
          [3, 59],
          [12, 30],
          [23, 45]
        ] as const) {
          const at = local(2026, 1, 1 + d, h, min)
          const t = clock.toClock(at)
          // The same local date (the day before, before 4 am) as the study day's number.
          const date = new Date(at)
          if (date.getHours() < 4) date.setDate(date.getDate() - 1)
          const expectedDay = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY
          expect(Math.floor(t / DAY), `${new Date(at).toString()}`).toBe(expectedDay)
          expect(clock.dayNumber(at)).toBe(expectedDay)
          expect(Math.abs(clock.fromClock(t) - at)).toBeLessThanOrEqual(1)
        }
      }
    })
  )

  it('keeps a plain day to the millisecond and stretches a 25-hour day to 24 clock hours', () =>
    inZone('America/New_York', () => {
      const clock = createStudyClock(4)
      const at = local(2026, 3, 3, 18, 30)
      expect(clock.toClock(at) % DAY).toBe(14.5 * HOUR)
      // 1 November 2026: clocks go back at 2 am, so the study day from 31 October, 4 am is 25 hours long.
      const start = local(2026, 10, 31, 4)
      const next = local(2026, 11, 1, 4)
      expect(next - start).toBe(25 * HOUR)
      expect(clock.toClock(next) - clock.toClock(start)).toBe(DAY)
      expect(clock.toClock(next - 1)).toBeLessThan(clock.toClock(next))
    }))

  it('counts the "next day starts at" hour: 3:59 and 4:01 are different days, 0 am when set to 0', () =>
    inZone('Asia/Kolkata', () => {
      const four = createStudyClock(4)
      expect(four.dayNumber(local(2026, 5, 10, 4, 1)) - four.dayNumber(local(2026, 5, 10, 3, 59))).toBe(1)
      const midnight = createStudyClock(0)
      expect(midnight.dayNumber(local(2026, 5, 10, 4, 1)) - midnight.dayNumber(local(2026, 5, 10, 3, 59))).toBe(0)
      expect(midnight.dayNumber(local(2026, 5, 10, 0, 1)) - midnight.dayNumber(local(2026, 5, 9, 23, 59))).toBe(1)
    }))
})

describe('scheduling on the study day', () => {
  // The case: a card of stability 30 reviewed twice in one evening. The second review is a
  // same-day review (FSRS-6's short-term formula, which never lowers S on Good), not a day later.
  it.each([
    ['America/New_York', [18, 30], [20, 30]],
    ['Asia/Tokyo', [8, 0], [10, 0]],
    ['Europe/London', [18, 30], [20, 30]],
    ['Pacific/Kiritimati', [9, 0], [23, 0]]
  ] as const)('%s: two reviews on one study day are 0 days apart', (tz, first, second) =>
    inZone(tz, () => {
      const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, 4)
      const last = local(2026, 3, 3, first[0], first[1])
      const card = reviewCard(30, last)
      const good = previewGrades(scheduler, card, local(2026, 3, 3, second[0], second[1]))[Rating.Good]
      expect(good.log.elapsed_days).toBe(0)
      expect(good.next.stability).toBeCloseTo(30, 10)
    })
  )

  it('America/New_York: a review at 3:59 and one at 4:01 the same night are a day apart', () =>
    inZone('America/New_York', () => {
      const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, 4)
      const card = reviewCard(30, local(2026, 3, 3, 3, 59))
      const outcome = previewGrades(scheduler, card, local(2026, 3, 3, 4, 1))[Rating.Good]
      expect(outcome.log.elapsed_days).toBe(1)
      expect(outcome.next.stability).toBeGreaterThan(30)
    }))

  it('Australia/Lord_Howe: an interval across the half-hour daylight change lands on the same local time', () =>
    inZone('Australia/Lord_Howe', () => {
      const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, 4)
      // 4 October 2026, 2:00 → 2:30: the clocks go forward half an hour.
      const at = local(2026, 10, 1, 9, 15)
      const outcome = previewGrades(scheduler, reviewCard(10, at - 10 * DAY), at)[Rating.Good]
      const due = new Date(outcome.next.due)
      const days = outcome.next.scheduled_days
      expect(days).toBeGreaterThan(3)
      expect([due.getFullYear(), due.getMonth(), due.getDate(), due.getHours(), due.getMinutes()]).toEqual(
        (() => {
          const d = new Date(2026, 9, 1 + days, 9, 15)
          return [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]
        })()
      )
    }))
})
