import type { CardColumnsRecord } from '@core/model'
import { columnWriter, compareKeys, emptyColumns, indexOfId, isWhole, patchColumns } from '@db/card-column-arrays'
import type { RecallDatabase } from '@db/database'
import { nextChangeStamp } from '@db/derived-tables'
import Dexie from 'dexie'

export { cardsOfColumns, eachCardOfColumns, type ColumnCard } from '@db/card-column-arrays'

/**
 * The `cardColumns` cache (see derived-tables.ts): per deck, the scheduling fields of every card
 * as typed arrays, which IndexedDB clones as a few blocks of bytes instead of 100,000 objects.
 *
 * Why a row is current when read: every card write stamps the card with `mod`; a row holds every
 * card written before its `builtFrom`, so patching it with the deck's cards of `mod >= builtFrom`
 * (index [deckId+mod]) completes it. Deleting cards empties the table. A card that left the deck
 * under the same key (no app action does this: moves delete and re-add) was written since, so it
 * is found among another deck's changed cards, and the row is built again.
 *
 * Read, patch and write happen in one readwrite transaction over `cards`, so no card write falls
 * between the read and the write, and a write after it is stamped at or after the moment the
 * transaction began (`builtFrom` is that moment less a margin). Only a clock stepped back further
 * than the margin breaks this, and a row stamped in the future is then built again; a write made
 * in another window while the clock was back, and read only after it caught up, would be missed.
 */

/** Cards read per request when building, which bounds the card objects held at once. */
const PAGE = 5_000
/** Patching is idempotent, so re-reading a second's worth of cards costs little and covers clock skew. */
const MARGIN_MS = 1_000

/** Each deck's columns, current, in the order asked for (decks without cards give empty columns). */
export function readCardColumns(db: RecallDatabase, deckIds: readonly string[]): Promise<CardColumnsRecord[]> {
  return readFirst(db, (write) => readColumns(db, deckIds, write))
}

/**
 * The columns of every deck that has cards, decks since deleted included, ordered by their first
 * key: the order a walk over the whole `cards` table meets the decks in.
 */
export function readAllCardColumns(db: RecallDatabase): Promise<CardColumnsRecord[]> {
  return readFirst(db, async (write) => {
    const deckIds = await deckIdsOfCards(db)
    const columns = await readColumns(db, deckIds, write, deckIds)
    return columns?.sort((a, b) => compareKeys(a.ids[0]!, b.ids[0]!))
  })
}

/**
 * Most reads find the stored rows current (nothing written since, or only values they already
 * hold): those are read in a readonly transaction, which waits for no other reader. Only when a
 * row must be built or patched is it all done again in a readwrite one, which the derived-tables
 * middleware widens to every derived table (so it would also hold back, say, the statistics'
 * read of the review rollup on the page while the worker reads the columns).
 */
async function readFirst(
  db: RecallDatabase,
  read: (write: boolean) => Promise<CardColumnsRecord[] | undefined>
): Promise<CardColumnsRecord[]> {
  const stored = await db.transaction('r', db.cards, db.cardColumns, () => read(false))
  return stored ?? (await db.transaction('rw', db.cards, db.cardColumns, async () => (await read(true))!))
}

/** The columns, current; undefined when one would have to be built or patched and `write` is false. */
async function readColumns(
  db: RecallDatabase,
  deckIds: readonly string[],
  write: boolean,
  allDeckIds?: string[]
): Promise<CardColumnsRecord[] | undefined> {
  // Bumped to now, this window's stamp keeps its own later writes above `builtFrom` even if the
  // clock steps back. Other windows stamp with the clock, so `builtFrom` follows the clock rather
  // than this window's stamp, which can run ahead of it.
  nextChangeStamp()
  const builtFrom = Date.now() - MARGIN_MS
  const unique = [...new Set(deckIds)]
  // A stamp in the future means the clock stepped back: cards written since may carry lower stamps.
  const stored = (await db.cardColumns.bulkGet(unique)).map((row) => (row && isWhole(row) && row.builtFrom <= Date.now() ? row : undefined))
  if (!write && unique.length > 0 && stored.some((row) => !row)) return undefined
  const since = Math.min(...stored.map((row) => row?.builtFrom ?? Infinity))
  const changedIn =
    since === Infinity ? new Map<string, string>() : await decksOfChangedCards(db, since, allDeckIds ?? (await deckIdsOfCards(db)))
  const current = await Promise.all(unique.map((deckId, i) => currentColumns(db, deckId, stored[i], builtFrom, changedIn, write)))
  if (current.some((columns) => !columns)) return undefined
  const byDeck = new Map(current.map((columns) => [columns!.deckId, columns!]))
  return deckIds.map((deckId) => byDeck.get(deckId)!)
}

/** Every deck id the cards name, one index seek per deck instead of a walk over the index. */
async function deckIdsOfCards(db: RecallDatabase): Promise<string[]> {
  const deckIds: string[] = []
  for (let card = await db.cards.orderBy('deckId').first(); card; card = await db.cards.where('deckId').above(card.deckId).first()) {
    deckIds.push(card.deckId)
  }
  return deckIds
}

/** The deck of each card written since `since`, by card key: keys only, from each deck's [deckId+mod] range. */
async function decksOfChangedCards(db: RecallDatabase, since: number, deckIds: readonly string[]): Promise<Map<string, string>> {
  const changed = await Promise.all(
    deckIds.map((deckId) => db.cards.where('[deckId+mod]').between([deckId, since], [deckId, Dexie.maxKey], true, true).primaryKeys())
  )
  return new Map(changed.flatMap((ids, i) => ids.map((id) => [id, deckIds[i]!] as const)))
}

/** The deck's columns, current; undefined when they must be built or patched and `write` is false. */
async function currentColumns(
  db: RecallDatabase,
  deckId: string,
  stored: CardColumnsRecord | undefined,
  builtFrom: number,
  changedIn: ReadonlyMap<string, string>,
  write: boolean
): Promise<CardColumnsRecord | undefined> {
  const build = () => (write ? buildColumns(db, deckId, builtFrom) : undefined)
  if (!stored) return build()
  for (const [id, now] of changedIn) if (now !== deckId && indexOfId(stored.ids, id) >= 0) return build()
  const changed = await db.cards.where('[deckId+mod]').between([deckId, stored.builtFrom], [deckId, Dexie.maxKey], true, true).toArray()
  const patched = patchColumns(stored, changed, builtFrom)
  if (!patched) return stored
  if (!write) return undefined
  await db.cardColumns.put(patched)
  return patched
}

/** Reads the deck's keys from its index, then its cards in key ranges (one getAll each, no cursor). */
async function buildColumns(db: RecallDatabase, deckId: string, builtFrom: number): Promise<CardColumnsRecord> {
  const ids = await db.cards.where('deckId').equals(deckId).primaryKeys()
  const columns = emptyColumns(deckId, ids.length, builtFrom)
  const writer = columnWriter(columns.tagSets, columns.taskSets)
  let filled = 0
  for (let from = 0; from < ids.length; from += PAGE) {
    const last = ids[Math.min(from + PAGE, ids.length) - 1]!
    // Another deck's cards fall in the range only if its keys interleave with this deck's.
    const page = await db.cards.where(':id').between(ids[from]!, last, true, true).toArray()
    for (const card of page) if (card.deckId === deckId) writer.write(columns, filled++, card)
  }
  if (ids.length > 0) await db.cardColumns.put(columns)
  return columns
}
