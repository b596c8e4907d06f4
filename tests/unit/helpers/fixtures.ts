import { RecallDatabase } from '@db/database'
import type { BasicNote, Deck } from '@shared/deck/schema'
import type { LibraryDeck } from '@shared/ipc'

let counter = 0
/** A fresh, empty database on fake-indexeddb. */
export function freshDatabase(): RecallDatabase {
  return new RecallDatabase(`test-${process.pid}-${++counter}`)
}

export function makeCards(n: number, reverse = false): BasicNote[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i + 1}`,
    type: 'basic' as const,
    front: `Question ${i + 1}`,
    back: `Answer ${i + 1}`,
    tags: ['t'],
    ...(reverse ? { reverse: true } : {})
  }))
}

export function makeDeck(id: string, notes: Deck['notes']): LibraryDeck {
  const deck: Deck = { format: 'recall-deck', version: 2, id, name: `Deck ${id}`, notes }
  return { deck, origin: 'builtin', file: `${id}.json` }
}

/**
 * A stored card without its change stamp `mod`, which every write renews: for comparing a card's
 * content before and after an undo, or with one built in the test.
 */
export function unstamped<T extends { mod?: number }>(card: T): Omit<T, 'mod'>
export function unstamped<T extends { mod?: number }>(card: T | undefined): Omit<T, 'mod'> | undefined
export function unstamped<T extends { mod?: number }>(card: T | undefined): Omit<T, 'mod'> | undefined {
  if (!card) return card
  const { mod: _, ...rest } = card
  return rest
}

export function allUnstamped<T extends { mod?: number }>(cards: readonly T[]): Array<Omit<T, 'mod'>>
export function allUnstamped<T extends { mod?: number }>(cards: ReadonlyArray<T | undefined>): Array<Omit<T, 'mod'> | undefined>
export function allUnstamped<T extends { mod?: number }>(cards: ReadonlyArray<T | undefined>): Array<Omit<T, 'mod'> | undefined> {
  return cards.map((c) => unstamped(c))
}
