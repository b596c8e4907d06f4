import { nextStudyDay, previousStudyDay, studyDayOf, studyDaysFromToday, studyDayStart } from '@core/time/study-day'
import { afterEach, describe, expect, it } from 'vitest'

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

describe('studyDayStart', () => {
  it('counts whole study days forward and back, landing on the start hour across both daylight-saving changes', () => {
    process.env.TZ = 'America/New_York'
    const beforeSpring = new Date('2026-03-07T20:00:00-05:00').getTime() // Saturday evening; clocks go forward on Sunday 2 am
    const sunday = new Date(studyDayStart(beforeSpring, 1, 4))
    expect(sunday.toISOString()).toBe('2026-03-08T08:00:00.000Z') // 4 am EDT
    expect(new Date(studyDayStart(beforeSpring, 2, 4)).toISOString()).toBe('2026-03-09T08:00:00.000Z')
    expect(new Date(studyDayStart(beforeSpring, -1, 4)).toISOString()).toBe('2026-03-06T09:00:00.000Z') // 4 am EST
    const beforeAutumn = new Date('2026-10-31T22:00:00-04:00').getTime()
    expect(new Date(studyDayStart(beforeAutumn, 1, 4)).toISOString()).toBe('2026-11-01T09:00:00.000Z') // 4 am EST
  })

  it('treats a moment before the start hour as part of the previous study day', () => {
    process.env.TZ = 'Asia/Tokyo'
    const threeAm = new Date('2026-05-10T03:00:00+09:00').getTime()
    expect(new Date(studyDayStart(threeAm, 0, 4)).toISOString()).toBe('2026-05-08T19:00:00.000Z') // 4 am on the 9th, Tokyo
  })
})

describe('studyDaysFromToday', () => {
  it('says 0 for later today, 1 for tomorrow and -1 for yesterday, on the study day and not the calendar day', () => {
    process.env.TZ = 'Asia/Kolkata'
    const now = new Date('2026-06-15T23:30:00+05:30').getTime()
    expect(studyDaysFromToday(new Date('2026-06-16T03:59:00+05:30').getTime(), now, 4)).toBe(0)
    expect(studyDaysFromToday(new Date('2026-06-16T04:01:00+05:30').getTime(), now, 4)).toBe(1)
    expect(studyDaysFromToday(new Date('2026-06-15T03:00:00+05:30').getTime(), now, 4)).toBe(-1)
  })

  it('counts a 23-hour day as one day', () => {
    process.env.TZ = 'Europe/London'
    const saturday = new Date('2026-03-28T12:00:00Z').getTime() // clocks go forward on Sunday the 29th
    expect(studyDaysFromToday(new Date('2026-03-30T12:00:00+01:00').getTime(), saturday, 4)).toBe(2)
  })
})

describe('nextStudyDay and previousStudyDay', () => {
  it('step to the day that touches this one, each way', () => {
    process.env.TZ = 'Australia/Lord_Howe' // a half-hour daylight-saving shift
    const day = studyDayOf(new Date('2026-10-03T12:00:00+10:30').getTime(), 4)
    const next = nextStudyDay(day, 4)
    expect(next.start).toBe(day.end)
    expect(previousStudyDay(next, 4)).toEqual(day)
    // The clocks go forward half an hour at 2 am on 4 October, inside the day that began at 4 am on the 3rd.
    expect(day.end - day.start).toBe(23.5 * 3_600_000)
    expect(next.end - next.start).toBe(24 * 3_600_000)
  })
})
