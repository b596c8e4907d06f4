import { gradeOfAnswer, slowAfterMs } from '@core/questions/grade'
import {
  checkResponse,
  choose,
  emptyResponse,
  guessFloor,
  match,
  responseProblem,
  showQuestion,
  type ShownQuestion
} from '@core/questions/question'
import { mulberry32 } from '@core/practice/random'
import type { QuestionNote } from '@shared/deck/schema'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const option = (text: string, correct: boolean) => ({ text, correct, why: `${text} is ${correct ? 'right' : 'wrong'}.` })
const single: QuestionNote = {
  id: 'pick-store',
  type: 'single',
  stem: 'A team needs a store for embeddings. Which service?',
  options: [
    option('Amazon OpenSearch Service', true),
    option('Amazon Polly', false),
    option('Amazon Lex', false),
    option('AWS Glue', false)
  ],
  tags: [],
  tasks: ['AIF-C01 3.1']
}
const multiple: QuestionNote = {
  id: 'two-logs',
  type: 'multiple',
  stem: 'Which services record what happened? (Choose two.)',
  options: [
    option('CloudTrail', true),
    option('CloudWatch Logs', true),
    option('Polly', false),
    option('Rekognition', false),
    option('Lex', false)
  ],
  tags: []
}
const ordering: QuestionNote = {
  id: 'lifecycle',
  type: 'ordering',
  stem: 'Put the steps in order.',
  steps: ['Collect data', 'Train', 'Evaluate', 'Deploy'],
  explanation: 'Data comes first, deployment last.',
  tags: []
}
const matching: QuestionNote = {
  id: 'chips',
  type: 'matching',
  stem: 'Match each chip to its job.',
  pairs: [
    { prompt: 'Inferentia', response: 'inference' },
    { prompt: 'Trainium', response: 'training' },
    { prompt: 'Graviton', response: 'general-purpose compute' }
  ],
  explanation: 'Each chip is named for its job.',
  tags: []
}

/** The display position of the part with note index `index`. */
const at = (shown: ShownQuestion, index: number) => shown.order.indexOf(index)

describe('exam-style questions', () => {
  it('shuffles the options but keeps each one, and never shows steps already in order', () => {
    for (let seed = 1; seed < 40; seed++) {
      const s = showQuestion(single, mulberry32(seed))
      expect([...s.order].sort()).toEqual([0, 1, 2, 3])
      const o = showQuestion(ordering, mulberry32(seed))
      expect(o.order).not.toEqual([0, 1, 2, 3])
      expect(showQuestion(matching, mulberry32(seed)).order).not.toEqual([0, 1, 2])
    }
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => showQuestion(single, mulberry32(seed)).order.join()))
    expect(orders.size).toBeGreaterThan(5)
  })

  it('scores a single answer right only on the right option', () => {
    const shown = showQuestion(single, mulberry32(3))
    expect(responseProblem(shown, emptyResponse(shown))).toBe('Choose an answer first.')
    expect(checkResponse(shown, choose(shown, [], at(shown, 0))).correct).toBe(true)
    const wrong = choose(shown, choose(shown, [], at(shown, 0)), at(shown, 2))
    expect(wrong).toEqual([at(shown, 2)])
    expect(checkResponse(shown, wrong).correct).toBe(false)
  })

  it('asks for exactly N answers in a multiple response and gives no partial credit', () => {
    const shown = showQuestion(multiple, mulberry32(5))
    const one = choose(shown, [], at(shown, 0))
    expect(responseProblem(shown, one)).toBe('Choose 2 answers (1 chosen).')
    const both = choose(shown, one, at(shown, 1))
    expect(responseProblem(shown, both)).toBeNull()
    expect(checkResponse(shown, both)).toEqual({ correct: true, marks: [true, true, true, true, true] })
    const half = choose(shown, one, at(shown, 4))
    const check = checkResponse(shown, half)
    expect(check.correct).toBe(false)
    expect(check.marks.filter((m) => !m)).toHaveLength(2)
    expect(choose(shown, both, at(shown, 1))).toEqual(one)
    expect(checkResponse(shown, choose(shown, both, at(shown, 2))).correct).toBe(false)
  })

  it('orders steps by choosing them one after another, and a second choice takes a step out', () => {
    const shown = showQuestion(ordering, mulberry32(7))
    const inOrder = [0, 1, 2, 3].reduce<readonly number[]>((r, step) => choose(shown, r, at(shown, step)), [])
    expect(checkResponse(shown, inOrder)).toEqual({ correct: true, marks: [true, true, true, true] })
    const swapped = [0, 2, 1, 3].reduce<readonly number[]>((r, step) => choose(shown, r, at(shown, step)), [])
    expect(checkResponse(shown, swapped)).toEqual({ correct: false, marks: [true, false, false, true] })
    expect(choose(shown, swapped, at(shown, 2))).toEqual([at(shown, 0), at(shown, 1), at(shown, 3)])
    expect(responseProblem(shown, [at(shown, 0)])).toBe('Put all 4 steps in order (1 placed).')
  })

  it('matches each prompt to one response and marks each pair', () => {
    const shown = showQuestion(matching, mulberry32(9))
    let response = emptyResponse(shown)
    expect(responseProblem(shown, response)).toBe('Match every item (3 left).')
    response = match(shown, response, 0, at(shown, 0))
    response = match(shown, response, 1, at(shown, 2))
    response = match(shown, response, 2, at(shown, 1))
    expect(checkResponse(shown, response)).toEqual({ correct: false, marks: [true, false, false] })
    response = match(shown, response, 1, at(shown, 1))
    response = match(shown, response, 2, at(shown, 2))
    expect(checkResponse(shown, response).correct).toBe(true)
    expect(match(shown, response, 5, 0)).toBe(response)
  })

  it('knows the chance of a blind guess for each format', () => {
    expect(guessFloor(single)).toBe(1 / 4)
    expect(guessFloor(multiple)).toBe(1 / 10)
    expect(guessFloor(ordering)).toBe(1 / 24)
    expect(guessFloor(matching)).toBe(1 / 6)
  })
})

describe('the grade an answer earns', () => {
  it('is Again when wrong, Hard when right but slower than the exam allows, Good otherwise', () => {
    const aif = slowAfterMs(['AIF-C01 1.1'])
    expect(aif).toBe(Math.round((90 * 60_000) / 65))
    expect(slowAfterMs(['MLA-C02 1.1'])).toBe(120_000)
    expect(slowAfterMs(undefined)).toBe(120_000)
    expect(gradeOfAnswer(false, 1000, aif)).toBe(Rating.Again)
    expect(gradeOfAnswer(true, aif + 1, aif)).toBe(Rating.Hard)
    expect(gradeOfAnswer(true, aif, aif)).toBe(Rating.Good)
  })
})
