import type { DeckColumns } from '@core/search/columns'
import Dexie, { type EntityTable } from 'dexie'

/**
 * A deck's columns as the cache stores them, in two records: the keys with the numbers, which
 * opening needs at once, and the three texts, which only text searches and text sorts need and
 * which are four fifths of the bytes. Strings go in as one long string with their lengths:
 * IndexedDB copies that as bytes, where 400,000 short strings (100,000 cards) took it some 150 ms
 * more to read back.
 */
export interface StoredDeckKeys extends Omit<DeckColumns, 'ids' | 'question' | 'answer' | 'extra'> {
  /** Every card's key, one after another. */
  ids: string
  idLengths: Int32Array
}

/** The texts of the cards of a keys record saved with it (the same `builtFrom`), in its order. */
export interface StoredDeckTexts {
  deckId: string
  builtFrom: number
  /** Each card's question, answer and extra, one after another. */
  text: string
  lengths: Int32Array
}

const joined = (strings: readonly string[]) => ({ text: strings.join(''), lengths: Int32Array.from(strings, (s) => s.length) })

function split(text: string, lengths: Int32Array): string[] {
  const strings = new Array<string>(lengths.length)
  let at = 0
  for (let i = 0; i < lengths.length; i++) strings[i] = text.slice(at, (at += lengths[i]!))
  return strings
}

export function toStored({ ids, question, answer, extra, ...numbers }: DeckColumns): { keys: StoredDeckKeys; texts: StoredDeckTexts } {
  const keyText = joined(ids)
  const fields = new Array<string>(ids.length * 3)
  for (let i = 0; i < ids.length; i++) {
    fields[3 * i] = question[i]!
    fields[3 * i + 1] = answer[i]!
    fields[3 * i + 2] = extra[i]!
  }
  return {
    keys: { ...numbers, ids: keyText.text, idLengths: keyText.lengths },
    texts: { deckId: numbers.deckId, builtFrom: numbers.builtFrom, ...joined(fields) }
  }
}

/**
 * The columns from a stored keys record, their texts empty until `withTexts` fills them; throws
 * if the record is not one (a cache another version of Recall wrote).
 */
export function fromStored({ ids, idLengths, ...numbers }: StoredDeckKeys): DeckColumns {
  const count = idLengths.length
  const typed = [numbers.ord, numbers.queue, numbers.due, numbers.createdAt, numbers.tagSet, numbers.lapses, numbers.mod]
  if (typeof ids !== 'string' || typed.some((column) => !ArrayBuffer.isView(column) || column.length !== count))
    throw new Error(`the browser's cache of ${numbers.deckId} is not readable`)
  const empty = () => new Array<string>(count).fill('')
  return { ...numbers, ids: split(ids, idLengths), question: empty(), answer: empty(), extra: empty() }
}

/** The texts of a stored texts record, per card, if it belongs with `count` cards. */
export function textsOf(stored: StoredDeckTexts, count: number): { question: string[]; answer: string[]; extra: string[] } | undefined {
  if (typeof stored.text !== 'string' || !(stored.lengths instanceof Int32Array) || stored.lengths.length !== count * 3) return undefined
  const fields = split(stored.text, stored.lengths)
  return {
    question: Array.from({ length: count }, (_, i) => fields[3 * i]!),
    answer: Array.from({ length: count }, (_, i) => fields[3 * i + 1]!),
    extra: Array.from({ length: count }, (_, i) => fields[3 * i + 2]!)
  }
}

/**
 * The card browser's columns (core/search/columns.ts), two records per deck, in a database of
 * their own beside the collection. Only a cache: everything in it is read again from `cards`
 * when it is missing or behind (db/browse-snapshot.ts). Being apart, it needs no upgrade of the
 * collection, and backups, the journal and restores never see it.
 */
export class BrowseCacheDatabase extends Dexie {
  decks!: EntityTable<StoredDeckKeys, 'deckId'>
  texts!: EntityTable<StoredDeckTexts, 'deckId'>

  constructor(collectionName: string) {
    // Losing the last write of a cache costs a re-read, never data.
    super(`${collectionName}-browse`, { chromeTransactionDurability: 'relaxed' })
    this.version(1).stores({ decks: 'deckId' })
    // v2: the texts in records of their own; records of v1 are read again from the cards.
    this.version(2)
      .stores({ texts: 'deckId' })
      .upgrade((tx) => tx.table('decks').clear())
  }
}
