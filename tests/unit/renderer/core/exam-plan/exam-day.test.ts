import { examCountdown } from '@core/exam-plan/exam-day'
import { afterAll, describe, expect, it } from 'vitest'
import { local, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

describe('examCountdown', () => {
  it('counts the study days from today up to the day before the exam', () => {
    const countdown = examCountdown(local(2026, 5, 4, 9), local(2026, 5, 8, 9), 4)
    expect(countdown.days.map((d) => new Date(d.start).getDate())).toEqual([4, 5, 6, 7])
    expect(countdown.examDay.start).toBe(local(2026, 5, 8, 4))
  })

  it('uses study days on both ends: 2 am belongs to the day before', () => {
    expect(examCountdown(local(2026, 5, 4, 2), local(2026, 5, 8, 9), 4).days).toHaveLength(5)
    expect(examCountdown(local(2026, 5, 4, 9), local(2026, 5, 8, 3), 4).days).toHaveLength(3)
  })

  it('has no days left on exam day or after it', () => {
    expect(examCountdown(local(2026, 5, 8, 7), local(2026, 5, 8, 9), 4).days).toEqual([])
    expect(examCountdown(local(2026, 5, 9, 9), local(2026, 5, 8, 9), 4).days).toEqual([])
  })

  it('counts calendar days across the autumn clock change', () => {
    expect(examCountdown(local(2026, 10, 20, 9), local(2026, 10, 30, 9), 4).days).toHaveLength(10)
  })
})
