import { noteKey, type CardRecord, type DeckRecord, type NoteRecord } from '@core/model'
import { cardsOfNote, newCardOf, retiredCards, withNewText } from '@core/notes/cards-of-note'
import type { RecallDatabase } from '@db/database'
import { deckContentHash } from '@db/deck-records'
import type { Note } from '@shared/deck/schema'
import type { LibraryDeck } from '@shared/ipc'

export interface MergeSummary {
  deckId: string
  unchanged: boolean
  added: number
  updated: number
  removed: number
}

/**
 * Brings a deck file into the collection in one transaction. Notes are matched by id, and each
 * note's cards by key: their text is refreshed and their progress kept; new cards start new;
 * notes and cards gone from the file leave study but keep their progress, so a later version
 * that brings them back restores it. A note edited in the app keeps its edited text (keepEdits):
 * that is how a built-in card the person edited stays theirs when a new version of Recall ships
 * a changed deck.
 *
 * Order: every note's first card in file order, then the reversed cards, so a fact is met in its
 * usual direction first.
 */
export async function mergeDeck(db: RecallDatabase, entry: LibraryDeck, now: number): Promise<MergeSummary> {
  const { deck } = entry
  const contentHash = deckContentHash(deck)
  return db.transaction('rw', [db.decks, db.cards, db.notes], async () => {
    const existing = await db.decks.get(deck.id)
    if (existing?.contentHash === contentHash) return { deckId: deck.id, unchanged: true, added: 0, updated: 0, removed: 0 }

    const oldCards = new Map((await db.cards.where('deckId').equals(deck.id).toArray()).map((c) => [c.id, c]))
    const oldNotes = new Map((await db.notes.where('deckId').equals(deck.id).toArray()).map((n) => [n.id, n]))
    const rows: CardRecord[] = []
    const notes: NoteRecord[] = []
    let added = 0
    deck.notes.forEach((fileNote, i) => {
      const key = noteKey(deck.id, fileNote.id)
      const previous = oldNotes.get(key)
      oldNotes.delete(key)
      const kept = previous?.edited ? keepEdits(fileNote, previous.note) : undefined
      const note = kept ?? fileNote
      notes.push({
        id: key,
        deckId: deck.id,
        noteId: note.id,
        note,
        ...(kept ? { edited: true } : {}),
        createdAt: previous?.createdAt ?? now
      })
      for (const text of cardsOfNote(deck.id, note, deck.noteTypes)) {
        const ord = text.reverse ? deck.notes.length + i : i
        const old = oldCards.get(text.id)
        oldCards.delete(text.id)
        if (old) rows.push(withNewText(old, text, ord))
        else {
          added++
          rows.push(newCardOf(deck.id, text, ord, now))
        }
      }
    })
    const removed = retiredCards(oldCards.values())
    const removedNotes = [...oldNotes.values()].filter((n) => !n.removed).map((n) => ({ ...n, removed: true }))

    await db.cards.bulkPut([...rows, ...removed])
    await db.notes.bulkPut([...notes, ...removedNotes])
    const record: DeckRecord = {
      id: deck.id,
      name: deck.name,
      ...(deck.description ? { description: deck.description } : {}),
      origin: entry.origin,
      file: entry.file,
      contentHash,
      cardCount: rows.length,
      updatedAt: now,
      ...(existing?.presetId ? { presetId: existing.presetId } : {}),
      ...(deck.noteTypes?.length ? { noteTypes: deck.noteTypes } : {})
    }
    await db.decks.put(record)
    return { deckId: deck.id, unchanged: false, added, updated: rows.length - added, removed: removed.length }
  })
}

/**
 * A note as its new file says (tags, sources, direction), with the text the person edited in the
 * app: their edit wins. Undefined when the edit no longer fits the note, because the new version
 * made it another kind of note (a front/back note a cloze, say) or changed its note type's fields:
 * the new version is then taken as it is.
 */
function keepEdits(fromFile: Note, edited: Note): Note | undefined {
  if (fromFile.type === 'fields' && edited.type === 'fields')
    return fromFile.noteType === edited.noteType && fromFile.fields.length === edited.fields.length
      ? { ...fromFile, fields: edited.fields }
      : undefined
  if (fromFile.type === 'basic' && edited.type === 'basic') {
    const { extra: _, ...rest } = fromFile
    return { ...rest, front: edited.front, back: edited.back, ...(edited.extra ? { extra: edited.extra } : {}) }
  }
  if (fromFile.type === 'cloze' && edited.type === 'cloze') {
    const { extra: _, ...rest } = fromFile
    return { ...rest, text: edited.text, ...(edited.extra ? { extra: edited.extra } : {}) }
  }
  return undefined
}
