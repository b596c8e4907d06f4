import type { CardColumnsRecord, CardRecord } from '@core/model'
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
 * (index [deckId+mod]) completes it. Deleting cards takes them out of every row (derived-tables.ts).
 * A card that left the deck under the same key (no app action does this: moves delete and re-add)
 * was written since, so it is found among another deck's changed cards, and the row is built again.
 *
 * Read, patch and write happen in one readwrite transaction over `cards`, so no card write falls
 * between the read and the write, and a write after it is stamped at or after the moment the
 * transaction began (`builtFrom` is that moment less a margin). Only a clock stepped back further
 * than the margin breaks this, and a row stamped in the future is then built again; a write made
 * in another window while the clock was back, and read only after it caught up, would be missed.
 * A deck a readonly pass found current is not read again by the readwrite pass that follows it
 * unless a card of it was written in between (then every deck is): its columns are given as they
 * stood a moment earlier, never written back.
 */

/** Cards read per request when building, which bounds the card objects held at once. */
const PAGE = 5_000
/** Patching is idempotent, so re-reading a second's worth of cards costs little and covers clock skew. */
const MARGIN_MS = 1_000

/** Each deck's columns, current, in the order asked for (decks without cards give empty columns). */
export async function readCardColumns(db: RecallDatabase, deckIds: readonly string[]): Promise<CardColumnsRecord[]> {
  const byDeck = await readFirst(db, [...new Set(deckIds)])
  return deckIds.map((deckId) => byDeck.get(deckId)!)
}

/**
 * The columns of every deck that has cards, decks since deleted included, ordered by their first
 * key: the order a walk over the whole `cards` table meets the decks in.
 */
export async function readAllCardColumns(db: RecallDatabase): Promise<CardColumnsRecord[]> {
  return [...(await readFirst(db, undefined)).values()].sort((a, b) => compareKeys(a.ids[0]!, b.ids[0]!))
}

/** What one pass found: the decks whose columns are current, the decks still to build or patch, and every deck the cards name. */
interface Found {
  current: Map<string, CardColumnsRecord>
  stale: string[]
  deckIds: string[]
}

/**
 * Most reads find the stored rows current (nothing written since, or only values they already
 * hold): those are read in a readonly transaction, which waits for no other reader. Only when a
 * row must be built or patched is a readwrite one opened, which the derived-tables middleware
 * widens to every derived table (so it would also hold back, say, the statistics' read of the
 * review rollup on the page while the worker reads the columns). It is handed the readonly pass's
 * findings and reads only the stale decks' rows: after a grade, one deck's columns, not them all.
 */
async function readFirst(db: RecallDatabase, scope: readonly string[] | undefined): Promise<Map<string, CardColumnsRecord>> {
  const found = await db.transaction('r', db.cards, db.cardColumns, () => readColumns(db, scope))
  if (found.stale.length === 0) return found.current
  return db.transaction('rw', db.cards, db.cardColumns, async () => {
    const written = await readColumns(db, scope, found)
    // A deck found current a moment ago and written to since: all read again, as they stand now.
    return written.stale.length === 0 ? written.current : (await readColumns(db, scope, { ...found, current: new Map() })).current
  })
}

/**
 * The columns of `scope` (every deck with cards when undefined) that are current, and the decks
 * that are not. Given `handed` (a readonly pass's findings), in a readwrite transaction: its
 * current decks are taken as they are unless written to since (then reported stale), and the
 * others are built or patched and stored.
 */
async function readColumns(db: RecallDatabase, scope: readonly string[] | undefined, handed?: Found): Promise<Found> {
  // Bumped to now, this window's stamp keeps its own later writes above `builtFrom` even if the
  // clock steps back. Other windows stamp with the clock, so `builtFrom` follows the clock rather
  // than this window's stamp, which can run ahead of it.
  nextChangeStamp()
  const builtFrom = Date.now() - MARGIN_MS
  const { candidates, stored } = await storedRows(db, scope, handed)
  // A stamp in the future means the clock stepped back: cards written since may carry lower stamps.
  const rowOf = (deckId: string) => {
    const row = handed?.current.get(deckId) ?? stored.get(deckId)
    return row && isWhole(row) && row.builtFrom <= Date.now() ? row : undefined
  }
  const since = Math.min(...(scope ?? candidates).map((deckId) => rowOf(deckId)?.builtFrom ?? Infinity))
  const { deckIds, changed } = await decksAndChanges(db, candidates, since, scope)
  const withCards = new Set(deckIds)
  const changedIn = new Map([...changed].flatMap(([deckId, { ids }]) => ids.map((id) => [id, deckId] as const)))
  const current = new Map<string, CardColumnsRecord>()
  const stale: string[] = []
  const writes: Array<Promise<unknown>> = []
  for (const deckId of scope ?? deckIds) {
    const row = rowOf(deckId)
    const held = handed?.current.has(deckId)
    if (!withCards.has(deckId)) current.set(deckId, emptyColumns(deckId, 0, builtFrom))
    else if (row && !movedAway(row, deckId, changedIn)) {
      const patched = patchColumns(
        row,
        (changed.get(deckId)?.cards ?? []).filter((card) => card.mod! >= row.builtFrom),
        builtFrom
      )
      if (!patched) current.set(deckId, row)
      else if (!handed || held) stale.push(deckId)
      else {
        current.set(deckId, patched)
        writes.push(db.cardColumns.put(patched))
      }
    } else if (!handed || held) stale.push(deckId)
    else writes.push(buildColumns(db, deckId, builtFrom).then((built) => current.set(deckId, built)))
  }
  await Promise.all(writes)
  return { current, stale, deckIds }
}

