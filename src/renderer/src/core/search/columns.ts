import type { CardRecord } from '@core/model'
import type { SearchCard } from '@core/search/compile'
import { TextColumn } from '@core/search/text-column'

/**
 * One deck's cards as the card browser searches and sorts them: a column per field, typed arrays
 * for numbers, the three texts of every card in one string (text-column.ts). IndexedDB stores a
 * deck's columns as two records (db/browse-snapshot.ts keeps them current). Cards retired
 * from their deck file (Removed) stay in the columns, so their count is the deck's count of cards;
 * searches leave them out.
 */
export interface DeckColumns {
  deckId: string
  /** Cards changed at or after this stamp (`mod`) may not be in the columns yet. */
  builtFrom: number
  /** Every card's key, packed as the texts are: 100,000 keys as strings cost ~2.4 MB of string headers and array slots beyond their characters. */
  ids: TextColumn
  ord: Float64Array
  queue: Int8Array
  state: Int8Array
  flag: Int8Array
  due: Float64Array
  stability: Float64Array
  difficulty: Float64Array
  scheduledDays: Float64Array
  /** NaN when the card was never reviewed. */
  lastReview: Float64Array
  createdAt: Float64Array
  reps: Float64Array
  lapses: Float64Array
  /** The card's change stamp when it was written here (NaN if it had none): a card read again unchanged is left alone. */
  mod: Float64Array
  /** Each distinct list of tags once; `tagSet` points into it per card. */
  tagSets: string[][]
  tagSet: Int32Array
  /** Card i's question, answer and extra at 3i, 3i + 1, 3i + 2, in one Unicode form (NFC), as `re:` reads them. */
  texts: TextColumn
}

/** Where card i's field is in `texts`. */
const QUESTION = 0
const ANSWER = 1
const EXTRA = 2

const NUMBER_COLUMNS = [
  'ord',
  'due',
  'stability',
  'difficulty',
  'scheduledDays',
  'lastReview',
  'createdAt',
  'reps',
  'lapses',
  'mod'
] as const
const BYTE_COLUMNS = ['queue', 'state', 'flag'] as const

export function emptyDeckColumns(deckId: string, builtFrom: number, length = 0): DeckColumns {
  const numbers = () => new Float64Array(length)
  const bytes = () => new Int8Array(length)
  return {
    deckId,
    builtFrom,
    ids: TextColumn.empty(length),
    ord: numbers(),
    queue: bytes(),
    state: bytes(),
    flag: bytes(),
    due: numbers(),
    stability: numbers(),
    difficulty: numbers(),
    scheduledDays: numbers(),
    lastReview: numbers(),
    createdAt: numbers(),
    reps: numbers(),
    lapses: numbers(),
    mod: numbers(),
    tagSets: [],
    tagSet: new Int32Array(length),
    texts: TextColumn.empty(3 * length)
  }
}

/** Writes cards into columns: the tag lists are found or added once each. */
export function columnWriter(columns: DeckColumns) {
  const tagIndex = new Map(columns.tagSets.map((tags, i) => [tags.join('\n'), i]))
  return (at: number, card: CardRecord) => {
    columns.ids.set(at, card.id)
    columns.ord[at] = card.ord
    columns.queue[at] = card.queue
    columns.state[at] = card.state
    columns.flag[at] = card.flag ?? 0
    columns.due[at] = card.due
    columns.stability[at] = card.stability
    columns.difficulty[at] = card.difficulty
    columns.scheduledDays[at] = card.scheduled_days
    columns.lastReview[at] = card.last_review ?? NaN
    columns.createdAt[at] = card.createdAt
    columns.reps[at] = card.reps
    columns.lapses[at] = card.lapses
    columns.mod[at] = card.mod ?? NaN
    const key = card.tags.join('\n')
    let tags = tagIndex.get(key)
    if (tags === undefined) {
      tags = columns.tagSets.push([...card.tags]) - 1
      tagIndex.set(key, tags)
    }
    columns.tagSet[at] = tags
    columns.texts.set(3 * at + QUESTION, card.question.normalize('NFC'))
    columns.texts.set(3 * at + ANSWER, card.answer.normalize('NFC'))
    columns.texts.set(3 * at + EXTRA, (card.extra ?? '').normalize('NFC'))
  }
}

