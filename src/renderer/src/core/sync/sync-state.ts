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
  moves: Map<string, { at: Stamp; to: string }>
  /** The keys that were moved into each key (a move later overruled stays listed: `cardKeyOf` checks). */
  movedInto: Map<string, Set<string>>
  /** Media contents by SHA-256: what the bytes are, as the earliest change that named them said (at `at`, for `name`: a snapshot writes that change again). */
  contents: Map<string, MediaContent & { at: Stamp; name: string }>
  /** The latest stamp seen: a device receives it into its clock (shared/sync/hlc.ts `receive`). */
  latest: Stamp
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
    movedInto: new Map(),
    contents: new Map(),
    latest: ''
  }
}

export function applyChanges(state: SyncState, changes: Iterable<SyncChange>): Touched {
  const touched: Touched = { rows: new Set(), cards: new Set() }
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
      const known = state.moves.get(change.card)
      if (known && (known.at > change.at || (known.at === change.at && known.to >= change.to))) return
      // The cards the key's reviews counted for until now, and those they count for from now on,
      // are replayed: the key's and the target's (a key another card left, whose reviews since the
      // arrival now count for the card that arrived).
      const affected = () => [change.card, change.to].flatMap((key) => [key, cardKeyOf(state, key), cardKeyOf(state, key, '')])
      for (const key of affected()) touched.cards.add(key)
      state.moves.set(change.card, { at: change.at, to: change.to })
      let into = state.movedInto.get(change.to)
      if (!into) state.movedInto.set(change.to, (into = new Set()))
      into.add(change.card)
      for (const key of affected()) touched.cards.add(key)
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
 * The card at a key, followed through its moves: each move only if it was made after the move
 * that led there (a card moved A → B, then back B → A, ends at A, and stays there until a later
 * move of A). Stamps only increase along the way, so the walk ends. A key another card was moved
 * into after the key's own card left (a card moved out of a deck, then another card moved in under
 * the same id) holds that card: the walk starts at its arrival (`since`).
 */
export function cardKeyOf(state: SyncState, key: string, since: Stamp = arrivedAt(state, key)): string {
  let at = since
  for (;;) {
    const move = state.moves.get(key)
    if (!move || move.at <= at) return key
    key = move.to
    at = move.at
  }
}

/**
 * The card a review counts for: the card at its key when it was given. A review given under a
 * key before a card arrived there by a move belongs to the card that left (it follows the key's
 * moves); one given after the arrival, to the card that arrived.
 */
export function reviewCardKey(state: SyncState, review: Pick<ReviewChange, 'card' | 'at'>): string {
  const arrived = arrivedAt(state, review.card)
  return cardKeyOf(state, review.card, review.at > arrived ? arrived : '')
}

/** The latest move that brought a card to `key` and still stands ('' none). */
export function arrivedAt(state: SyncState, key: string): Stamp {
  let at = ''
  for (const from of state.movedInto.get(key) ?? []) {
    const move = state.moves.get(from)
    if (move?.to === key && move.at > at) at = move.at
  }
  return at
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
