import { finalRating, ratingChoices, START_GRADING, stepGrading, type McGradingEvent } from '@core/practice/mc-grading'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const question = { options: ['a', 'b', 'c', 'd'], correctIndex: 2 }
const run = (...events: McGradingEvent[]) => events.reduce((state, e) => stepGrading(state, e, question), START_GRADING)

describe('multiple-choice grading', () => {
  it('counts a right choice as Good, which the user may change to Hard or Easy before moving on', () => {
    const answered = run({ type: 'choose', index: 2 })
    expect(answered).toEqual({ phase: 'answered', chosenIndex: 2, correct: true, rating: Rating.Good })
    expect(ratingChoices(answered)).toEqual([Rating.Hard, Rating.Good, Rating.Easy])
    expect(finalRating(answered)).toBeUndefined()
    expect(finalRating(run({ type: 'choose', index: 2 }, { type: 'rate', rating: Rating.Hard }, { type: 'next' }))).toBe(Rating.Hard)
    expect(finalRating(run({ type: 'choose', index: 2 }, { type: 'rate', rating: Rating.Easy }, { type: 'next' }))).toBe(Rating.Easy)
    expect(finalRating(run({ type: 'choose', index: 2 }, { type: 'next' }))).toBe(Rating.Good)
  })

  it('counts a wrong choice as Again, with nothing to change', () => {
    const wrong = run({ type: 'choose', index: 0 }, { type: 'rate', rating: Rating.Good }, { type: 'rate', rating: Rating.Easy })
    expect(wrong).toMatchObject({ correct: false, rating: Rating.Again })
    expect(ratingChoices(wrong)).toEqual([Rating.Again])
    expect(finalRating(stepGrading(wrong, { type: 'next' }, question))).toBe(Rating.Again)
  })

  it('does not let a right answer be rated Again, a second choice replace the first, or a rating change after moving on', () => {
    expect(run({ type: 'choose', index: 2 }, { type: 'rate', rating: Rating.Again })).toMatchObject({ rating: Rating.Good })
    expect(run({ type: 'choose', index: 2 }, { type: 'choose', index: 0 })).toMatchObject({ chosenIndex: 2, correct: true })
    const done = run({ type: 'choose', index: 2 }, { type: 'next' }, { type: 'rate', rating: Rating.Easy })
    expect(done).toMatchObject({ phase: 'done', rating: Rating.Good })
    expect(ratingChoices(done)).toEqual([])
  })

  it('ignores moving on before answering and choices that are not options', () => {
    expect(run({ type: 'next' })).toBe(START_GRADING)
    expect(run({ type: 'choose', index: 4 })).toBe(START_GRADING)
    expect(run({ type: 'choose', index: -1 })).toBe(START_GRADING)
    expect(run({ type: 'choose', index: 1.5 })).toBe(START_GRADING)
  })
})
