import { DEFAULT_STUDY_OPTIONS, type SchedulingState } from '@core/model'
import {
  balancedInterval,
  balanceRandom,
  dayLoadsOf,
  moveLoad,
  NORMAL_WEEK,
  type DayLoads,
  type ReviewLoad
} from '@core/scheduling/load-balance'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { get_fuzz_range, Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const DAY = 86_400_000
/** A Monday in the study-day clock's numbering (days since 1970-01-01 of the local date). */
const MONDAY = Date.UTC(2026, 2, 2) / DAY

const loadsFrom = (counts: Record<number, number>, today = MONDAY): DayLoads =>
  dayLoadsOf(new Map(Object.entries(counts).map(([d, n]) => [today + Number(d), n])), today)

describe('balancedInterval', () => {
  it('stays in the fuzz range and prefers the light day', () => {
    const range = get_fuzz_range(20, 10, 36500)
    const counts: Record<number, number> = {}
    for (let d = range.min_ivl; d <= range.max_ivl; d++) counts[d] = 40
    counts[19] = 2
    const picks = Array.from({ length: 400 }, (_, i) =>
      balancedInterval({
        interval: 20,
        elapsedDays: 10,
        maximumInterval: 36500,
        loads: loadsFrom(counts),
        easyDays: NORMAL_WEEK,
        random: balanceRandom(`c${i}`)
      })
    )
    expect(Math.min(...picks)).toBeGreaterThanOrEqual(range.min_ivl)
    expect(Math.max(...picks)).toBeLessThanOrEqual(range.max_ivl)
    // Day 19 weighs (1/2)² against (1/40)² for each other day: it should take almost every card.
    expect(picks.filter((d) => d === 19).length).toBeGreaterThan(380)
  })

  it('flattens a lumpy forecast: 500 cards due in about 20 days land on evener days than with plain fuzz', () => {
    const run = (balanced: boolean) => {
      const load = new Map<number, number>()
      // A lump: 60 reviews already due 20 days out, none on the days around it.
      load.set(MONDAY + 20, 60)
      for (let i = 0; i < 500; i++) {
        const random = balanceRandom(`card-${i}`)
        const loads = balanced ? dayLoadsOf(load, MONDAY) : { reviewsOn: () => 0, weekdayOf: () => 1 }
        const days = balancedInterval({ interval: 20, elapsedDays: 15, maximumInterval: 36500, loads, easyDays: NORMAL_WEEK, random })
        load.set(MONDAY + days, (load.get(MONDAY + days) ?? 0) + 1)
      }
      const counts = [...load.values()]
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length
      return { spread: Math.sqrt(counts.reduce((a, n) => a + (n - mean) ** 2, 0) / counts.length), peak: Math.max(...counts) }
    }
    const plain = run(false)
    const balanced = run(true)
    expect(balanced.spread).toBeLessThan(plain.spread / 2)
    expect(balanced.peak).toBeLessThan(plain.peak)
  })

  it('keeps reviews off minimum days and lighter on reduced days (easy days)', () => {
    // Saturday and Sunday minimum, Wednesday reduced; no reviews due yet anywhere.
    const easyDays = [0, 1, 1, 0.5, 1, 1, 0]
    const load = new Map<number, number>()
    for (let i = 0; i < 700; i++) {
      const days = balancedInterval({
        interval: 30,
        elapsedDays: 20,
        maximumInterval: 36500,
        loads: dayLoadsOf(load, MONDAY),
        easyDays,
        random: balanceRandom(`e${i}`)
      })
      load.set(MONDAY + days, (load.get(MONDAY + days) ?? 0) + 1)
    }
    const byWeekday = [0, 0, 0, 0, 0, 0, 0]
    for (const [day, n] of load) byWeekday[new Date(day * DAY).getUTCDay()]! += n
    expect(byWeekday[0]! + byWeekday[6]!).toBeLessThanOrEqual(2)
    const normal = (byWeekday[1]! + byWeekday[2]! + byWeekday[4]! + byWeekday[5]!) / 4
    expect(byWeekday[3]!).toBeLessThan(normal * 0.75)
    expect(byWeekday[3]!).toBeGreaterThan(0)
  })

  it('does not balance beyond 90 days and never goes below the previous button + 1', () => {
    const heavy = loadsFrom({})
    const far = balancedInterval({
      interval: 200,
      elapsedDays: 100,
      maximumInterval: 36500,
      loads: heavy,
      easyDays: NORMAL_WEEK,
      random: () => 0
    })
    expect(far).toBe(get_fuzz_range(200, 100, 36500).min_ivl)
    expect(
      balancedInterval({
        interval: 10,
        elapsedDays: 5,
        maximumInterval: 36500,
        minimum: 14,
        loads: heavy,
        easyDays: NORMAL_WEEK,
        random: () => 0
      })
    ).toBe(14)
  })

  it('moves a card between days in the session loads', () => {
    const load: ReviewLoad = new Map([[MONDAY + 3, 5]])
    const moved = moveLoad(load, MONDAY + 3, MONDAY + 9)
    expect([moved.get(MONDAY + 3), moved.get(MONDAY + 9)]).toEqual([4, 1])
    expect(load.get(MONDAY + 3)).toBe(5)
  })
})

describe('previewGrades with the load balancer', () => {
  const now = new Date(2026, 2, 2, 10).getTime()
  const card: SchedulingState = {
    due: now,
    stability: 12,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: 12,
    learning_steps: 0,
    reps: 6,
    lapses: 0,
    state: State.Review,
    last_review: now - 12 * DAY
  }

  it('keeps Hard < Good < Easy, and a preview and its grade agree', () => {
    const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, 4)
    const today = scheduler.clock.dayNumber(now)
    const load = new Map<number, number>()
    for (let d = 1; d < 120; d++) load.set(today + d, (d * 37) % 23)
    const first = previewGrades(scheduler, card, now, dayLoadsOf(load, today))
    const again = previewGrades(scheduler, card, now + 30_000, dayLoadsOf(load, today))
    const days = (r: Rating.Hard | Rating.Good | Rating.Easy) => first[r].next.scheduled_days
    expect(days(Rating.Hard)).toBeLessThan(days(Rating.Good))
    expect(days(Rating.Good)).toBeLessThan(days(Rating.Easy))
    expect(again[Rating.Good].next.scheduled_days).toBe(days(Rating.Good))
    // The due date is the chosen study day.
    expect(scheduler.clock.dayNumber(first[Rating.Good].next.due) - today).toBe(days(Rating.Good))
  })

  it('is plain FSRS with fuzz off', () => {
    const exact = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, 4)
    expect(exact.balance).toBeUndefined()
    const today = exact.clock.dayNumber(now)
    const outcome = previewGrades(exact, card, now, dayLoadsOf(new Map([[today + 20, 500]]), today))[Rating.Good].next
    expect(outcome.scheduled_days).toBe(previewGrades(exact, card, now)[Rating.Good].next.scheduled_days)
  })
})
