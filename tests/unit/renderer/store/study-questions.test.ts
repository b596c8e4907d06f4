import { createRecallStore } from '@store'
import type { Note } from '@shared/deck/schema'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeDeck } from '../../helpers/fixtures'

const option = (text: string, correct: boolean) => ({
  text,
  correct,
  why: `Because ${text.toLowerCase()} ${correct ? 'fits' : 'does not fit'}.`
})
const notes: Note[] = [
  {
    id: 'retail',
    type: 'case',
    scenario: 'A retailer keeps five years of sales in Amazon S3 and wants weekly demand forecasts.',
    tags: []
  },
  {
    id: 'pick-tool',
    type: 'single',
    stem: 'Which tool lets the analysts build the forecast without code?',
    options: [option('SageMaker Canvas', true), option('Amazon Polly', false), option('AWS Glue', false), option('Amazon Lex', false)],
    case: 'retail',
    tags: [],
    tasks: ['AIF-C01 1.2']
  },
  {
    id: 'steps',
    type: 'ordering',
    stem: 'Put the steps in order.',
    steps: ['Import the data', 'Build the model', 'Generate predictions'],
    explanation: 'Data first, predictions last.',
    tags: [],
    tasks: ['AIF-C01 1.3']
  }
]

async function studying() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 3, 14, 9, 0).getTime() }
  const store = createRecallStore({ db, platform: fakePlatform({ decks: [makeDeck('q', notes)], problems: [] }), now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  await state().startStudy('q')
  return { db, clock, state }
}

/** The display position of the part with note index `index` on the question on screen. */
const shownAt = (state: () => ReturnType<ReturnType<typeof createRecallStore>['getState']>, index: number) =>
  state().session!.question!.shown.order.indexOf(index)

describe('studying exam-style questions', () => {
  it('shows a case question with its scenario, refuses an empty answer, and grades a wrong pick Again', async () => {
    const { db, clock, state } = await studying()
    const session = state().session!
    expect(session.card?.id).toBe('q/pick-tool')
    expect(session.question?.shown.scenario).toMatch(/five years of sales/)
    state().reveal()
    expect(state().session?.revealed).toBe(false)
    expect(state().session?.notice).toBe('Choose an answer first.')

    state().chooseOption(shownAt(state, 2))
    clock.now += 20_000
    state().reveal()
    expect(state().session?.revealed).toBe(true)
    expect(state().session?.question?.check?.correct).toBe(false)
    expect(state().session?.question?.suggested).toBe(Rating.Again)
    // Choosing after the answer changes nothing.
    state().chooseOption(shownAt(state, 0))
    expect(state().session?.question?.check?.correct).toBe(false)
    await state().grade(Rating.Again)
    const logs = await db.reviews.toArray()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ cardKey: 'q/pick-tool', rating: Rating.Again })
  })

  it('grades a right answer Good in time and Hard when slower than the exam allows per question', async () => {
    const { clock, state } = await studying()
    state().chooseOption(shownAt(state, 0))
    clock.now += 60_000
    state().reveal()
    expect(state().session?.question?.suggested).toBe(Rating.Good)
    await state().grade(Rating.Good)

    expect(state().session?.card?.id).toBe('q/steps')
    for (const step of [0, 1, 2]) state().chooseOption(shownAt(state, step))
    clock.now += 90_000 // AIF-C01 allows 90 minutes for 65 questions: about 83 s each
    state().reveal()
    expect(state().session?.question?.check).toEqual({ correct: true, marks: [true, true, true] })
    expect(state().session?.question?.suggested).toBe(Rating.Hard)
  })
})
