import type { Note } from '@shared/deck/schema'

/**
 * A note of the collection: what its deck file (or the person, in the app) wrote, from which its
 * study cards are made (core/notes/cards-of-note.ts). Its key is `deckId/noteId`, which is also
 * the key of its first card, so a deck of version 1 keeps every card's key.
 */
export interface NoteRecord {
  id: string
  deckId: string
  /** The note's id in its deck (`note.id`). */
  noteId: string
  /** The note as a deck file holds it: type, fields, tags, task statements, sources. */
  note: Note
  /** Gone from its deck file; kept, with its cards' progress, in case it comes back. */
  removed?: boolean
  /** Edited in the app: a new version of the deck file keeps the edited text. */
  edited?: boolean
  createdAt: number
}

export function noteKey(deckId: string, noteId: string): string {
  return `${deckId}/${noteId}`
}
