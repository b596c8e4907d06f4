import { buildTopicReadiness, createExamRecallAccumulator } from '@core/exam-plan/recall'
import { toRecallEstimate, Z_90 } from '@core/exam-plan/recall-estimate'
import { Queue } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { fsrs, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { cardRecord, plainFsrsCard } from '../../../helpers/review-records'

const DAY = 86_400_000
const examAt = Date.UTC(2026, 5, 20, 9)
const cards = [
  cardRecord({ id: 'k1', tags: ['sagemaker'], stability: 10, last_review: examAt - 5 * DAY }),
  cardRecord({ id: 'k2', tags: ['sagemaker', 'security'], stability: 100, last_review: examAt - 10 * DAY }),
  cardRecord({ id: 'k3', tags: ['security'], queue: Queue.New, state: State.New, stability: 0 }),
  cardRecord({ id: 'k4', tags: ['glue'], queue: Queue.Suspended, stability: 3, last_review: examAt - 3 * DAY }),
  cardRecord({ id: 'k5', tags: ['glue'], queue: Queue.Removed, stability: 3, last_review: examAt })
]
const reference = fsrs()
const [r1, r2] = [cards[0]!, cards[1]!].map((c) => reference.get_retrievability(plainFsrsCard(c), new Date(examAt), false)) as [
  number,
  number
]

describe('predicted recall on exam day', () => {
  const sums = gather(createExamRecallAccumulator({ examAt }), cards)

  it('is the mean FSRS retrievability at the exam, never-studied cards counting 0 and removed cards not at all', () => {
    const estimate = toRecallEstimate(sums.all)
    expect(estimate.cards).toBe(4)
    expect(estimate.mean).toBeCloseTo((r1 + r2 + 0 + 0.9) / 4, 12)
  })

  it('gives a 90 % range from the cards’ Bernoulli variance', () => {
    const estimate = toRecallEstimate(sums.all)
    const mean = (r1 + r2 + 0.9) / 4
    const margin = (1.645 * Math.sqrt(r1 * (1 - r1) + r2 * (1 - r2) + 0 + 0.9 * 0.1)) / 4
    expect(Z_90).toBe(1.645)
    expect(estimate.low).toBeCloseTo(mean - margin, 12)
    expect(estimate.high).toBeCloseTo(mean + margin, 12)
  })

  it('clamps the range to 0–1', () => {
    expect(toRecallEstimate({ cards: 2, sumP: 1.99, sumVariance: 0.0099 })).toMatchObject({ mean: 0.995, high: 1 })
    expect(toRecallEstimate({ cards: 2, sumP: 0.01, sumVariance: 0.0099 })).toMatchObject({ mean: 0.005, low: 0 })
    expect(toRecallEstimate({ cards: 0, sumP: 0, sumVariance: 0 })).toEqual({ cards: 0, mean: 0, low: 0, high: 0 })
  })

  it('ranks topics weakest first, a card counting in each of its tags', () => {
    const topics = buildTopicReadiness(sums)
    expect(topics.map((t) => [t.tag, t.cards])).toEqual([
      ['security', 2],
      ['glue', 1],
      ['sagemaker', 2]
    ])
    expect(topics[0]!.mean).toBeCloseTo(r2 / 2, 12)
    expect(topics[1]!.mean).toBe(0.9)
    expect(topics[2]!.mean).toBeCloseTo((r1 + r2) / 2, 12)
  })
})
