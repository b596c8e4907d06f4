import { Queue, queueForState, type CardRecord, type DeckRecord, type NoteRecord } from '@core/model'
import { cardsOfNote, newCardOf, retiredCards, withNewText } from '@core/notes/cards-of-note'
import { newSchedulingState } from '@core/scheduling/card-state'
import { replayCard, type ReplayedCard } from '@core/sync/card-replay'
import { reviewsOfCard, studySchedulers } from '@core/sync/merged-collection'
import { cardKeyOf, deckOfKey, keysInto, reviewCardKey, type SyncState, type Touched } from '@core/sync/sync-state'
import type { RecallDatabase } from '@db/database'
import { mergedRow } from '@db/sync/merged-rows'
import { newReviewRows } from '@db/sync/new-review-rows'
import { cardWithFields, rowOfFields } from '@db/sync/row-fields'
import { META_TABLE, OUTBOX_TABLE, ownReviewId, type ExchangeRow, type OutboxEntry, type SyncedReviewRecord } from '@db/sync/sync-records'
import type { SyncTable } from '@shared/sync/changes'

type Row = Record<string, unknown>

/** What a sync writes to the collection: the rows and cards the merge touched, the other devices' review rows, the undone ones. */
export interface MergedWrite {
  touched: Touched
  /** Reviews new to this collection (other devices'), by sync id. */
  newReviews: string[]
  /** Reviews taken back, by sync id: the rows here that carry them are deleted. */
  undone: string[]
  /** Own review ids (`ownReviewId`) → their row keys here. */
  ownReviewKey: (id: string) => number | undefined
  /** This installation's device id: its own review rows' sync ids are `ownReviewId(device, key)`. */
  device: string
  exchange: ExchangeRow
  /** The highest outbox entry this sync read: a card graded after it keeps its state here until the next sync. */
  outboxRead: number
  /**
   * Content this collection applied was replaced in the folder by a snapshot (its files were
   * compacted): the merge state lacks it, so a review it calls new may be here already, and is
   * looked for by its sync id before it is added (`FolderState.replaced`).
   */
  checkHere?: boolean
  /** Cards replayed before the transaction (`replayingCards`, in slices); any other card is replayed in it. */
  replays?: ReadonlyMap<string, ReplayedCard | undefined>
  now: number
}

const SIMPLE_TABLES: readonly SyncTable[] = ['presets', 'settings', 'exams', 'simulations']

/**
 * Writes a merge's result in ONE transaction, together with the exchange's bookkeeping (the
 * segments applied, the clock): after a crash the collection holds all of it or none, and the
 * segments are applied again. Its scope holds `syncMeta`, so the recorder (sync-recorder.ts) does
 * not send these writes back. Only what the merge touched is read and written; a card's state is
 * the replay of its merged reviews, and a note's cards are made from its fields, their progress kept.
 */
/**
 * Writes the merge in one transaction. Returns the cards it left as a grade given while the sync
 * ran made them (the exchange row written says so too: `replayNext`); the next sync replays them.
 */
