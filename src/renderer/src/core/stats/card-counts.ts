import { Queue, type CardRecord } from '@core/model'
import type { Accumulator } from '@core/stats/accumulator'
import { State } from 'ts-fsrs'

export type CountedCard = Pick<CardRecord, 'deckId' | 'queue' | 'state' | 'buriedUntil'>

export const CARD_KINDS = ['new', 'learning', 'review', 'relearning', 'suspended', 'buried'] as const
export type CardKind = (typeof CARD_KINDS)[number]
export type CardKindCounts = Record<CardKind, number>

export interface CardCounts {
  total: CardKindCounts
  byDeck: Map<string, CardKindCounts>
}

const emptyCounts = (): CardKindCounts => ({ new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, buried: 0 })

const BY_STATE: Record<State, CardKind> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning'
}

/**
 * Which slice of the pie a card is in. Suspended and buried win over the FSRS state, as in
 * Anki; a card whose burial has run out counts by its state even before the db unburies it.
 * Cards no longer in their deck file are not counted.
 */
function cardKindOf(card: CountedCard, now: number): CardKind | undefined {
  if (card.queue === Queue.Removed) return undefined
  if (card.queue === Queue.Suspended) return 'suspended'
  if (card.queue === Queue.Buried && (card.buriedUntil === undefined || card.buriedUntil > now)) return 'buried'
  return BY_STATE[card.state]
}

/** Cards by kind, overall and per deck. Feed it the cards (table `cards`, or index `deckId`). */
export function createCardCountsAccumulator(params: { now: number }): Accumulator<CountedCard, CardCounts> {
  const total = emptyCounts()
  const byDeck = new Map<string, CardKindCounts>()
  return {
    add(card) {
      const kind = cardKindOf(card, params.now)
      if (kind === undefined) return
      total[kind]++
      let deck = byDeck.get(card.deckId)
      if (!deck) byDeck.set(card.deckId, (deck = emptyCounts()))
      deck[kind]++
    },
    result: () => ({ total, byDeck })
  }
}

export interface CardCountSlice {
  kind: CardKind
  count: number
  /** Share of all counted cards, 0–1. */
  share: number
}

/** The pie: one slice per kind, in a fixed order, with their shares. */
export function buildCardCountSlices(counts: CardKindCounts): { slices: CardCountSlice[]; total: number } {
  const total = CARD_KINDS.reduce((sum, kind) => sum + counts[kind], 0)
  return {
    total,
    slices: CARD_KINDS.map((kind) => ({ kind, count: counts[kind], share: total > 0 ? counts[kind] / total : 0 }))
  }
}
