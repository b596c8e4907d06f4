import { Queue, type CardRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import type { Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'

export const BUILT_IN_DECK_IDS = ['aws-ml-chips', 'aws-ml-pipeline', 'aws-ml-services'] as const

export function readDeck(id: string): Deck {
  return JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as Deck
}

/** Study cards as mergeDeck makes them: forward cards in file order, then the reversed ones. */
export function studyCardsOf(deck: Deck, now = Date.UTC(2026, 0, 5)): CardRecord[] {
  const place = (card: Deck['cards'][number], reverse: boolean, ord: number): CardRecord => ({
    id: reverse ? `${deck.id}/${card.id}/reverse` : `${deck.id}/${card.id}`,
    deckId: deck.id,
    cardId: card.id,
    reverse,
    ord,
    question: reverse ? card.back : card.front,
    answer: reverse ? card.front : card.back,
    ...(card.extra !== undefined ? { extra: card.extra } : {}),
    tags: card.tags,
    ...newSchedulingState(now),
    queue: Queue.New,
    createdAt: now
  })
  return [
    ...deck.cards.map((c, i) => place(c, false, i)),
    ...deck.cards.flatMap((c, i) => (c.reverse ? [place(c, true, deck.cards.length + i)] : []))
  ]
}

export function builtInCards(): CardRecord[] {
  return BUILT_IN_DECK_IDS.flatMap((id) => studyCardsOf(readDeck(id)))
}
