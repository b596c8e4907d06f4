import type { NoteType } from '@shared/deck/schema'
import type { DeckOrigin } from '@shared/ipc'

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
  /** The study-options preset the deck uses; absent means the default preset. */
  presetId?: string
  /** The note types of the deck's `fields` notes (from an Anki package), as its file gave them. */
  noteTypes?: NoteType[]
}

/**
 * The user's own decks (made here, imported, or from the decks folder) take new, moved and deleted
 * cards; built-in decks do not (they follow the app's updates), though their cards may be edited.
 */
export const isUserDeck = (deck: Pick<DeckRecord, 'origin'> | undefined): boolean => deck?.origin === 'user'