/** Whether a card of the row has been written since in another deck (moved under the same key). */
function movedAway(row: CardColumnsRecord, deckId: string, changedIn: ReadonlyMap<string, string>): boolean {
  for (const [id, now] of changedIn) if (now !== deckId && indexOfId(row.ids, id) >= 0) return true
  return false
}

/**
 * The stored rows a pass needs, and the decks that probably have cards (those with rows, or the
 * decks a readonly pass found), asked for together: every row of the collection, a scope's rows,
 * or only the rows a readonly pass did not find current.
 */
async function storedRows(
  db: RecallDatabase,
  scope: readonly string[] | undefined,
  handed: Found | undefined
): Promise<{ candidates: string[]; stored: Map<string, CardColumnsRecord> }> {
  const rowsOf = async (deckIds: readonly string[]) => {
    const rows = await db.cardColumns.bulkGet([...deckIds])
    return new Map(rows.flatMap((row) => (row ? [[row.deckId, row] as const] : [])))
  }
  if (handed) return { candidates: handed.deckIds, stored: await rowsOf((scope ?? handed.deckIds).filter((id) => !handed.current.has(id))) }
  if (scope) {
    const [keys, stored] = await Promise.all([db.cardColumns.toCollection().primaryKeys(), rowsOf(scope)])
    return { candidates: keys, stored }
  }
  const rows = await db.cardColumns.toArray()
  return { candidates: rows.map((row) => row.deckId), stored: new Map(rows.map((row) => [row.deckId, row])) }
}

/** A deck's cards written since a moment: their keys, and the cards themselves for a deck being read. */
interface Changes {
  ids: string[]
  cards?: CardRecord[]
}

/**
 * Every deck id the cards name, and each deck's cards written since `since` (the cards themselves
 * for the decks of `scope`, every deck when undefined; the keys alone for the others), asked for
 * together: one round of requests, since the candidates are the decks unless one was added since.
 */
async function decksAndChanges(
  db: RecallDatabase,
  candidates: readonly string[],
  since: number,
  scope: readonly string[] | undefined
): Promise<{ deckIds: string[]; changed: Map<string, Changes> }> {
  const sorted = [...new Set(candidates)].sort(compareKeys)
  const inScope = scope && new Set(scope)
  const changesOf = (deckIds: readonly string[]) =>
    since === Infinity || deckIds.length === 0 ? new Map<string, Changes>() : changesSince(db, since, deckIds, inScope)
  const [deckIds, changed] = await Promise.all([deckIdsOfCards(db, sorted), changesOf(sorted)])
  const known = new Set(sorted)
  const added = await changesOf(deckIds.filter((deckId) => !known.has(deckId)))
  return { deckIds, changed: new Map([...changed, ...added]) }
}

async function changesSince(
  db: RecallDatabase,
  since: number,
  deckIds: readonly string[],
  inScope: ReadonlySet<string> | undefined
): Promise<Map<string, Changes>> {
  const range = (deckId: string) => db.cards.where('[deckId+mod]').between([deckId, since], [deckId, Dexie.maxKey], true, true)
  const changes = await Promise.all(
    deckIds.map(async (deckId): Promise<Changes> => {
      if (inScope && !inScope.has(deckId)) return { ids: await range(deckId).primaryKeys() }
      const cards = await range(deckId).toArray()
      return { ids: cards.map((card) => card.id), cards }
    })
  )
  return new Map(deckIds.map((deckId, i) => [deckId, changes[i]!]))
}

/**
 * Every deck id the cards name. The candidates (sorted: the decks that probably have cards) are
 * checked all at once, whether each has cards and whether any card lies between two of them; only
 * when one does (a deck new since) are the decks found one index seek after another.
 */
async function deckIdsOfCards(db: RecallDatabase, candidates: readonly string[]): Promise<string[]> {
  const any = (keys: Promise<unknown[]>) => keys.then((found) => found.length > 0)
  const byDeck = () => db.cards.where('deckId')
  const gap = (lower: string | undefined, upper: string | undefined) =>
    lower === undefined && upper === undefined
      ? db.cards.orderBy('deckId')
      : lower === undefined
        ? byDeck().below(upper!)
        : upper === undefined
          ? byDeck().above(lower)
          : byDeck().between(lower, upper, false, false)
  const [hasCards, between] = await Promise.all([
    Promise.all(candidates.map((deckId) => any(byDeck().equals(deckId).limit(1).primaryKeys()))),
    Promise.all(
      [...candidates, undefined].map((upper, i) =>
        any(
          gap(candidates[i - 1], upper)
            .limit(1)
            .primaryKeys()
        )
      )
    )
  ])
  if (between.some(Boolean)) return walkDeckIds(db)
  return candidates.filter((_, i) => hasCards[i])
}

/** Every deck id the cards name, one index seek per deck instead of a walk over the index. */
async function walkDeckIds(db: RecallDatabase): Promise<string[]> {
  const deckIds: string[] = []
  for (let card = await db.cards.orderBy('deckId').first(); card; card = await db.cards.where('deckId').above(card.deckId).first()) {
    deckIds.push(card.deckId)
  }
  return deckIds
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
