import { Queue } from '@core/model'
import { gather } from '@core/stats/accumulator'
import {
  buildMemoryHistograms,
  createMemoryDistributionsAccumulator,
  difficultyBucket,
  retrievabilityBucket,
  stabilityBucket
} from '@core/stats/card-distributions'
import { retrievabilityAt } from '@core/stats/retrievability'
import fc from 'fast-check'
import { default_w, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { cardRecord } from '../../../helpers/review-records'

const DAY = 86_400_000
const now = Date.UTC(2026, 5, 1, 12)
const cards = [
  cardRecord({ id: 'just-seen', stability: 0.5, difficulty: 1, last_review: now }),
  cardRecord({ id: 'at-stability', stability: 3, difficulty: 5.5, last_review: now - 3 * DAY - 5 * 3_600_000 }),
  cardRecord({ id: 'rock-solid', stability: 40_000, difficulty: 10, last_review: now - 400 * DAY }),
  cardRecord({ id: 'forgotten', stability: 1, difficulty: 3, last_review: now - 30 * DAY }),
  cardRecord({ id: 'new', queue: Queue.New, state: State.New, stability: 0, difficulty: 0 }),
  cardRecord({ id: 'gone', queue: Queue.Removed, stability: 5, difficulty: 5, last_review: now })
]

/** The FSRS-6 forgetting curve written out from the paper, in days with their fraction: the oracle. */
const curve = (elapsedDays: number, stability: number, decay = default_w[20]!) =>
  Math.pow(1 + ((Math.pow(0.9, -1 / decay) - 1) * elapsedDays) / stability, -decay)

describe('retrievabilityAt', () => {
  it('follows the FSRS-6 forgetting curve at the elapsed time with its fraction of a day (hand-computed vectors)', () => {
    const w5 = [...default_w]
    w5[20] = 0.5 // FSRS-5's decay
    // 3 days 5 hours at S = 3: a little below 90 % (ts-fsrs, counting whole days, would say 90 %).
    expect(retrievabilityAt(cards[1]!, now)).toBeCloseTo(0.89532145, 8)
    // By definition of stability: 90 % after exactly S days.
    expect(retrievabilityAt({ ...cards[1]!, last_review: now - 3 * DAY }, now)).toBe(0.9)
    // Half a day at S = 1: 94 %, not 100 %.
    expect(retrievabilityAt({ ...cards[3]!, last_review: now - DAY / 2 }, now)).toBeCloseTo(0.94034429, 8)
    // 30 days at S = 1: 59 % with FSRS-6's curve, 35 % with FSRS-5's.
    expect(retrievabilityAt(cards[3]!, now)).toBeCloseTo(0.5906334, 7)
    expect(retrievabilityAt(cards[3]!, now, w5)).toBeCloseTo(0.35273781, 8)
    expect(retrievabilityAt(cards[2]!, now)).toBeCloseTo(0.9984968, 7)
  })

  it('equals the curve for any stability, elapsed time and decay, and is never rounded to whole days', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 36_500, noNaN: true }),
        fc.integer({ min: 0, max: 3_000 * DAY }),
        fc.double({ min: 0.1, max: 0.8, noNaN: true }),
        (stability, elapsed, decay) => {
          const w = [...default_w]
          w[20] = decay
          const card = cardRecord({ id: 'any', stability, difficulty: 5, last_review: now - elapsed })
          expect(retrievabilityAt(card, now, w)).toBeCloseTo(curve(elapsed / DAY, stability, decay), 7)
        }
      ),
      { numRuns: 2_000 }
    )
  })

  it('is 0 for a card never studied', () => {
    expect(retrievabilityAt(cards[4]!, now)).toBe(0)
  })
})

describe('memory distributions', () => {
  const gathered = gather(createMemoryDistributionsAccumulator({ now }), cards)

  it('buckets stability by doubling days, difficulty in tenths of 1–10, retrievability in 5 % steps', () => {
    expect([0.5, 1, 3, 40_000].map(stabilityBucket)).toEqual([0, 1, 2, 16])
    expect([1, 5.5, 10, 3].map(difficultyBucket)).toEqual([0, 5, 9, 2])
    expect([1, 0.95, 0.9, 0.9499, 0.5906334, 0].map(retrievabilityBucket)).toEqual([19, 19, 18, 18, 11, 0])
  })

  it('histograms the studied cards only', () => {
    expect(gathered.cards).toBe(4)
    const at = (counts: number[]) => counts.flatMap((n, i) => (n > 0 ? [[i, n]] : []))
    expect(at(gathered.stability)).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [16, 1]
    ])
    expect(at(gathered.difficulty)).toEqual([
      [0, 1],
      [2, 1],
      [5, 1],
      [9, 1]
    ])
    expect(at(gathered.retrievability)).toEqual([
      [11, 1],
      [17, 1],
      [19, 2]
    ])
  })

  it('gives bins with edges and means', () => {
    const histograms = buildMemoryHistograms(gathered)
    expect(histograms.stability.bins[2]).toEqual({ from: 2, to: 4, count: 1 })
    expect(histograms.stability.bins.at(-1)).toEqual({ from: 32_768, to: Infinity, count: 1 })
    expect(histograms.difficulty.bins[5]!.from).toBeCloseTo(5.5, 12)
    expect(histograms.retrievability.bins[18]!.from).toBeCloseTo(0.9, 12)
    expect(histograms.stability.mean).toBeCloseTo((0.5 + 3 + 40_000 + 1) / 4, 9)
    expect(histograms.difficulty.mean).toBeCloseTo((1 + 5.5 + 10 + 3) / 4, 12)
    expect(histograms.retrievability.mean).toBeCloseTo((1 + 0.89532145 + 0.9984968 + 0.5906334) / 4, 7)
  })

  it('has no means without studied cards', () => {
    const empty = buildMemoryHistograms(gather(createMemoryDistributionsAccumulator({ now }), [cards[4]!]))
    expect([empty.stability.mean, empty.difficulty.mean, empty.retrievability.mean]).toEqual([null, null, null])
  })
})
