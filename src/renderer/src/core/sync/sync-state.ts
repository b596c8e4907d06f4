import { TABLE_OF_REMOVABLE, type Fields, type ReviewChange, type SyncChange, type SyncTable } from '@shared/sync/changes'
import type { Stamp } from '@shared/sync/hlc'

/**
 * Everything the changes of every device say, merged: the state of a convergent replicated data
 * type. Applying a change only ever takes a maximum (the latest write of a field, the latest
 * tombstone) or a union (reviews, undos, media contents), so the same changes give the same state
 * in any order, any number of times. What the collection then looks like is read from it by
 * `mergedCollection` (merged-collection.ts).
 */
export interface SyncState {
  rows: Record<SyncTable, Map<string, RowState>>
  reviews: Map<string, ReviewChange>
  /** Review ids per card key. */
  reviewsOfCard: Map<string, Set<string>>
  /** Reviews taken back (Undo). */
  undone: Set<string>
  /** Cards moved to another deck, by the key they left: the latest move of each key. */
  moves: Map<string, Move>
  /** Every move, by the key it left: a key can hold one card, then another moved in (`cardKeyOf`). */
  departures: Map<string, Move[]>
  /** The keys that were moved into each key (a move later overruled stays listed: `cardKeyOf` checks). */
  movedInto: Map<string, Set<string>>
  /** Media contents by SHA-256: what the bytes are, as the earliest change that named them said (at `at`, for `name`: a snapshot writes that change again). */
  contents: Map<string, MediaContent & { at: Stamp; name: string }>
  /** The latest stamp seen: a device receives it into its clock (shared/sync/hlc.ts `receive`). */
  latest: Stamp
}

interface Move {
  at: Stamp
  to: string
}

export interface RowState {
  fields: Map<string, { at: Stamp; value: unknown }>
  /** The latest stamp of a write to the row's fields ('' none). */
  written: Stamp
  /** For a deck: the latest write to any of its notes' or cards' fields ('' none). */
  childWritten: Stamp
  /** The latest tombstone ('' none). */
  removed: Stamp
}

export interface MediaContent {
  type: string
  size: number
}

/** What applying changes touched: the collection side writes these rows and replays these cards. */
export interface Touched {
  rows: Set<`${SyncTable}:${string}`>
  cards: Set<string>
}

export function emptySyncState(): SyncState {
  const table = () => new Map<string, RowState>()
  return {
    rows: {
      decks: table(),
      notes: table(),
      cards: table(),
      presets: table(),
      settings: table(),
      exams: table(),
      simulations: table(),
      media: table()
    },
    reviews: new Map(),
    reviewsOfCard: new Map(),
    undone: new Set(),
    moves: new Map(),
    departures: new Map(),
    movedInto: new Map(),
    contents: new Map(),
    latest: ''
  }
}

/** Applies `changes` to the merge state; what they touched is added to `touched` (a new record by default). */
export function applyChanges(
  state: SyncState,
  changes: Iterable<SyncChange>,
  touched: Touched = { rows: new Set(), cards: new Set() }
): Touched {
  for (const change of changes) applyChange(state, change, touched)
  return touched
}

function applyChange(state: SyncState, change: SyncChange, touched: Touched): void {
  if (change.at > state.latest) state.latest = change.at
  const write = (table: SyncTable, key: string, fields: Fields) => {
    writeFields(state, table, key, change.at, fields)
    touched.rows.add(`${table}:${key}`)
  }
  switch (change.k) {
    case 'review':
      return addReview(state, change, touched)
    case 'undo': {
      state.undone.add(change.review)
      const review = state.reviews.get(change.review)
      if (review) touched.cards.add(reviewCardKey(state, review))
      return
    }
    case 'deck':
      return write('decks', change.key, change.fields)
    case 'import':
      write('decks', change.key, change.fields)
      for (const note of change.notes) write('notes', note.key, note.fields)
      return
    case 'note':
      return write('notes', change.key, change.fields)
    case 'card':
      return write('cards', change.key, change.fields)
    case 'options':
      return write('presets', change.key, change.fields)
    case 'setting':
      return write('settings', change.key, { value: change.value })
    case 'exam':
      return write('exams', change.key, change.fields)
    case 'mock-exam':
      return write('simulations', change.key, change.result)
    case 'media': {
      // One content, described by two machines: the first description stands, the same everywhere.
      const known = state.contents.get(change.hash)
      if (!known || change.at < known.at)
        state.contents.set(change.hash, { type: change.type, size: change.size, at: change.at, name: change.name })
      return write('media', change.name, { hash: change.hash, type: change.type, size: change.size })
    }
    case 'move': {
      let departures = state.departures.get(change.card)
      if (departures?.some((m) => m.at === change.at && m.to === change.to)) return
      // Every card a review under either key counted for until now, and counts for from now on, is replayed.
      const affected = () => {
        for (const key of [change.card, change.to]) {
          touched.cards.add(cardKeyOf(state, key))
          for (const id of state.reviewsOfCard.get(key) ?? []) touched.cards.add(reviewCardKey(state, state.reviews.get(id)!))
        }
      }
      affected()
      if (!departures) state.departures.set(change.card, (departures = []))
      departures.push({ at: change.at, to: change.to })
      const latest = state.moves.get(change.card)
      if (!latest || latest.at < change.at || (latest.at === change.at && latest.to < change.to))
        state.moves.set(change.card, { at: change.at, to: change.to })
      let into = state.movedInto.get(change.to)
      if (!into) state.movedInto.set(change.to, (into = new Set()))
      into.add(change.card)
      affected()
      return
    }
    case 'remove': {
      const table = TABLE_OF_REMOVABLE[change.what]
      const row = rowOf(state, table, change.key)
      if (change.at > row.removed) row.removed = change.at
      touched.rows.add(`${table}:${change.key}`)
      return
    }
  }
}