export async function writeMerged(db: RecallDatabase, state: SyncState, write: MergedWrite): Promise<{ replayNext: string[] }> {
  const { touched, now } = write
  const byTable = new Map<SyncTable, string[]>()
  for (const where of touched.rows) {
    const colon = where.indexOf(':')
    const table = where.slice(0, colon) as SyncTable
    ;(byTable.get(table) ?? byTable.set(table, []).get(table)!).push(where.slice(colon + 1))
  }
  const schedulerOf = studySchedulers(state)
  const tables = [
    db.decks,
    db.notes,
    db.cards,
    db.reviews,
    db.presets,
    db.settings,
    db.exams,
    db.simulations,
    db.table(META_TABLE),
    db.table(OUTBOX_TABLE)
  ]
  const replayNext = new Set<string>()
  await db.transaction('rw', tables, async () => {
    for (const table of SIMPLE_TABLES) {
      for (const key of byTable.get(table) ?? []) {
        const merged = mergedRow(state, table, key)
        if (merged.kind === 'stands') await db.table(table).put(rowOfFields(table, key, merged.fields, undefined, now))
        else if (merged.kind === 'removed') await db.table(table).delete(key)
      }
    }

    const cardKeys = new Set<string>([...touched.cards, ...(byTable.get('cards') ?? [])])
    for (const key of byTable.get('decks') ?? []) {
      const merged = mergedRow(state, 'decks', key)
      if (merged.kind === 'stands') {
        const existing = await db.decks.get(key)
        await db.decks.put(rowOfFields('decks', key, merged.fields, existing as Row | undefined, now) as unknown as DeckRecord)
      } else if (merged.kind === 'removed') {
        // Set aside as deleteDeck does: notes and cards kept, with their progress and history.
        await db.cards.where('deckId').equals(key).modify({ queue: Queue.Removed })
        await db.notes.where('deckId').equals(key).modify({ removed: true })
        await db.decks.delete(key)
      }
    }

    const notesByDeck = new Map<string, string[]>()
    for (const key of byTable.get('notes') ?? [])
      (notesByDeck.get(deckOfKey(key)) ?? notesByDeck.set(deckOfKey(key), []).get(deckOfKey(key))!).push(key)
    for (const [deckId, keys] of notesByDeck) {
      const deck = await db.decks.get(deckId)
      const deckCards = await db.cards.where('deckId').equals(deckId).toArray()
      const cardsOf = new Map<string, CardRecord[]>()
      for (const card of deckCards) (cardsOf.get(card.cardId) ?? cardsOf.set(card.cardId, []).get(card.cardId)!).push(card)
      let nextOrd = deckCards.reduce((max, c) => Math.max(max, c.ord + 1), 0)
      const notes: NoteRecord[] = []
      const cards: CardRecord[] = []
      const goneNotes: string[] = []
      const goneCards: string[] = []
      const existingNotes = await readInPieces(keys, (piece) => db.notes.bulkGet(piece))
      keys.forEach((key, i) => {
        const merged = mergedRow(state, 'notes', key)
        if (merged.kind === 'unknown') return
        const existing = existingNotes[i]
        if (merged.kind === 'removed') {
          if (!existing) return
          if (ownTombstone(state, key)) {
            // Deleted (Delete cards) or moved to another deck on some machine: gone here too, as there.
            goneNotes.push(key)
            goneCards.push(...(cardsOf.get(existing.noteId) ?? []).map((c) => c.id))
            return
          }
          // Its deck was removed: set aside with it, as deleteDeck does.
          if (!existing.removed) notes.push({ ...existing, removed: true })
          cards.push(...retiredCards(cardsOf.get(existing.noteId) ?? []))
          return
        }
        const note = rowOfFields('notes', key, merged.fields, existing as Row | undefined, now) as unknown as NoteRecord
        notes.push(note)
        const old = new Map((cardsOf.get(note.noteId) ?? []).map((c) => [c.id, c]))
        if (!note.removed && deck) {
          for (const text of cardsOfNote(deckId, note.note, deck.noteTypes)) {
            const was = old.get(text.id)
            old.delete(text.id)
            const card = was ? withNewText(was, text, was.ord) : newCardOf(deckId, text, nextOrd++, now)
            // Edited in the app on some machine: a new version of the deck file keeps the edit here too.
            // The card says what its merged note says, not what it said here before.
            if (note.edited) card.edited = true
            else delete card.edited
            cards.push(card)
            cardKeys.add(text.id)
          }
        }
        cards.push(...retiredCards(old.values()))
      })
      await inPieces(notes, (piece) => db.notes.bulkPut(piece))
      await inPieces(cards, (piece) => db.cards.bulkPut(piece))
      await db.notes.bulkDelete(goneNotes)
      await db.cards.bulkDelete(goneCards)
    }

    // Graded while this sync ran: the replay does not know that grade yet, so the card keeps the
    // state the study screen gave it; the next sync sends the grade and replays the card, since
    // the merge state will then hold what this one brought and nothing new may touch the card.
    const later = (await db.table(OUTBOX_TABLE).where(':id').above(write.outboxRead).toArray()) as OutboxEntry[]
    for (const entry of later) if (entry.k === 'review' && cardKeys.delete(entry.row.cardKey)) replayNext.add(entry.row.cardKey)
    const keys = [...cardKeys]
    await followMoves(db, state, keys, write.device)
    const stored = await readInPieces(keys, (piece) => db.cards.bulkGet(piece))
    const cards: CardRecord[] = []
    const movedAway: string[] = []
    keys.forEach((key, i) => {
      let card = stored[i]
      if (!card) return
      // Moved to another deck on some machine: the card lives on under its new key (the move's note brings it).
      if (cardKeyOf(state, key) !== key) return void movedAway.push(key)
      const fields = mergedRow(state, 'cards', key)
      const followState = (c: CardRecord) => queueForState(c.state)
      if (fields.kind === 'stands') card = cardWithFields(card, fields.fields, followState)
      else if (fields.kind === 'removed') card = { ...card, queue: Queue.Removed }
      const replayed = write.replays?.has(key) ? write.replays.get(key) : replayCard(schedulerOf(deckOfKey(key)), reviewsOfCard(state, key))
      if (replayed || touched.cards.has(key)) {
        const next = replayed?.state ?? newSchedulingState(card.createdAt)
        card = { ...card, ...next }
        if (next.last_review === undefined) delete card.last_review
        if (card.queue !== Queue.Removed && card.queue !== Queue.Suspended && card.queue !== Queue.Buried)
          card.queue = queueForState(card.state)
      }
      cards.push(card)
    })
    await inPieces(cards, (piece) => db.cards.bulkPut(piece))
    await db.cards.bulkDelete(movedAway)

    const rows = await newReviewRows(db, state, write)
    await inPieces(rows, (piece) => db.reviews.bulkAdd(piece))
    await deleteUndone(db, state, write)
    await db.table(META_TABLE).put(withReplayNext(write.exchange, [...replayNext]))
  })
  return { replayNext: [...replayNext] }
}

