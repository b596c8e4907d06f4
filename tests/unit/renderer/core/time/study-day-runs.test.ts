import { createStudyDayLookup, dayIndexOf, studyDaysAhead, studyDaysBack } from '@core/time/study-day'
import { afterAll, describe, expect, it } from 'vitest'
import { local, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)
const HOUR = 3_600_000

describe('study day runs', () => {
  it('walks back across the spring clock change with a 23-hour day and no gap', () => {
    const days = studyDaysBack(local(2026, 3, 31), 4, 4)
    expect(days.map((d) => new Date(d.start).toISOString())).toEqual([
      '2026-03-28T04:00:00.000Z',
      '2026-03-29T03:00:00.000Z', // 04:00 BST
      '2026-03-30T03:00:00.000Z',
      '2026-03-31T03:00:00.000Z'
    ])
    expect(days.map((d) => (d.end - d.start) / HOUR)).toEqual([23, 24, 24, 24])
  })

  it('walks forward across the autumn change with a 25-hour day (the clocks go back at 2 am, inside the day that began at 4 am)', () => {
    const days = studyDaysAhead(local(2026, 10, 24, 12), 3, 4)
    expect(days.map((d) => (d.end - d.start) / HOUR)).toEqual([25, 24, 24])
    expect(days[1]!.start).toBe(days[0]!.end)
  })

  it('finds the day of a time, placing 3:59 am in the day before and 4:00 am in its own', () => {
    const days = studyDaysAhead(local(2026, 3, 27), 5, 4)
    expect(dayIndexOf(days, local(2026, 3, 28, 3, 59))).toBe(0)
    expect(dayIndexOf(days, local(2026, 3, 28, 4, 0))).toBe(1)
    // 04:30 BST on the short day is 03:30 UTC: dividing by 24 hours would put it in the 28th.
    expect(dayIndexOf(days, Date.parse('2026-03-29T03:30:00Z'))).toBe(2)
    expect(dayIndexOf(days, local(2026, 3, 20))).toBe(-1)
    expect(dayIndexOf(days, days[4]!.end)).toBe(-1)
  })

  it('looks days up through a cache that gives the same answers as studyDayOf in any order', () => {
    const dayOf = createStudyDayLookup(4)
    const times = [local(2026, 3, 29, 5), local(2026, 3, 29, 3), local(2026, 3, 29, 23), local(2026, 3, 28, 12)]
    expect(times.map((t) => new Date(dayOf(t).start).toISOString())).toEqual([
      '2026-03-29T03:00:00.000Z',
      '2026-03-28T04:00:00.000Z',
      '2026-03-29T03:00:00.000Z',
      '2026-03-28T04:00:00.000Z'
    ])
  })
})
