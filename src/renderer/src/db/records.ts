import type { SchedulingState, StoredReviewLog } from '../core/card-state'
import type { DeckOrigin } from '../../../shared/ipc'

export interface DeckRecord {
  id: string
  name: string
  description?: string
  origin: DeckOrigin
  file: string
  /** Hash of the deck's content when it was last merged, so an unchanged deck is not merged again. */
  contentHash: string
  cardCount: number
  updatedAt: number
}

/**
 * Where a card sits, as in Anki's `queue` column: which of today's lists it can be in. Derived
 * from its FSRS state unless the user or the deck took it out of study.
 */
export const Queue = {
  New: 0,
  Learning: 1,
  Review: 2,
  /** The card is no longer in its deck file; its progress is kept in case it comes back. */
  Removed: -3
} as const
export type QueueValue = (typeof Queue)[keyof typeof Queue]

/** One study card: one direction of one card of a deck, with its scheduling state. */
export interface CardRecord extends SchedulingState {
  /** `deckId/cardId` for the front→back direction, `deckId/cardId/reverse` for back→front. */
  id: string
  deckId: string
  cardId: string
  reverse: boolean
  /** Position in the deck: forward cards first, in file order, then the reversed ones. */
  ord: number
  question: string
  answer: string
  extra?: string
  tags: string[]
  queue: QueueValue
  createdAt: number
}

export interface ReviewRecord extends StoredReviewLog {
  id?: number
  cardKey: string
  deckId: string
  /** Milliseconds from showing the question to the grade. */
  duration: number
}

/** The list an active card belongs in, from its FSRS state (ts-fsrs State: 0 new, 1/3 learning, 2 review). */
export function queueForState(state: number): QueueValue {
  if (state === 0) return Queue.New
  if (state === 2) return Queue.Review
  return Queue.Learning
}
