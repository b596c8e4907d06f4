import type { Card, Deck } from '../../../src/shared/deck/schema'
import type { LibraryDeck } from '../../../src/shared/ipc'
import { RecallDatabase } from '../../../src/renderer/src/db/database'

let counter = 0
/** A fresh, empty database on fake-indexeddb. */
export function freshDatabase(): RecallDatabase {
  return new RecallDatabase(`test-${process.pid}-${++counter}`)
}

export function makeCards(n: number, reverse = false): Card[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i + 1}`,
    front: `Question ${i + 1}`,
    back: `Answer ${i + 1}`,
    tags: ['t'],
    ...(reverse ? { reverse: true } : {})
  }))
}

export function makeDeck(id: string, cards: Card[]): LibraryDeck {
  const deck: Deck = { format: 'recall-deck', version: 1, id, name: `Deck ${id}`, cards }
  return { deck, origin: 'builtin', file: `${id}.json` }
}
