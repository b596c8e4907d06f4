import { Queue, queueForState, studyCardKey, type CardRecord, type DeckRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import type { RecallDatabase } from '@db/database'
import { hashText } from '@shared/deck/ids'
import type { Card } from '@shared/deck/schema'
import type { LibraryDeck } from '@shared/ipc'

export interface MergeSummary {
  deckId: string
  unchanged: boolean
  added: number
  updated: number
  removed: number
}

/**
 * Brings a deck file into the collection in one transaction. Cards are matched by id: their text
 * is refreshed and their progress kept; new cards start new; cards gone from the file leave study
 * but keep their progress, so a later version that brings them back restores it.
 */
export async function mergeDeck(db: RecallDatabase, entry: LibraryDeck, now: number): Promise<MergeSummary> {
  const { deck } = entry
  const contentHash = hashText(JSON.stringify(deck))
  return db.transaction('rw', db.decks, db.cards, async () => {
    const existing = await db.decks.get(deck.id)
    if (existing?.contentHash === contentHash) return { deckId: deck.id, unchanged: true, added: 0, updated: 0, removed: 0 }

    const old = new Map((await db.cards.where('deckId').equals(deck.id).toArray()).map((c) => [c.id, c]))
    const rows: CardRecord[] = []
    let added = 0
    const place = (card: Card, reverse: boolean, ord: number) => {
      const id = studyCardKey(deck.id, card.id, reverse)
      const text = {
        question: reverse ? card.back : card.front,
        answer: reverse ? card.front : card.back,
        extra: card.extra,
        tags: card.tags,
        ord
      }
      const previous = old.get(id)
      old.delete(id)
      if (previous) {
        const queue = previous.queue === Queue.Removed ? queueForState(previous.state) : previous.queue
        // Text the user edited in the app wins over the file; tags and order follow the file.
        const fromFile = previous.edited ? { tags: text.tags, ord: text.ord } : text
        rows.push({ ...previous, ...fromFile, queue })
      } else {
        added++
        rows.push({ id, deckId: deck.id, cardId: card.id, reverse, ...text, ...newSchedulingState(now), queue: Queue.New, createdAt: now })
      }
    }
    deck.cards.forEach((card, i) => place(card, false, i))
    deck.cards.forEach((card, i) => card.reverse && place(card, true, deck.cards.length + i))
    const removed = [...old.values()].filter((c) => c.queue !== Queue.Removed).map((c) => ({ ...c, queue: Queue.Removed }))

    await db.cards.bulkPut([...rows, ...removed])
    const record: DeckRecord = {
      id: deck.id,
      name: deck.name,
      ...(deck.description ? { description: deck.description } : {}),
      origin: entry.origin,
      file: entry.file,
      contentHash,
      cardCount: rows.length,
      updatedAt: now
    }
    await db.decks.put(record)
    return { deckId: deck.id, unchanged: false, added, updated: rows.length - added, removed: removed.length }
  })
}

export function listDecks(db: RecallDatabase): Promise<DeckRecord[]> {
  return db.decks.orderBy('id').toArray()
}