/** The same columns with room for `length` cards: the first ones copied, the rest empty. */
function resized(columns: DeckColumns, length: number): DeckColumns {
  const next = emptyDeckColumns(columns.deckId, columns.builtFrom, length)
  const keep = Math.min(length, columns.ids.length)
  for (const name of NUMBER_COLUMNS) next[name].set(columns[name].subarray(0, keep))
  for (const name of BYTE_COLUMNS) next[name].set(columns[name].subarray(0, keep))
  next.tagSet.set(columns.tagSet.subarray(0, keep))
  next.tagSets = columns.tagSets
  next.ids = columns.ids.resized(length)
  next.texts = columns.texts.resized(3 * length)
  return next
}

/**
 * The columns with `cards` written in: a card already there is replaced where it stands, a new one
 * added at the end. `indexOf` finds a card's place by key. The input is left as it was when cards
 * are added (new arrays), and changed in place when they are only replaced.
 */
export function upsertCards(columns: DeckColumns, cards: readonly CardRecord[], indexOf: (id: string) => number): DeckColumns {
  const added = cards.filter((card) => indexOf(card.id) < 0)
  const next = added.length ? resized(columns, columns.ids.length + added.length) : columns
  const write = columnWriter(next)
  let end = columns.ids.length
  for (const card of cards) {
    const at = indexOf(card.id)
    write(at >= 0 ? at : end++, card)
  }
  return next
}

/** The columns without the cards whose positions `gone` holds. */
export function withoutCards(columns: DeckColumns, gone: ReadonlySet<number>): DeckColumns {
  const keep: number[] = []
  for (let i = 0; i < columns.ids.length; i++) if (!gone.has(i)) keep.push(i)
  const next = emptyDeckColumns(columns.deckId, columns.builtFrom, keep.length)
  next.tagSets = columns.tagSets
  keep.forEach((from, to) => {
    for (const name of NUMBER_COLUMNS) next[name][to] = columns[name][from]!
    for (const name of BYTE_COLUMNS) next[name][to] = columns[name][from]!
    next.tagSet[to] = columns.tagSet[from]!
  })
  next.ids = columns.ids.select(keep)
  next.texts = columns.texts.select(keep.flatMap((from) => [3 * from, 3 * from + 1, 3 * from + 2]))
  return next
}

/**
 * One card of the columns seen as a card, for the search's predicate and the sort's keys: a
 * single object moved from card to card (`at`), so a search over 100,000 cards makes no object
 * per card. Its text therefore comes through the search context's `textOf`, not from a cache
 * keyed by the object.
 */
export class ColumnCard implements SearchCard {
  columns!: DeckColumns
  i = 0

  at(columns: DeckColumns, i: number): this {
    this.columns = columns
    this.i = i
    return this
  }

  get id() {
    return this.columns.ids.get(this.i)
  }
  get deckId() {
    return this.columns.deckId
  }
  get ord() {
    return this.columns.ord[this.i]!
  }
  get question() {
    return this.columns.texts.get(3 * this.i + QUESTION)
  }
  get answer() {
    return this.columns.texts.get(3 * this.i + ANSWER)
  }
  get extra() {
    return this.columns.texts.get(3 * this.i + EXTRA)
  }
  get tags() {
    return this.columns.tagSets[this.columns.tagSet[this.i]!]!
  }
  get flag() {
    return this.columns.flag[this.i]!
  }
  get state() {
    return this.columns.state[this.i]! as SearchCard['state']
  }
  get queue() {
    return this.columns.queue[this.i]! as SearchCard['queue']
  }
  get due() {
    return this.columns.due[this.i]!
  }
  get scheduled_days() {
    return this.columns.scheduledDays[this.i]!
  }
  get stability() {
    return this.columns.stability[this.i]!
  }
  get difficulty() {
    return this.columns.difficulty[this.i]!
  }
  get reps() {
    return this.columns.reps[this.i]!
  }
  get lapses() {
    return this.columns.lapses[this.i]!
  }
  get createdAt() {
    return this.columns.createdAt[this.i]!
  }
  get last_review() {
    const at = this.columns.lastReview[this.i]!
    return Number.isNaN(at) ? undefined : at
  }
}