/** The exchange row with the cards the next sync must replay (none: the field is left out). */
export function withReplayNext(exchange: ExchangeRow, replayNext: readonly string[]): ExchangeRow {
  const { replayNext: _before, ...rest } = exchange
  return replayNext.length > 0 ? { ...rest, replayNext: [...replayNext] } : rest
}

/**
 * Rows written (or read) per request: between two, the transaction's requests answer and the page
 * gets a turn (a year of reviews is 100,000 rows). 250: a piece of review rows, with the rollup's
 * reads and writes the middleware adds for it, took up to ~500 ms at 1,000 on the loaded bench
 * machine (2,000 cards), ~170 ms at 250, for the same total time.
 */
const ROWS_PER_REQUEST = 250

/** `write` called on `rows` a thousand at a time, each awaited: still one transaction, but no task of seconds. */
async function inPieces<T>(rows: readonly T[], write: (piece: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_REQUEST) await write(rows.slice(start, start + ROWS_PER_REQUEST))
}

/** `read` called on `keys` a piece at a time, each awaited (a year of study touches 60,000 cards): the rows in the keys' order. */
async function readInPieces<K, T>(keys: readonly K[], read: (piece: K[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = []
  for (let start = 0; start < keys.length; start += ROWS_PER_REQUEST)
    rows.push(...(await read(keys.slice(start, start + ROWS_PER_REQUEST))))
  return rows
}

/** Review rows taken back on another device: found by their card, then by their sync id (or, for this device's own, their key). */
async function deleteUndone(db: RecallDatabase, state: SyncState, write: MergedWrite): Promise<void> {
  const keys: number[] = []
  for (const id of write.undone) {
    const own = write.ownReviewKey(id)
    if (own !== undefined) {
      keys.push(own)
      continue
    }
    const graded = state.reviews.get(id)
    if (!graded) continue
    const card = reviewCardKey(state, graded)
    const rows = (await db.reviews.where('cardKey').equals(card).toArray()) as SyncedReviewRecord[]
    for (const row of rows) if (row.syncId === id && row.id !== undefined) keys.push(row.id)
  }
  if (keys.length > 0) await db.reviews.bulkDelete(keys)
}

/**
 * Review rows here whose card was moved (here or on another machine) are given the card's new key
 * and deck, as `moveCards` does on the machine that moved it: the history goes with the card. A
 * row under a key another card has since been moved into goes by when it was given
 * (`reviewCardKey`): before the arrival it is the history of the card that left.
 */
async function followMoves(db: RecallDatabase, state: SyncState, cards: readonly string[], device: string): Promise<void> {
  for (const card of cards) {
    if (cardKeyOf(state, card) !== card) continue
    const from = keysInto(state, card).filter((key) => key !== card)
    if (from.length === 0) continue
    const deckId = deckOfKey(card)
    const belongs = (row: SyncedReviewRecord) => {
      const review = state.reviews.get(row.syncId ?? ownReviewId(device, row.id!))
      return (review ? reviewCardKey(state, review) : cardKeyOf(state, row.cardKey)) === card
    }
    await db.reviews
      .where('cardKey')
      .anyOf(from)
      .modify((row) => {
        if (!belongs(row)) return
        row.cardKey = card
        row.deckId = deckId
      })
  }
}

/**
 * A note's own tombstone stands: the machine that removed it deleted the row (Delete cards, or the
 * old key of a move). A note removed by its deck's tombstone instead is set aside with the deck;
 * a deck update's removed notes travel as a `removed` field, never as a tombstone.
 */
function ownTombstone(state: SyncState, key: string): boolean {
  const row = state.rows.notes.get(key)
  return row !== undefined && row.removed !== '' && row.written <= row.removed
}
