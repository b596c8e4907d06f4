import { clozePlain } from '@shared/deck/cloze'
import {
  deckRecord,
  draftToNote,
  newNoteRecord,
  newStudyCards,
  REVERSE_ORD_OFFSET,
  uniqueId,
  type Authored,
  type CardDraft,
  type MembershipChange
} from '@core/authoring/card-drafts'
import { isUserDeck, noteKey, noteKeyOfCardKey, Queue, type CardRecord, type DeckRecord, type NoteRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { moveScope, recordMoves } from '@db/sync/sync-moves'
import { cardIdFromFront, hashText, slugify } from '@shared/deck/ids'
import Dexie from 'dexie'

/**
 * Notes, cards and decks made in the app, written to the collection: adding notes, making, copying
 * and deleting decks, moving notes between the user's decks (a note and its cards always together). What a card or deck is made of is worked
 * out by core/authoring/card-drafts.ts; this file reads and writes, one transaction per action.
 */

export const cardIdTaken = (db: RecallDatabase, deckId: string) => async (cardId: string) =>
  (await db.cards.where('[deckId+cardId]').equals([deckId, cardId]).count()) > 0

/** The next forward ord of a deck: one past the highest, looked up per queue through the index. */
export async function nextForwardOrd(db: RecallDatabase, deckId: string): Promise<number> {
  const queues = [Queue.New, Queue.Learning, Queue.Review, Queue.Suspended, Queue.Buried, Queue.Removed]
  const lasts = await Promise.all(
    queues.map((q) =>
      db.cards.where('[deckId+queue+ord]').between([deckId, q, Dexie.minKey], [deckId, q, REVERSE_ORD_OFFSET], true, false).last()
    )
  )
  return Math.max(-1, ...lasts.map((c) => c?.ord ?? -1)) + 1
}

export async function recountDeck(db: RecallDatabase, deckId: string): Promise<void> {
  const cardCount = await db.cards.where('deckId').equals(deckId).count()
  await db.decks.update(deckId, { cardCount })
}

/** Adds a front/back note (its card, and its reverse) to a deck of the user's own, with an id unique in that deck. */
export async function addCard(db: RecallDatabase, deckId: string, draft: CardDraft, now: number): Promise<Authored<{ ids: string[] }>> {
  const checked = draftToNote(draft)
  if (!checked.ok) return checked
  return db.transaction('rw', [db.decks, db.cards, db.notes], async () => {
    const deck = await db.decks.get(deckId)
    if (!isUserDeck(deck))
      return {
        ok: false as const,
        message:
          'Built-in decks get updates with new versions of Recall: add your cards to a deck of your own, or make one with "New deck…".'
      }
    const { note: drafted } = checked
    const id = await uniqueId(cardIdFromFront(drafted.type === 'cloze' ? clozePlain(drafted.text) : drafted.front), cardIdTaken(db, deckId))
    const note = { ...drafted, id }
    const rows = newStudyCards(deckId, note, await nextForwardOrd(db, deckId), now)
    await db.notes.add(newNoteRecord(deckId, note, now))
    await db.cards.bulkAdd(rows)
    await recountDeck(db, deckId)
    return { ok: true as const, ids: rows.map((r) => r.id) }
  })
}

/** A deck id from its name: readable, and with a short hash so that no deck file is likely to share it. */
async function newDeckId(db: RecallDatabase, name: string, now: number): Promise<string> {
  const base = `${slugify(name, 40) || 'deck'}-${hashText(`${name}:${now}`).slice(0, 4)}`
  return uniqueId(base, async (id) => (await db.decks.get(id)) !== undefined)
}

async function checkDeckName(db: RecallDatabase, name: string): Promise<string | undefined> {
  if (!name) return 'The deck needs a name.'
  if (name.length > 200) return 'A deck name is at most 200 characters.'
  const folded = name.toLowerCase()
  const clash = (await db.decks.toArray()).find((d) => d.name.toLowerCase() === folded)
  return clash ? `There is already a deck called "${clash.name}".` : undefined
}

/** Makes an empty deck of the user's own. */
export async function createUserDeck(db: RecallDatabase, name: string, now: number): Promise<Authored<{ deck: DeckRecord }>> {
  const trimmed = name.trim()
  return db.transaction('rw', db.decks, async () => {
    const problem = await checkDeckName(db, trimmed)
    if (problem) return { ok: false as const, message: problem }
    const deck = deckRecord(await newDeckId(db, trimmed, now), trimmed, now)
    await db.decks.add(deck)
    return { ok: true as const, deck }
  })
}

/**
 * Copies a deck (built-in or not) into a new deck of the user's own: the same cards and text,
 * progress starting fresh. The copy keeps the study-options preset of the original.
 */
export async function copyDeck(db: RecallDatabase, sourceId: string, now: number): Promise<Authored<{ deck: DeckRecord }>> {
  return db.transaction('rw', [db.decks, db.cards, db.notes], async () => {
    const source = await db.decks.get(sourceId)
    if (!source) return { ok: false as const, message: 'That deck no longer exists.' }
    let name = `${source.name} (my copy)`
    for (let n = 2; await checkDeckName(db, name); n++) name = `${source.name} (my copy ${n})`
    const deck = deckRecord(await newDeckId(db, name, now), name, now, source.presetId, source.description)
    const notes = await notesInOrder(db, sourceId)
    const rows = notes.flatMap((note, i) => newStudyCards(deck.id, note, i, now))
    await db.decks.add({ ...deck, cardCount: rows.length })
    await db.notes.bulkAdd(notes.map((note) => newNoteRecord(deck.id, note, now)))
    await db.cards.bulkAdd(rows)
    return { ok: true as const, deck: { ...deck, cardCount: rows.length } }
  })
}

/** A deck's notes that are still in it, in the order of their first cards (case studies before their questions). */
async function notesInOrder(db: RecallDatabase, deckId: string) {
  const ord = new Map<string, number>()
  await db.cards
    .where('deckId')
    .equals(deckId)
    .each((c) => {
      if (!c.reverse && c.queue !== Queue.Removed) ord.set(c.cardId, c.ord)
    })
  const notes = (await db.notes.where('deckId').equals(deckId).toArray()).filter((n) => !n.removed).map((n) => n.note)
  for (const note of notes)
    if ('case' in note && note.case) ord.set(note.case, Math.min(ord.get(note.case) ?? Infinity, (ord.get(note.id) ?? Infinity) - 0.5))
  return notes.filter((n) => ord.has(n.id)).sort((a, b) => ord.get(a.id)! - ord.get(b.id)!)
}

/** Both directions of every card the study cards `ids` belong to, from decks the user may change. */
async function notesInAppDecks(db: RecallDatabase, ids: readonly string[], verb: string): Promise<Authored<{ cards: CardRecord[] }>> {
  const picked = (await db.cards.bulkGet([...ids])).filter((c): c is CardRecord => c !== undefined)
  const decks = await db.decks.bulkGet([...new Set(picked.map((c) => c.deckId))])
  const locked = decks.find((d) => d && !isUserDeck(d))
  if (locked)
    return {
      ok: false,
      message: `Cannot ${verb} cards of "${locked.name}": built-in decks get updates with new versions of Recall. Copy the deck to your decks to ${verb} its cards; editing a card is fine (your edit is kept).`
    }
  const notes = new Map(picked.map((c) => [`${c.deckId}\u0000${c.cardId}`, [c.deckId, c.cardId] as const]))
  const cards = await Promise.all(
    [...notes.values()].map((key) =>
      db.cards
        .where('[deckId+cardId]')
        .equals([...key])
        .toArray()
    )
  )
  return { ok: true, cards: cards.flat() }
}

/** Deletes cards (both directions) and their review history, from the user's own decks only. */
export async function deleteCards(db: RecallDatabase, ids: readonly string[]): Promise<Authored<MembershipChange>> {
  return db.transaction('rw', [db.decks, db.cards, db.reviews, db.notes], async () => {
    const found = await notesInAppDecks(db, ids, 'delete')
    if (!found.ok) return found
    const removed = found.cards.map((c) => c.id)
    await db.cards.bulkDelete(removed)
    await db.notes.bulkDelete([...new Set(found.cards.map((c) => noteKey(c.deckId, c.cardId)))])
    await db.reviews.where('cardKey').anyOf(removed).delete()
    for (const deckId of new Set(found.cards.map((c) => c.deckId))) await recountDeck(db, deckId)
    return { ok: true as const, removed, added: [] }
  })
}

/**
 * Moves cards (both directions, with their progress and review history) from one of the user's
 * decks to another. A card's key holds its deck, so each gets a new key, unique in the target.
 */
export async function moveCards(db: RecallDatabase, ids: readonly string[], targetDeckId: string): Promise<Authored<MembershipChange>> {
  return db.transaction('rw', [db.decks, db.cards, db.reviews, db.notes, ...moveScope(db)], async () => {
    if (!isUserDeck(await db.decks.get(targetDeckId)))
      return { ok: false as const, message: 'Cards can only be moved into one of your own decks.' }
    const found = await notesInAppDecks(db, ids, 'move')
    if (!found.ok) return found
    const moving = found.cards.filter((c) => c.deckId !== targetDeckId).sort((a, b) => a.ord - b.ord)
    const placed = new Map<string, { cardId: string; ord: number }>()
    const renamed = new Map<string, CardRecord>()
    const taken = cardIdTaken(db, targetDeckId)
    let nextOrd = await nextForwardOrd(db, targetDeckId)
    for (const card of moving) {
      const note = `${card.deckId}\u0000${card.cardId}`
      let place = placed.get(note)
      if (!place) {
        const used = new Set([...placed.values()].map((p) => p.cardId))
        place = { cardId: await uniqueId(card.cardId, async (id) => used.has(id) || (await taken(id))), ord: nextOrd++ }
        placed.set(note, place)
      }
      // The card keeps what follows its note's key: `/reverse`, a cloze's `/c2`, a template's `/t1`.
      const id = `${noteKey(targetDeckId, place.cardId)}${card.id.slice(noteKeyOfCardKey(card.id).length)}`
      renamed.set(card.id, {
        ...card,
        id,
        deckId: targetDeckId,
        cardId: place.cardId,
        ord: card.reverse ? REVERSE_ORD_OFFSET + place.ord : place.ord
      })
    }
    const keys = new Map([...renamed].map(([from, card]) => [from, card.id]))
    await db.cards.bulkDelete([...keys.keys()])
    await db.cards.bulkAdd([...renamed.values()])
    await moveNotes(db, placed, targetDeckId)
    await db.reviews
      .where('cardKey')
      .anyOf([...keys.keys()])
      .modify((r) => {
        r.cardKey = keys.get(r.cardKey)!
        r.deckId = targetDeckId
      })
    for (const deckId of new Set([targetDeckId, ...moving.map((c) => c.deckId)])) await recountDeck(db, deckId)
    await recordMoves(db, keys, Date.now())
    return { ok: true as const, removed: [...keys.keys()], added: [...keys.values()] }
  })
}

/**
 * The notes of moved cards follow them, under their new ids. A question that named a case study
 * of its old deck no longer does (the case stays where it was).
 */
async function moveNotes(db: RecallDatabase, placed: ReadonlyMap<string, { cardId: string }>, targetDeckId: string): Promise<void> {
  const moved: NoteRecord[] = []
  const gone: string[] = []
  for (const [from, { cardId }] of placed) {
    const [deckId, noteId] = from.split('\u0000') as [string, string]
    const record = await db.notes.get(noteKey(deckId, noteId))
    if (!record) continue
    gone.push(record.id)
    const { case: _, ...rest } = record.note as typeof record.note & { case?: string }
    if (rest.type === 'fields') await bringNoteType(db, deckId, rest.noteType, targetDeckId)
    moved.push({
      ...record,
      id: noteKey(targetDeckId, cardId),
      deckId: targetDeckId,
      noteId: cardId,
      note: { ...rest, id: cardId }
    })
  }
  await db.notes.bulkDelete(gone)
  await db.notes.bulkAdd(moved)
}

/** A moved note of an Anki note type takes its note type along, so that the target deck can make its cards. */
async function bringNoteType(db: RecallDatabase, fromDeckId: string, noteTypeId: string, targetDeckId: string): Promise<void> {
  const type = (await db.decks.get(fromDeckId))?.noteTypes?.find((t) => t.id === noteTypeId)
  const target = await db.decks.get(targetDeckId)
  if (!type || !target || target.noteTypes?.some((t) => t.id === noteTypeId)) return
  await db.decks.update(targetDeckId, { noteTypes: [...(target.noteTypes ?? []), type] })
}
