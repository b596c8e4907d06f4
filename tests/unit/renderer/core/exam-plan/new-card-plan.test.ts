import { planNewCards } from '@core/exam-plan/new-card-plan'
import { studyDayStart } from '@core/time/study-day'
import { describe, expect, it } from 'vitest'

const now = new Date(2026, 4, 4, 10).getTime() // Monday 4 May 2026, 10 am
const base = { now, dayStartsAtHour: 4 }

describe('days until every new card is in, at X new cards a day', () => {
  it('counts today as the first day, less what was met today already', () => {
    // 100 new cards at 15 a day, 10 met today: 5 more today, then 15 a day: 5 + 6 × 15 = 95 by
    // day 6, the last 5 on day 7 (the eighth study day), 12 study days before the exam after it.
    expect(planNewCards({ ...base, unseen: 100, perDay: 15, studiedToday: 10, daysLeft: 20 })).toEqual({
      perDay: 15,
      unseen: 100,
      daysNeeded: 8,
      lastNewDay: studyDayStart(now, 7, 4),
      beforeExam: true,
      reviewOnlyDays: 12,
      unseenAtExam: 0
    })
  })

  it('finishes today when today’s share is enough, and on the last day before the exam at the limit', () => {
    expect(planNewCards({ ...base, unseen: 8, perDay: 10, studiedToday: 0, daysLeft: 3 })).toMatchObject({
      daysNeeded: 1,
      reviewOnlyDays: 2
    })
    // 3 study days left (today and two more), 30 cards at 10 a day: in on the eve of the exam.
    expect(planNewCards({ ...base, unseen: 30, perDay: 10, studiedToday: 0, daysLeft: 3 })).toMatchObject({
      daysNeeded: 3,
      beforeExam: true,
      reviewOnlyDays: 0,
      unseenAtExam: 0
    })
  })

  it('says how many cards are still new on exam day when X is too low', () => {
    // Today's 10 are used up: 0 today, then 10 a day for the 4 days before the exam = 40 of 45.
    expect(planNewCards({ ...base, unseen: 45, perDay: 10, studiedToday: 12, daysLeft: 5 })).toEqual({
      perDay: 10,
      unseen: 45,
      daysNeeded: 6,
      lastNewDay: studyDayStart(now, 5, 4),
      beforeExam: false,
      reviewOnlyDays: 0,
      unseenAtExam: 5
    })
  })

  it('handles no new card left, no new card a day and the exam day itself', () => {
    expect(planNewCards({ ...base, unseen: 0, perDay: 20, studiedToday: 0, daysLeft: 9 })).toMatchObject({
      daysNeeded: 0,
      lastNewDay: null,
      beforeExam: true,
      reviewOnlyDays: 9
    })
    expect(planNewCards({ ...base, unseen: 7, perDay: 0, studiedToday: 0, daysLeft: 9 })).toMatchObject({
      daysNeeded: null,
      beforeExam: false,
      unseenAtExam: 7
    })
    expect(planNewCards({ ...base, unseen: 7, perDay: 20, studiedToday: 0, daysLeft: 0 })).toMatchObject({
      daysNeeded: 1,
      beforeExam: false,
      unseenAtExam: 7
    })
  })
})
