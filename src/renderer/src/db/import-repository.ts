import { Queue, type CardRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { mergeDeck, type MergeSummary } from '@db/deck-repository'
import type { Card, Deck } from '@shared/deck/schema'
import type { DeckOrigin } from '@shared/ipc'

/** What importing a deck would change, shown before the person confirms. */
export interface ImportPlan {
  /** The id the deck gets in the collection (a built-in deck's id is never taken over). */
  deckId: string
  existing: boolean
  added: number
  updated: number
  unchanged: number
  /** Cards of the deck in the collection that the file no longer has. */
  removed: Array<{ cardId: string; front: string }>
}

export async function planImport(db: RecallDatabase, deck: Deck): Promise<ImportPlan> {
  const taken = await db.decks.get(deck.id)
  const deckId = taken && taken.origin === 'builtin' ? `${deck.id}-imported` : deck.id
  const current = await forwardCards(db, deckId)
  const byId = new Map(current.map((c) => [c.cardId, c]))
  let added = 0
  let updated = 0
  for (const card of deck.cards) {
    const old = byId.get(card.id)
    if (!old) added++
    else if (old.question !== card.front || old.answer !== card.back || (old.extra ?? '') !== (card.extra ?? '')) updated++
    byId.delete(card.id)
  }
  const removed = [...byId.values()].map((c) => ({ cardId: c.cardId, front: c.question }))
  return { deckId, existing: current.length > 0, added, updated, unchanged: deck.cards.length - added - updated, removed }
}

/**
 * Brings an imported deck into the collection in one transaction (mergeDeck): progress is kept
 * by card id. Cards the new file lacks are kept in study when `keepRemoved`, else set aside with
 * their progress (a later import that brings them back restores it).
 */
export async function applyImport(
  db: RecallDatabase,
  deck: Deck,
  plan: ImportPlan,
  options: { file: string; keepRemoved: boolean; now: number; origin?: DeckOrigin }
): Promise<MergeSummary> {
  let cards = deck.cards
  if (options.keepRemoved && plan.removed.length > 0) {
    const kept = new Set(plan.removed.map((r) => r.cardId))
    const old = (await forwardCards(db, plan.deckId)).filter((c) => kept.has(c.cardId))
    const reverse = new Set(
      (
        await db.cards
          .where('deckId')
          .equals(plan.deckId)
          .filter((c) => c.reverse)
          .toArray()
      ).map((c) => c.cardId)
    )
    cards = [
      ...cards,
      ...old.map((c): Card => ({
        id: c.cardId,
        front: c.question,
        back: c.answer,
        ...(c.extra ? { extra: c.extra } : {}),
        tags: c.tags,
        ...(reverse.has(c.cardId) ? { reverse: true } : {})
      }))
    ]
  }
  return mergeDeck(db, { deck: { ...deck, id: plan.deckId, cards }, origin: options.origin ?? 'user', file: options.file }, options.now)
}

/** The forward study card of each card of a deck, in deck order (removed ones included). */
async function forwardCards(db: RecallDatabase, deckId: string): Promise<CardRecord[]> {
  const cards = await db.cards
    .where('deckId')
    .equals(deckId)
    .filter((c) => !c.reverse)
    .toArray()
  return cards.sort((a, b) => a.ord - b.ord)
}

/** The deck as a native deck file, rebuilt from the collection (text as edited in the app). */
export async function exportDeck(db: RecallDatabase, deckId: string): Promise<Deck | undefined> {
  const record = await db.decks.get(deckId)
  if (!record) return undefined
  const all = await db.cards
    .where('deckId')
    .equals(deckId)
    .filter((c) => c.queue !== Queue.Removed)
    .toArray()
  const reversed = new Set(all.filter((c) => c.reverse).map((c) => c.cardId))
  const forward = all.filter((c) => !c.reverse).sort((a, b) => a.ord - b.ord)
  return {
    format: 'recall-deck',
    version: 1,
    id: record.id,
    name: record.name,
    ...(record.description ? { description: record.description } : {}),
    cards: forward.map((c) => ({
      id: c.cardId,
      front: c.question,
      back: c.answer,
      ...(c.extra ? { extra: c.extra } : {}),
      tags: c.tags,
      ...(reversed.has(c.cardId) ? { reverse: true } : {})
    }))
  }
}

export async function renameDeck(db: RecallDatabase, deckId: string, name: string): Promise<void> {
  await db.decks.update(deckId, { name })
}

/**
 * Deletes a deck from the list. Its cards are set aside with their progress and history (not
 * erased), so importing the same deck again soon brings everything back; Check collection
 * clears set-aside cards later.
 */
export async function deleteDeck(db: RecallDatabase, deckId: string): Promise<number> {
  return db.transaction('rw', db.decks, db.cards, async () => {
    const count = await db.cards.where('deckId').equals(deckId).modify({ queue: Queue.Removed })
    await db.decks.delete(deckId)
    return count
  })
}
