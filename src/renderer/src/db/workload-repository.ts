import type { StatsCard } from '@core/model'
import { eachCardOfColumns, readCardColumns } from '@db/card-columns'
import type { RecallDatabase } from '@db/database'

/**
 * The memory state of every card of a deck, for the workload simulator: from the card columns
 * (card-columns.ts), so 10,000 cards are read as a few typed arrays, never their text or history.
 */
export async function loadDeckMemoryStates(db: RecallDatabase, deckId: string): Promise<StatsCard[]> {
  const [columns] = await readCardColumns(db, [deckId])
  const cards: StatsCard[] = []
  if (columns) eachCardOfColumns(columns, (card) => cards.push(card))
  return cards
}