/**
 * The card at a key, followed through its moves. A key holds one card at a time: the card that was
 * there first, then each card moved in (an arrival; Move cards keeps a card's id when its new deck
 * has none by that id, so a key a card left can be taken again). The card that came at `since` (''
 * the first) leaves by the latest of the key's moves made after `since` and before the next
 * arrival (two machines moving one card apart: the later move wins), and the walk goes on from
 * there, from that move's stamp: a card moved A → B, then back B → A, ends at A until a later move
 * of A. Stamps only increase along the way, so the walk ends. Without `since`, the card at the key
 * now (since its latest arrival).
 */
export function cardKeyOf(state: SyncState, key: string, since: Stamp = arrivalBefore(state, key)): string {
  for (;;) {
    const move = moveOf(state, key, since)
    if (!move) return key
    key = move.to
    since = move.at
  }
}

/** The move that took away the card that came to `key` at `since`, if any. */
function moveOf(state: SyncState, key: string, since: Stamp): Move | undefined {
  let next: Stamp | undefined
  for (const at of arrivals(state, key)) if (at > since && (next === undefined || at < next)) next = at
  let move: Move | undefined
  for (const m of state.departures.get(key) ?? [])
    if (m.at > since && (next === undefined || m.at < next) && (!move || m.at > move.at || (m.at === move.at && m.to > move.to))) move = m
  return move
}

/** When cards were moved into `key`. */
function* arrivals(state: SyncState, key: string): Generator<Stamp> {
  for (const from of state.movedInto.get(key) ?? []) for (const m of state.departures.get(from) ?? []) if (m.to === key) yield m.at
}

/** The latest arrival at `key` before `before` (all of them without it), '' none. */
function arrivalBefore(state: SyncState, key: string, before?: Stamp): Stamp {
  let latest = ''
  for (const at of arrivals(state, key)) if ((before === undefined || at < before) && at > latest) latest = at
  return latest
}

/**
 * The card a review counts for: the card that was at its key when it was given, followed through
 * its moves. A review given under a key before another card arrived there belongs to the card that
 * left (however the key was used since); one given after the arrival, to the card that arrived.
 */
export function reviewCardKey(state: SyncState, review: Pick<ReviewChange, 'card' | 'at'>): string {
  return cardKeyOf(state, review.card, arrivalBefore(state, review.card, review.at))
}

/** Every key whose reviews may count for `card`: itself and the keys moved into it, however far back. */
export function keysInto(state: SyncState, card: string): string[] {
  const keys: string[] = []
  const seen = new Set<string>()
  const queue = [card]
  while (queue.length > 0) {
    const key = queue.pop()!
    if (seen.has(key)) continue
    seen.add(key)
    keys.push(key)
    for (const from of state.movedInto.get(key) ?? []) queue.push(from)
  }
  return keys
}

/** The ids of the reviews that count for `card`, taken back or not: under its key or a key it was moved from, given while it was there. */
export function reviewIdsOfCard(state: SyncState, card: string): string[] {
  const ids: string[] = []
  for (const key of keysInto(state, card))
    for (const id of state.reviewsOfCard.get(key) ?? []) {
      const review = state.reviews.get(id)
      if (review && reviewCardKey(state, review) === card) ids.push(id)
    }
  return ids
}

/** Reviews are a union by id. Two different reviews under one id (two installations with one device id) keep the earlier stamp's, the same everywhere. */
function addReview(state: SyncState, change: ReviewChange, touched: Touched): void {
  const known = state.reviews.get(change.id)
  if (known && (known.at < change.at || (known.at === change.at && JSON.stringify(known) <= JSON.stringify(change)))) return
  if (known && known.card !== change.card) {
    state.reviewsOfCard.get(known.card)?.delete(change.id)
    touched.cards.add(reviewCardKey(state, known))
  }
  state.reviews.set(change.id, change)
  let ids = state.reviewsOfCard.get(change.card)
  if (!ids) state.reviewsOfCard.set(change.card, (ids = new Set()))
  ids.add(change.id)
  touched.cards.add(reviewCardKey(state, change))
}

/** Last writer wins, field by field; equal stamps (one change read twice) are settled by the value, the same everywhere. */
function writeFields(state: SyncState, table: SyncTable, key: string, at: Stamp, fields: Fields): void {
  const row = rowOf(state, table, key)
  for (const [field, value] of Object.entries(fields)) {
    const current = row.fields.get(field)
    if (!current || at > current.at || (at === current.at && JSON.stringify(value) > JSON.stringify(current.value)))
      row.fields.set(field, { at, value })
  }
  if (at > row.written) row.written = at
  const deck = table === 'notes' || table === 'cards' ? deckOfKey(key) : undefined
  if (deck !== undefined) {
    const deckRow = rowOf(state, 'decks', deck)
    if (at > deckRow.childWritten) deckRow.childWritten = at
  }
}

function rowOf(state: SyncState, table: SyncTable, key: string): RowState {
  const rows = state.rows[table]
  let row = rows.get(key)
  if (!row) rows.set(key, (row = { fields: new Map(), written: '', childWritten: '', removed: '' }))
  return row
}

/** A note's or card's key starts with its deck's id (`deck/note…`; ids hold no `/`). */
export function deckOfKey(key: string): string {
  const slash = key.indexOf('/')
  return slash < 0 ? key : key.slice(0, slash)
}
