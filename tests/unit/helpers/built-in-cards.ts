import { Queue, type CardRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import type { BasicNote, Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'

export const BUILT_IN_DECK_IDS = ['aws-ml-chips', 'aws-ml-pipeline', 'aws-ml-services'] as const

export function readDeck(id: string): Deck {
  return JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as Deck
}

/** The study cards of a deck of front/back notes as mergeDeck makes them: forward cards in file order, then the reversed ones. */
export function studyCardsOf(deck: Deck, now = Date.UTC(2026, 0, 5)): CardRecord[] {
  const place = (card: BasicNote, reverse: boolean, ord: number): CardRecord => ({
    id: reverse ? `${deck.id}/${card.id}/reverse` : `${deck.id}/${card.id}`,
    deckId: deck.id,
    cardId: card.id,
    reverse,
    ord,
    question: reverse ? card.back : card.front,
    answer: reverse ? card.front : card.back,
    ...(card.extra !== undefined ? { extra: card.extra } : {}),
    tags: card.tags,
    ...(card.tasks ? { tasks: card.tasks } : {}),
    ...newSchedulingState(now),
    queue: Queue.New,
    createdAt: now
  })
  const notes = deck.notes.map((note, i) => [note, i] as const).filter((e): e is readonly [BasicNote, number] => e[0].type === 'basic')
  return [
    ...notes.map(([c, i]) => place(c, false, i)),
    ...notes.flatMap(([c, i]) => (c.reverse ? [place(c, true, deck.notes.length + i)] : []))
  ]
}

export function builtInCards(): CardRecord[] {
  return BUILT_IN_DECK_IDS.flatMap((id) => studyCardsOf(readDeck(id)))
}
