import { hashCardId } from '@core/exam-plan/card-hash'
import { adjustForExam, examModeWindow, FINAL_WINDOW_DAYS, pickWindowDay } from '@core/exam-plan/exam-mode'
import { type SchedulingState } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { local, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

const now = local(2026, 9, 1, 9) // Tuesday 1 September, 9 am
const examDate = local(2026, 9, 21, 9) // 20 study days away: 1–20 September
const on = { enabled: true, examDate, dayStartsAtHour: 4 }
const proposal = (due: number, scheduled_days = 30): SchedulingState => ({
  ...newSchedulingState(now),
  state: State.Review,
  due,
  scheduled_days,
  last_review: now
})

describe('exam mode', () => {
  it('is the identity when off or without an exam date', () => {
    const next = proposal(local(2026, 10, 1, 9))
    expect(adjustForExam(next, { cardId: 'aws/c1', now, exam: { ...on, enabled: false } })).toBe(next)
    expect(adjustForExam(next, { cardId: 'aws/c1', now, exam: { enabled: true, dayStartsAtHour: 4 } })).toBe(next)
  })

  it('leaves a review due before exam day alone, even late on the eve (the study day runs to 4 am)', () => {
    const next = proposal(local(2026, 9, 21, 3, 59))
    expect(adjustForExam(next, { cardId: 'aws/c1', now, exam: on })).toBe(next)
  })

  it('pulls a review due on or after exam day into the final 7 study days, onto the least busy one', () => {
    const window = examModeWindow(now, examDate, 4)
    expect(window.daysLeft).toBe(20)
    expect(window.days.map((d) => new Date(d.start).getDate())).toEqual([14, 15, 16, 17, 18, 19, 20])
    const adjusted = adjustForExam(proposal(local(2026, 9, 21, 5)), { cardId: 'aws/c1', now, exam: on, windowLoad: [5, 3, 4, 4, 9, 9, 9] })
    // The 15th, at the time of day of the grade, 14 study days after today.
    expect(adjusted.due).toBe(local(2026, 9, 15, 9))
    expect(adjusted.scheduled_days).toBe(14)
  })

  it('keeps FSRS’s due for a grade given in the final week: that review is the card’s last before the exam', () => {
    const lateNow = local(2026, 9, 15, 9)
    expect(examModeWindow(lateNow, examDate, 4)).toEqual({ daysLeft: 6, days: [] })
    const next = proposal(local(2026, 10, 20, 9))
    expect(adjustForExam(next, { cardId: 'aws/c1', now: lateNow, exam: on })).toBe(next)
    expect(FINAL_WINDOW_DAYS).toBe(7)
  })

  it('lands on the right local day and hour across the autumn clock change', () => {
    const octNow = local(2026, 10, 1, 9)
    const octExam = { enabled: true, examDate: local(2026, 10, 28, 9), dayStartsAtHour: 4 }
    const window = examModeWindow(octNow, octExam.examDate, 4)
    expect(window.days.map((d) => new Date(d.start).getDate())).toEqual([21, 22, 23, 24, 25, 26, 27])
    const windowLoad = [1, 1, 1, 1, 0, 1, 1]
    const adjusted = adjustForExam(proposal(local(2026, 11, 30, 9)), { cardId: 'x', now: octNow, exam: octExam, windowLoad })
    const due = new Date(adjusted.due)
    expect([due.getDate(), due.getHours(), due.getMinutes()]).toEqual([25, 9, 0])
  })
})

describe('spreading pulled reviews', () => {
  it('hashes card ids with FNV-1a, the same on every run', () => {
    expect(hashCardId('a')).toBe(0xe40c292c)
    expect(hashCardId('foobar')).toBe(0xbf9cf968)
  })

  it('without loads, spreads cards over every day of the window, not onto the last', () => {
    const perDay = new Array<number>(7).fill(0)
    for (let i = 0; i < 700; i++) perDay[pickWindowDay(`aws/c${i}`, 7)]!++
    expect(Math.min(...perDay)).toBeGreaterThan(70)
    expect(Math.max(...perDay)).toBeLessThan(130)
  })

  it('with loads, takes the least busy day, the hash choosing among equals', () => {
    expect(pickWindowDay('aws/c1', 3, [4, 2, 3])).toBe(1)
    const tied = new Set(Array.from({ length: 50 }, (_, i) => pickWindowDay(`aws/c${i}`, 4, [1, 0, 5, 0])))
    expect(tied).toEqual(new Set([1, 3]))
  })
})
