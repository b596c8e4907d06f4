import { Queue } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { buildCardCountSlices, createCardCountsAccumulator } from '@core/stats/card-counts'
import { State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { cardRecord } from '../../../helpers/review-records'

describe('card counts', () => {
  const now = 1_800_000_000_000
  const cards = [
    cardRecord({ id: 'n1', queue: Queue.New, state: State.New }),
    cardRecord({ id: 'n2', queue: Queue.New, state: State.New }),
    cardRecord({ id: 'l1', queue: Queue.Learning, state: State.Learning }),
    cardRecord({ id: 'r1', queue: Queue.Review, state: State.Review }),
    cardRecord({ id: 'rl1', queue: Queue.Learning, state: State.Relearning, deckId: 'mls' }),
    cardRecord({ id: 's1', queue: Queue.Suspended, state: State.Review, deckId: 'mls' }),
    cardRecord({ id: 'b1', queue: Queue.Buried, state: State.New, buriedUntil: now + 1 }),
    cardRecord({ id: 'b2', queue: Queue.Buried, state: State.Review, buriedUntil: now }), // burial over: a review card
    cardRecord({ id: 'gone', queue: Queue.Removed, state: State.Review })
  ]
  const counts = gather(createCardCountsAccumulator({ now }), cards)

  it('sorts cards by state, suspended and buried first, leaving out cards gone from their deck', () => {
    expect(counts.total).toEqual({ new: 2, learning: 1, review: 2, relearning: 1, suspended: 1, buried: 1 })
  })

  it('counts per deck', () => {
    expect(counts.byDeck.get('aws')).toEqual({ new: 2, learning: 1, review: 2, relearning: 0, suspended: 0, buried: 1 })
    expect(counts.byDeck.get('mls')).toEqual({ new: 0, learning: 0, review: 0, relearning: 1, suspended: 1, buried: 0 })
  })

  it('builds the pie with shares in a fixed order', () => {
    const pie = buildCardCountSlices(counts.total)
    expect(pie.total).toBe(8)
    expect(pie.slices.map((s) => [s.kind, s.count, s.share])).toEqual([
      ['new', 2, 0.25],
      ['learning', 1, 0.125],
      ['review', 2, 0.25],
      ['relearning', 1, 0.125],
      ['suspended', 1, 0.125],
      ['buried', 1, 0.125]
    ])
  })
})
