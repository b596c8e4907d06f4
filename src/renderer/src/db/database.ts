import Dexie, { type EntityTable } from 'dexie'
import type { CardRecord, DeckRecord, ReviewRecord } from './records'

export const DATABASE_NAME = 'recall'

/**
 * The collection. Compound indexes serve the hot queries without scanning: today's learning and
 * review cards by [deckId+queue+due], new cards in deck order by [deckId+queue+ord], and today's
 * reviews of a deck by [deckId+review].
 */
export class RecallDatabase extends Dexie {
  decks!: EntityTable<DeckRecord, 'id'>
  cards!: EntityTable<CardRecord, 'id'>
  reviews!: EntityTable<ReviewRecord, 'id'>

  constructor(name = DATABASE_NAME) {
    // Review writes must reach the disk before the next card is shown.
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({
      decks: 'id',
      cards: 'id, deckId, [deckId+queue+due], [deckId+queue+ord], [deckId+cardId]',
      reviews: '++id, cardKey, [deckId+review], review'
    })
  }
}
