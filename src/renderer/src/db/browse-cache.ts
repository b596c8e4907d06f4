import type { DeckColumns } from '@core/search/columns'
import Dexie, { type EntityTable } from 'dexie'

/**
 * A deck's columns as the cache stores them: the keys and the three texts of every card in one
 * string, with their lengths. IndexedDB copies one long string as bytes, where 400,000 short ones
 * (100,000 cards) took it some 150 ms more to read back.
 */
export interface StoredDeckColumns extends Omit<DeckColumns, 'ids' | 'question' | 'answer' | 'extra'> {
  /** Each card's key, question, answer and extra, one after another. */
  text: string
  /** Their lengths, four per card. */
  lengths: Int32Array
}

export function toStored({ ids, question, answer, extra, ...numbers }: DeckColumns): StoredDeckColumns {
  const lengths = new Int32Array(ids.length * 4)
  const parts = new Array<string>(ids.length * 4)
  for (let i = 0; i < ids.length; i++) {
    const fields = [ids[i]!, question[i]!, answer[i]!, extra[i]!]
    for (let f = 0; f < 4; f++) {
      parts[4 * i + f] = fields[f]!
      lengths[4 * i + f] = fields[f]!.length
    }
  }
  return { ...numbers, text: parts.join(''), lengths }
}

/** The columns from their stored form; throws if the record is not one (a cache from another version). */
export function fromStored({ text, lengths, ...numbers }: StoredDeckColumns): DeckColumns {
  const count = lengths.length / 4
  const typed = [numbers.ord, numbers.queue, numbers.due, numbers.createdAt, numbers.tagSet, numbers.lapses, numbers.mod]
  if (typeof text !== 'string' || !Number.isInteger(count) || typed.some((column) => column.length !== count))
    throw new Error(`the browser's cache of ${numbers.deckId} is not readable`)
  const ids = new Array<string>(count)
  const question = new Array<string>(count)
  const answer = new Array<string>(count)
  const extra = new Array<string>(count)
  let at = 0
  const next = (length: number) => text.slice(at, (at += length))
  for (let i = 0; i < count; i++) {
    ids[i] = next(lengths[4 * i]!)
    question[i] = next(lengths[4 * i + 1]!)
    answer[i] = next(lengths[4 * i + 2]!)
    extra[i] = next(lengths[4 * i + 3]!)
  }
  return { ...numbers, ids, question, answer, extra }
}

/**
 * The card browser's columns (core/search/columns.ts), one record per deck, in a database of
 * their own beside the collection. Only a cache: everything in it is read again from `cards`
 * when it is missing or behind (db/browse-snapshot.ts). Being apart, it needs no upgrade of the
 * collection, and backups, the journal and restores never see it.
 */
export class BrowseCacheDatabase extends Dexie {
  decks!: EntityTable<StoredDeckColumns, 'deckId'>

  constructor(collectionName: string) {
    // Losing the last write of a cache costs a re-read, never data.
    super(`${collectionName}-browse`, { chromeTransactionDurability: 'relaxed' })
    this.version(1).stores({ decks: 'deckId' })
  }
}
