import { afterEach, describe, expect, it } from 'vitest'
import { studyDayOf } from '@core/time/study-day'

const originalTz = process.env.TZ
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ
  else process.env.TZ = originalTz
})

describe('studyDayOf', () => {
  it('starts the day at 4 am local time, so 2 am still belongs to yesterday', () => {
    process.env.TZ = 'Europe/London'
    const lateNight = new Date('2026-01-10T02:00:00Z').getTime() // 02:00 GMT
    const day = studyDayOf(lateNight, 4)
    expect(new Date(day.start).toISOString()).toBe('2026-01-09T04:00:00.000Z')
    expect(new Date(day.end).toISOString()).toBe('2026-01-10T04:00:00.000Z')
  })

  it('is 23 and 25 hours long across the daylight-saving changes (the clocks move at 2 am, inside the day that began at 4 am before)', () => {
    process.env.TZ = 'America/Los_Angeles'
    const spring = studyDayOf(new Date('2026-03-07T12:00:00-08:00').getTime(), 4)
    expect((spring.end - spring.start) / 3_600_000).toBe(23)
    const autumn = studyDayOf(new Date('2026-10-31T12:00:00-07:00').getTime(), 4)
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25)
  })

  it('gives consecutive days that touch, with no gap or overlap', () => {
    process.env.TZ = 'Pacific/Auckland'
    let day = studyDayOf(new Date('2026-04-01T12:00:00Z').getTime(), 4)
    for (let i = 0; i < 20; i++) {
      const next = studyDayOf(day.end, 4)
      expect(next.start).toBe(day.end)
      expect(studyDayOf(day.end - 1, 4)).toEqual(day)
      day = next
    }
  })

  it('always contains the moment it was asked about, even when the start hour falls in a daylight-saving gap that ends off the hour', () => {
    // Chatham Islands, 27 Sept 2026: the clocks jump from 2:45 to 3:45, so 3:00 does not exist that morning.
    process.env.TZ = 'Pacific/Chatham'
    const atJump = Date.UTC(2026, 8, 26, 14, 0) // 3:45 local on the 27th, the first minute after the jump
    const day = studyDayOf(atJump, 3)
    expect(day.start).toBeLessThanOrEqual(atJump)
    expect(day.end).toBeGreaterThan(atJump)
    expect(studyDayOf(day.end, 3).start).toBe(day.end)
    expect(studyDayOf(day.start, 3)).toEqual(day)
  })
})
