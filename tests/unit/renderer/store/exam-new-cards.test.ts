import { studyDayStart } from '@core/time/study-day'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const pad = (n: number) => String(n).padStart(2, '0')

describe('the exam plan: days until every new card is in at X a day', () => {
  it('counts the new cards in the collection, today’s share and the days left for review', async () => {
    const db = freshDatabase()
    const clock = { now: new Date(2026, 4, 4, 10, 0).getTime() } // Monday 4 May 2026, 10 am
    const platform = fakePlatform({ decks: [makeDeck('a', makeCards(30)), makeDeck('b', makeCards(12))], problems: [] })
    const store = createRecallStore({ db, platform, now: () => clock.now })
    const state = () => store.getState()
    await state().loadLibrary()
    // Four new cards met today, in deck a.
    await state().startStudy('a')
    for (let i = 0; i < 4; i++) {
      state().reveal()
      clock.now += 4_000
      await state().grade(Rating.Easy)
    }
    await state().leaveStudy()

    await state().openExamPlan()
    state().newExamPlan()
    const exam = new Date(2026, 4, 14)
    const date = `${exam.getFullYear()}-${pad(exam.getMonth() + 1)}-${pad(exam.getDate())}`
    state().changeExamPlan({ name: 'Exam', date, deckIds: ['a', 'b'], blueprint: '' })
    expect(await state().saveExamPlan()).toBe(true)
    const entry = () => state().examPlan.entries[0]!
    expect(entry().forecast).toMatchObject({ daysLeft: 10, unseen: 38, newCardsStudiedToday: 4, newCardsPerDayAllowed: 40 })

    // At first X is the decks' limits added up: 36 more today, the last 2 tomorrow.
    expect(entry().newCards).toEqual({
      perDay: '40',
      plan: {
        perDay: 40,
        unseen: 38,
        daysNeeded: 2,
        lastNewDay: studyDayStart(clock.now, 1, 4),
        beforeExam: true,
        reviewOnlyDays: 8,
        unseenAtExam: 0
      }
    })

    // 5 a day: 1 more today, then 5 a day: 1 + 8 × 5 = 41 ≥ 38 on day 8, the ninth study day.
    state().planExamNewCards(entry().exam.id, '5')
    expect(entry().newCards?.plan).toMatchObject({ daysNeeded: 9, beforeExam: true, reviewOnlyDays: 1 })

    // 3 a day: none today (4 met already), 3 a day on the 9 days after: 27 of 38, 11 still new.
    state().planExamNewCards(entry().exam.id, '3')
    expect(entry().newCards?.plan).toMatchObject({ daysNeeded: 14, beforeExam: false, reviewOnlyDays: 0, unseenAtExam: 11 })

    // X stays as typed when the exams are read again.
    await state().refreshExamPlan()
    expect(entry().newCards).toMatchObject({ perDay: '3', plan: { unseenAtExam: 11 } })

    state().planExamNewCards(entry().exam.id, 'lots')
    expect(entry().newCards).toEqual({ perDay: 'lots', error: 'New cards a day must be a whole number from 0 to 9,999.' })
  })
})
