import { finalPassCandidates } from '@core/exam-plan/final-pass'
import { examCardFigures, examColumnFigures, forecastExam } from '@core/exam-plan/forecast'
import { createExamRecallAccumulator } from '@core/exam-plan/recall'
import { DEFAULT_STUDY_OPTIONS, Queue, type CardRecord } from '@core/model'
import { cardsOfColumns, columnWriter, emptyColumns } from '@db/card-column-arrays'
import { gather } from '@core/stats/accumulator'
import fc from 'fast-check'
import { State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { cardRecord, local, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

const DAY = 86_400_000
const now = local(2026, 5, 4, 9)
const examDate = local(2026, 5, 20, 9)
const TAGS = ['s3', 'iam', 'vpc']

// Cards of every kind the forecast meets: new, learning, review, suspended, buried, removed,
// due before or after exam day, with tags written twice.
const card = fc
  .record({
    queue: fc.constantFrom(Queue.New, Queue.Learning, Queue.Review, Queue.Suspended, Queue.Buried, Queue.Removed),
    fresh: fc.boolean(),
    stability: fc.double({ min: 0.1, max: 300, noNaN: true }),
    reviewedDaysAgo: fc.double({ min: 0, max: 90, noNaN: true }),
    dueInDays: fc.double({ min: -5, max: 40, noNaN: true }),
    tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 4 })
  })
  .map(({ queue, fresh, stability, reviewedDaysAgo, dueInDays, tags }) => {
    const unseen = queue === Queue.New || (fresh && queue !== Queue.Learning && queue !== Queue.Review)
    return unseen
      ? { queue, tags, state: State.New, stability: 0, difficulty: 0, reps: 0, due: now }
      : {
          queue,
          tags,
          state: State.Review,
          stability,
          difficulty: 5,
          reps: 3,
          last_review: now - reviewedDaysAgo * DAY,
          due: now + dueInDays * DAY
        }
  })

describe('the forecast’s one pass over the cards', () => {
  it('gives the recall if you stop, the topics, the unseen cards and the final pass’s count as each computed alone', () => {
    fc.assert(
      fc.property(fc.array(card, { maxLength: 40 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (drawn, targetRecall) => {
        const cards = drawn.map((c, i) => cardRecord({ id: `aws/c${i}`, ord: i, ...c }))
        const forecast = forecastExam(cards, { options: DEFAULT_STUDY_OPTIONS, dayStartsAtHour: 4, now, examDate, targetRecall })
        const sums = gather(createExamRecallAccumulator({ examAt: examDate }), cards)
        expect(forecast.stopping).toEqual(sums)
        expect(forecast.unseen).toBe(
          cards.filter((c) => c.state === State.New && c.queue !== Queue.Removed && c.queue !== Queue.Suspended).length
        )
        expect(forecast.belowTarget).toBe(finalPassCandidates(cards, examDate, targetRecall, { dayStartsAtHour: 4 }).length)
      }),
      { numRuns: 300 }
    )
  })

  it('counts a tag written twice on a card once', () => {
    const cards = [cardRecord({ id: 'aws/a', tags: ['s3', 's3', 'iam'], stability: 10, last_review: now - DAY, due: now + 5 * DAY })]
    const { stopping } = forecastExam(cards, { options: DEFAULT_STUDY_OPTIONS, dayStartsAtHour: 4, now, examDate })
    expect([...stopping.byTag].map(([tag, sum]) => [tag, sum.cards])).toEqual([
      ['s3', 1],
      ['iam', 1]
    ])
    expect(stopping.all.cards).toBe(1)
  })
})

/** The cards as the card columns hold them (db/card-columns.ts), in the order given. */
function columnsOf(cards: readonly CardRecord[]) {
  const columns = emptyColumns('aws', cards.length, now)
  const writer = columnWriter(columns.tagSets, columns.taskSets)
  cards.forEach((card, i) => writer.write(columns, i, card))
  return columns
}

describe('the forecast’s figures walked on the card columns', () => {
  it('are the figures of the cards the columns give, number for number', () => {
    fc.assert(
      fc.property(fc.array(card, { maxLength: 60 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (drawn, targetRecall) => {
        const cards = drawn.map((c, i) => cardRecord({ id: `aws/c${String(i).padStart(3, '0')}`, ord: i, ...c }))
        const columns = columnsOf(cards)
        const input = { options: DEFAULT_STUDY_OPTIONS, dayStartsAtHour: 4, now, examDate, targetRecall }
        const walked = examColumnFigures(columns, input)
        // The same object, key for key and in the same order: its JSON is what the forecast's hash is taken of.
        expect(JSON.stringify(walked)).toBe(JSON.stringify(examCardFigures(cardsOfColumns(columns), input)))
        expect(walked).toEqual(examCardFigures(cardsOfColumns(columns), input))
        expect(walked.stopping).toEqual(examCardFigures(cards, input).stopping)
      }),
      { numRuns: 300 }
    )
  })

  it('count a tag written twice once, and a card never reviewed as 0 recall', () => {
    const cards = [
      cardRecord({ id: 'aws/a', tags: ['s3', 's3', 'iam'], stability: 10, last_review: now - DAY, due: now + 5 * DAY }),
      cardRecord({ id: 'aws/b', tags: ['iam'], state: State.Review, stability: 10, due: now + 30 * DAY })
    ]
    const { stopping, belowTarget } = examColumnFigures(columnsOf(cards), {
      options: DEFAULT_STUDY_OPTIONS,
      dayStartsAtHour: 4,
      now,
      examDate,
      targetRecall: 0.9
    })
    expect([...stopping.byTag].map(([tag, sum]) => [tag, sum.cards])).toEqual([
      ['s3', 1],
      ['iam', 2]
    ])
    expect(stopping.byTag.get('iam')!.sumP).toBe(stopping.byTag.get('s3')!.sumP)
    // The card never reviewed is due after exam day: it needs the final pass.
    expect(belowTarget).toBe(1)
  })
})
