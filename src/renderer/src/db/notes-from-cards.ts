import { Queue, type CardRecord, type NoteRecord } from '@core/model'

type Row = Record<string, unknown>

/**
 * The notes of a collection from before notes (database version 4): each card was one direction
 * of a front/back note, its key `deckId/cardId` (and `…/reverse`). The forward card holds the
 * note's front and back; a reverse card means the note was reversed. A note whose every card had
 * left its deck file is kept as removed, like its cards.
 */
export function notesFromCards(rows: readonly Row[]): Row[] {
  const byNote = new Map<string, CardRecord[]>()
  for (const row of rows) {
    const card = row as unknown as CardRecord
    const key = `${card.deckId}/${card.cardId}`
    const list = byNote.get(key)
    if (list) list.push(card)
    else byNote.set(key, [card])
  }
  const notes: NoteRecord[] = []
  for (const [key, cards] of byNote) {
    const forward = cards.find((c) => !c.reverse)
    const reverse = cards.find((c) => c.reverse)
    const front = forward ? forward.question : reverse!.answer
    const back = forward ? forward.answer : reverse!.question
    const first = forward ?? reverse!
    const extra = first.extra
    notes.push({
      id: key,
      deckId: first.deckId,
      noteId: first.cardId,
      note: {
        id: first.cardId,
        type: 'basic',
        front,
        back,
        ...(extra ? { extra } : {}),
        tags: [...first.tags],
        ...(reverse ? { reverse: true } : {})
      },
      ...(cards.every((c) => c.queue === Queue.Removed) ? { removed: true } : {}),
      ...(cards.some((c) => c.edited) ? { edited: true } : {}),
      createdAt: Math.min(...cards.map((c) => c.createdAt))
    })
  }
  return notes as unknown as Row[]
}
