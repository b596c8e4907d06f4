import { TextColumn, type PackedTexts } from '@core/search/text-column'
import type { DeckColumns } from '@core/search/columns'
import Dexie, { type EntityTable } from 'dexie'

/**
 * A deck's columns as the cache stores them, in two records: the keys with the numbers, which
 * opening needs at once, and the three texts, which only text searches and text sorts need and
 * which are four fifths of the bytes. Strings go in as one long string with their lengths:
 * IndexedDB copies that as bytes, where 400,000 short strings (100,000 cards) took it some 150 ms
 * more to read back.
 */
export interface StoredDeckKeys extends Omit<DeckColumns, 'ids' | 'texts'> {
  /** Every card's key, one after another (as `PackedTexts`: a key beyond Latin-1 in `idsWide`, its length negative). */
  ids: string
  idsWide?: string
  idLengths: Int32Array
}

/**
 * The texts of the cards of a keys record saved with it (the same `builtFrom`), in its order: each
 * card's question, answer and extra, one after another, with their lengths, the texts with a
 * character beyond Latin-1 in a string of their own; the columns keep the strings as they are read
 * (core/search/text-column.ts). A record written before that split (`wide` missing) still reads.
 */
export interface StoredDeckTexts extends PackedTexts {
  deckId: string
  builtFrom: number
}

export function toStored({ ids, texts, ...numbers }: DeckColumns): { keys: StoredDeckKeys; texts: StoredDeckTexts } {
  const keys = ids.packed()
  return {
    keys: { ...numbers, ids: keys.text, idsWide: keys.wide, idLengths: keys.lengths },
    texts: { deckId: numbers.deckId, builtFrom: numbers.builtFrom, ...texts.packed() }
  }
}

/**
 * The columns from a stored keys record, their texts empty until `withTexts` fills them; throws
 * if the record is not one (a cache another version of Recall wrote).
 */
export function fromStored({ ids, idsWide, idLengths, ...numbers }: StoredDeckKeys): DeckColumns {
  const count = idLengths?.length
  const typed = [numbers.ord, numbers.queue, numbers.due, numbers.createdAt, numbers.tagSet, numbers.lapses, numbers.mod]
  const keys = TextColumn.fromPacked({ text: ids, wide: idsWide, lengths: idLengths }, count)
  if (!keys || typed.some((column) => !ArrayBuffer.isView(column) || column.length !== count))
    throw new Error(`the browser's cache of ${numbers.deckId} is not readable`)
  return { ...numbers, ids: keys, texts: TextColumn.empty(3 * count) }
}

/** The texts of a stored texts record, if it belongs with `count` cards (a record of an older Recall does not). */
export function textsOf(stored: StoredDeckTexts, count: number): TextColumn | undefined {
  return TextColumn.fromPacked(stored, 3 * count)
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
