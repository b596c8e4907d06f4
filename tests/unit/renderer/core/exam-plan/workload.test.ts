import { buildExamWorkload } from '@core/exam-plan/workload'
import { describe, expect, it } from 'vitest'

describe('exam workload', () => {
  it('warns when the new-card limit leaves cards unseen, and says what limit would do', () => {
    expect(buildExamWorkload({ unseen: 500, daysLeft: 17, newCardsPerDay: 20, reviewsPerDay: 42.5 })).toEqual({
      newCardsPerDayNeeded: 30,
      reviewsPerDay: 42.5,
      newCardsSeenBeforeExam: 340,
      warning: 'At 20 new cards a day you will see 340 of 500 new cards before the exam; raise the limit to 30.'
    })
  })

  it('is quiet when the limit covers every card', () => {
    expect(buildExamWorkload({ unseen: 500, daysLeft: 17, newCardsPerDay: 30, reviewsPerDay: 40 })).toMatchObject({
      newCardsPerDayNeeded: 30,
      newCardsSeenBeforeExam: 500,
      warning: null
    })
    expect(buildExamWorkload({ unseen: 0, daysLeft: 17, newCardsPerDay: 0, reviewsPerDay: 0 }).warning).toBeNull()
  })

  it('says so plainly when no study day is left', () => {
    expect(buildExamWorkload({ unseen: 1, daysLeft: 0, newCardsPerDay: 20, reviewsPerDay: 0 })).toMatchObject({
      newCardsPerDayNeeded: null,
      newCardsSeenBeforeExam: 0,
      warning: 'The exam has come: 1 card was never studied.'
    })
  })
})
