import { Queue } from '@core/model'
import { studyDayOf } from '@core/time/study-day'
import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const DAY = 86_400_000
const library = { decks: [makeDeck('d', makeCards(5))], problems: [] }
const platform: Platform = fakePlatform(library)

async function setup() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 8, 1, 9, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  // Every card a well-known review card due now: Good sends it two months away, past the exam.
  await db.cards.toCollection().modify((c) => {
    Object.assign(c, {
      state: State.Review,
      queue: Queue.Review,
      due: clock.now - 3_600_000,
      stability: 60,
      difficulty: 5,
      scheduled_days: 60,
      reps: 4,
      last_review: clock.now - 60 * DAY
    })
  })
  const d = new Date(clock.now)
  d.setDate(d.getDate() + 20)
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  await state().openExamPlan()
  state().newExamPlan()
  state().changeExamPlan({ name: 'MLA-C01', date, deckIds: ['d'], examMode: true })
  expect(await state().saveExamPlan()).toBe(true)
  const examDay = studyDayOf(state().examPlan.entries[0]!.exam.date, 4).start
  return { db, clock, state, examDay }
}

describe('exam mode in a study session', () => {
  it('shows and saves a due before the exam; off again, plain FSRS', async () => {
    const { db, state, examDay } = await setup()
    await state().startStudy('d')
    const shown = state().session!.outcomes![Rating.Good].next.due
    expect(shown).toBeLessThan(examDay)
    state().reveal()
    const id = state().session!.card!.id
    await state().grade(Rating.Good)
    expect((await db.cards.get(id))!.due).toBe(shown)
    await state().leaveStudy()

    await state().openExamPlan()
    state().editExamPlan(state().examPlan.entries[0]!.exam.id)
    state().changeExamPlan({ examMode: false })
    expect(await state().saveExamPlan()).toBe(true)
    await state().startStudy('d')
    expect(state().session!.outcomes![Rating.Good].next.due).toBeGreaterThan(examDay)
  })
})
