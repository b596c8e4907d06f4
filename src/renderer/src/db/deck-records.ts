import type { DeckRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { hashText } from '@shared/deck/ids'
import type { LibraryDeck } from '@shared/ipc'

/** What a deck file's content is known by: merging the same content again changes nothing (deck-repository.ts). */
export function deckContentHash(deck: LibraryDeck['deck']): string {
  return hashText(JSON.stringify(deck))
}

/**
 * The deck files whose content the collection has not merged yet. Every start but the first
 * after an update finds none, so it neither writes nor fetches the merge's code.
 */
export async function unmergedDecks(db: RecallDatabase, entries: readonly LibraryDeck[]): Promise<LibraryDeck[]> {
  const stored = await db.decks.bulkGet(entries.map((e) => e.deck.id))
  return entries.filter((entry, i) => stored[i]?.contentHash !== deckContentHash(entry.deck))
}

export function listDecks(db: RecallDatabase): Promise<DeckRecord[]> {
  return db.decks.orderBy('id').toArray()
}
