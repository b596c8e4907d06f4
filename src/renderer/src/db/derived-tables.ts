import type { CardColumnsRecord, CardRecord, ReviewRecord } from '@core/model'
import type { StudiedToday } from '@core/scheduling/daily-limits'
import { countable } from '@core/stats/review-day-rows'
import { slotRowKey } from '@core/stats/review-slots'
import { cachedTables } from '@db/cached-tables'
import { compareKeys, isWhole, withoutCards } from '@db/card-column-arrays'
import {
  cardsToRead,
  isRollupBookkeeping,
  REVIEW_DAYS_ROW,
  rowsOfNewLogs,
  slotChangesOf,
  writeSlotChanges,
  type Prefetched,
  type ReviewDaysBookkeeping,
  type RollupStore
} from '@db/review-rollup'
import Dexie, {
  type DBCore,
  type DBCoreAddRequest,
  type DBCoreKeyRange,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware
} from 'dexie'

/**
 * Derived tables: figures kept beside the collection so the statistics screen need not read a
 * million review logs or every card on each opening. They are caches: everything in them can be
 * rebuilt from `cards` and `reviews`, so backups leave them out and a restore counts them again.
 *
 * - `reviewSlots` and `reviewDays`: per deck, the review charts' counts by UTC quarter hour and by
 *   study day (see review-rollup.ts);
 * - `cardColumns`: per deck, the scheduling fields of every card as typed columns (see card-columns.ts);
 * - `derived`: one bookkeeping row per cache, and the deck list's counters (see today-counters.ts).
 *
 * They stay correct without any caller's help, through the middleware below:
 * - every write transaction that covers `cards` or `reviews` also covers the derived tables;
 * - every card written gets `mod`, a change stamp, so a cache finds the cards changed since it was built;
 * - deleting cards takes them out of their decks' card columns and of the learning-cards counter;
 * - every write to the review log changes the review rollup in the same transaction: the touched
 *   cards' entries from their logs after the write, less those from before (review-rollup.ts);
 * - deleting or changing review logs drops their decks from the studied-today counter; new logs
 *   need nothing there: their ids grow, and the counter remembers the last id it counted.
 */
export const DERIVED_TABLES = ['reviewDays', 'reviewSlots', 'cardColumns', 'derived'] as const

export { REVIEW_DAYS_ROW }

export const STUDIED_TODAY_ROW = 'studiedToday'

/** The deck list's counter of what each deck studied on one study day (today-counters.ts). */
export interface StudiedTodayBookkeeping {
  name: typeof STUDIED_TODAY_ROW
  /** The study day counted; any other day starts the row afresh. */
  dayStart: number
  dayEnd: number
  /** The highest review-log id counted. */
  lastLogId: number
  /** By deck id; a deck missing is counted from its logs. */
  decks: Map<string, StudiedToday>
}

export const LEARNING_CARDS_ROW = 'learningCards'

/** The deck list's learning cards: by deck id, each learning card's due time by card key (today-counters.ts). */
export interface LearningCardsBookkeeping {
  name: typeof LEARNING_CARDS_ROW
  /** Cards changed at or after this stamp (`mod`) may not be in the row yet. */
  builtFrom: number
  decks: Map<string, Map<string, number>>
}

export type DerivedRecord = ReviewDaysBookkeeping | StudiedTodayBookkeeping | LearningCardsBookkeeping

let lastStamp = 0
/** Milliseconds, but never the same or lower twice in this page, even if the clock steps back. */
export function nextChangeStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1)
  return lastStamp
}

const WATCHED = ['cards', 'reviews']
/** Dexie's DBCoreRangeType.Any and .Equal (a const enum, so not importable under isolatedModules). */
const ANY = 3
const EQUAL = 1
const RANGE = 2
/**
 * Up to this many cards of one deck, a write reads each card's logs by its key (a journal replay
 * touches a few hundred cards of each deck, scattered); beyond it, in one read of the key range
 * between them (an import into a deck, a deck's cards deleted: most of that range is theirs).
 */
const FEW_CARDS = 2_000
const ANY_KEY = { type: ANY, lower: -Infinity, upper: [[]] } as unknown as DBCoreKeyRange

function covers(trans: DBCoreTransaction, store: string): boolean {
  // The IndexedDB core hands out the native transaction.
  return (trans as unknown as IDBTransaction).objectStoreNames.contains(store)
}

/** Deleted cards leave their decks' card columns and the learning-cards counter; the rest of each stays. */
async function forgetCards(down: DBCoreTable, core: DBCore, trans: DBCoreTransaction, keys: readonly unknown[]): Promise<void> {
  const cards = (await down.getMany({ trans, keys: [...keys] })) as Array<CardRecord | undefined>
  const byDeck = new Map<string, Set<string>>()
  for (const card of cards) {
    if (!card) continue
    const ids = byDeck.get(card.deckId)
    if (ids) ids.add(card.id)
    else byDeck.set(card.deckId, new Set([card.id]))
  }
  if (byDeck.size === 0) return
  const columnsTable = core.table('cardColumns')
  const derived = core.table('derived')
  const allGone = new Set(cards.flatMap((card) => (card ? [card.id] : [])))
  // Every deck's row, not only the cards' decks: a card moved to another deck under the same key
  // (by another window, or a write outside the columns' transactions) may still sit in its old
  // deck's row until that row is next caught up.
  const [rows, [learning]] = (await Promise.all([
    columnsTable
      .query({ trans, query: { index: columnsTable.schema.primaryKey, range: ANY_KEY }, values: true })
      .then((r) => r.result as Array<CardColumnsRecord | undefined>),
    derived.getMany({ trans, keys: [LEARNING_CARDS_ROW] })
  ])) as [Array<CardColumnsRecord | undefined>, Array<LearningCardsBookkeeping | undefined>]
  const kept: CardColumnsRecord[] = []
  const gone: string[] = []
  rows.forEach((row) => {
    if (!row) return
    // A row of another shape is built again when next read.
    const left = isWhole(row) ? withoutCards(row, allGone) : undefined
    if (!left || left.ids.length === 0) gone.push(row.deckId)
    else if (left !== row) kept.push(left)
  })
  const writes: Array<Promise<unknown>> = []
  if (kept.length > 0) writes.push(columnsTable.mutate({ type: 'put', trans, values: kept }))
  if (gone.length > 0) writes.push(columnsTable.mutate({ type: 'delete', trans, keys: gone }))
  if (learning) {
    const decks = new Map(learning.decks)
    for (const [deckId, ids] of byDeck) {
      const due = decks.get(deckId)
      if (!due) continue
      const left = new Map(due)
      for (const id of ids) left.delete(id)
      decks.set(deckId, left)
    }
    writes.push(derived.mutate({ type: 'put', trans, values: [{ ...learning, decks }] }))
  }
  await Promise.all(writes)
}

function cardsTable(down: DBCoreTable, core: DBCore): DBCoreTable {
  return {
    ...down,
    async mutate(req: DBCoreMutateRequest) {
      if (req.type === 'add' || req.type === 'put') {
        const mod = nextChangeStamp()
        // Copies, so the caller's objects stay as they were.
        return down.mutate({ ...req, values: req.values.map((value: object) => ({ ...value, mod })) })
      }
      if (covers(req.trans, 'cardColumns')) {
        if (req.type === 'delete') await forgetCards(down, core, req.trans, req.keys)
        else {
          await core.table('cardColumns').mutate({ type: 'deleteRange', trans: req.trans, range: ANY_KEY })
          await core.table('derived').mutate({ type: 'delete', trans: req.trans, keys: [LEARNING_CARDS_ROW] })
        }
      }
      return down.mutate(req)
    }
  }
}

/** The rollup's rows through Dexie's core, inside the transaction of a write to the log. */
function coreRollupStore(core: DBCore, trans: DBCoreTransaction): RollupStore {
  const slots = core.table('reviewSlots')
  const days = core.table('reviewDays')
  return {
    getSlots: (keys) => (keys.length === 0 ? Promise.resolve([]) : slots.getMany({ trans, keys })),
    getDays: (keys) => (keys.length === 0 ? Promise.resolve([]) : days.getMany({ trans, keys })),
    write: (w) => {
      const writes: Array<Promise<unknown>> = []
      if (w.slots.length > 0) writes.push(slots.mutate({ type: 'put', trans, values: w.slots }))
      if (w.slotsGone.length > 0) writes.push(slots.mutate({ type: 'delete', trans, keys: w.slotsGone }))
      if (w.days.length > 0) writes.push(days.mutate({ type: 'put', trans, values: w.days }))
      if (w.daysGone.length > 0) writes.push(days.mutate({ type: 'delete', trans, keys: w.daysGone }))
      if (w.kept) writes.push(core.table('derived').mutate({ type: 'put', trans, values: [w.kept] }))
      return Promise.all(writes)
    }
  }
}

const unique = (keys: Array<[string, number]>) => [...new Map(keys.map((k) => [slotRowKey(...k), k])).values()]
const byRowKey = <Row>(keys: Array<[string, number]>, rows: Row[]) => new Map(keys.map((k, i) => [slotRowKey(...k), rows[i]]))

function reviewsTable(down: DBCoreTable, core: DBCore): DBCoreTable {
  const derived = core.table('derived')
  const cardKeyIndex = down.schema.getIndexByKeyPath('cardKey')!
  const query = (trans: DBCoreTransaction, lower: string, upper: string) =>
    down
      .query({
        trans,
        values: true,
        query: { index: cardKeyIndex, range: { type: lower === upper ? EQUAL : RANGE, lower, upper } }
      })
      .then(({ result }) => result as ReviewRecord[])
  /**
   * Each card's logs as they are now in the transaction (read before a write is sent, they are the
   * logs before it), by card key: one read per card, or per deck when it is many of one deck's.
   */
  const logsOf = (trans: DBCoreTransaction, cards: ReadonlyMap<string, string>): Promise<Map<string, ReviewRecord[]>> => {
    const byDeck = new Map<string, string[]>()
    for (const [cardKey, deckId] of cards) {
      const keys = byDeck.get(deckId)
      if (keys) keys.push(cardKey)
      else byDeck.set(deckId, [cardKey])
    }
    const reads = [...byDeck.values()].flatMap((keys) => {
      if (keys.length <= FEW_CARDS) return keys.map((key) => query(trans, key, key))
      keys.sort(compareKeys)
      return [query(trans, keys[0]!, keys.at(-1)!)]
    })
    return Promise.all(reads).then((lists) => {
      const found = new Map<string, ReviewRecord[]>([...cards.keys()].map((key) => [key, []]))
      for (const list of lists) for (const log of list) found.get(log.cardKey)?.push(log)
      return found
    })
  }
  /** The day-start hour the day rows were last summed under, to read a grade's day row alongside its write. */
  let lastHour: number | undefined

  /**
   * A grade (or any logs added with new ids): the rollup's bookkeeping, the cards' logs and the
   * rows the new logs fall in are read in the same round trip as the write, then the rows are
   * written. Plain then(), not await: this is every grade (see writeSlotChanges).
   */
  function addLogs(req: DBCoreAddRequest): Promise<DBCoreMutateResponse> {
    const logs = req.values as ReviewRecord[]
    const cards = cardsToRead(logs)
    if (cards.size === 0) return down.mutate(req)
    const { trans } = req
    const store = coreRollupStore(core, trans)
    const hour = lastHour
    const wanted = rowsOfNewLogs(logs, hour)
    const [slotKeys, dayKeys] = [unique(wanted.slots), unique(wanted.days)]
    const reads = Promise.all([
      derived.getMany({ trans, keys: [REVIEW_DAYS_ROW] }),
      logsOf(trans, cards),
      store.getSlots(slotKeys),
      store.getDays(dayKeys)
    ])
    const written = down.mutate(req)
    return Promise.all([reads, written]).then(([[[kept], before, slots, days], res]) => {
      if (!isRollupBookkeeping(kept)) return res
      lastHour = kept.dayStartsAtHour
      const added = logs.flatMap((log, i) => (i in res.failures ? [] : [{ ...log, id: res.results![i] as number }]))
      const prefetched: Prefetched = {
        slots: byRowKey(slotKeys, slots),
        days: hour === undefined ? undefined : { hour, rows: byRowKey(dayKeys, days) }
      }
      return writeSlotChanges(store, kept, slotChangesOf(kept, before, new Set(), added, added.filter(countable)), prefetched).then(
        () => res
      )
    })
  }

  /** Changed, deleted or back-dated logs, and the log emptied. */
  async function changeLogs(request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
    let req = request
    const { trans } = req
    const [bookkeeping, studied] = (await derived.getMany({ trans, keys: [REVIEW_DAYS_ROW, STUDIED_TODAY_ROW] })) as [
      unknown,
      StudiedTodayBookkeeping | undefined
    ]
    const rollup = isRollupBookkeeping(bookkeeping) ? bookkeeping : undefined
    if (!rollup && !studied) return down.mutate(req)
    if (req.type === 'deleteRange') {
      if (req.range.type === (ANY as DBCoreKeyRange['type'])) {
        const writes: Array<Promise<unknown>> = [derived.mutate({ type: 'delete', trans, keys: [STUDIED_TODAY_ROW] })]
        if (rollup) {
          // An empty log is counted in full.
          writes.push(core.table('reviewSlots').mutate({ type: 'deleteRange', trans, range: ANY_KEY }))
          writes.push(core.table('reviewDays').mutate({ type: 'deleteRange', trans, range: ANY_KEY }))
          writes.push(derived.mutate({ type: 'put', trans, values: [{ ...rollup, countedThrough: null, countedLogs: undefined }] }))
        }
        await Promise.all(writes)
        return down.mutate(req)
      }
      const { result: keys } = await down.query({ trans, query: { index: down.schema.primaryKey, range: req.range } })
      req = { type: 'delete', trans, keys }
    }
    const values = req.type === 'delete' ? [] : (req.values as ReviewRecord[])
    const ids = req.type === 'delete' ? req.keys : values.map((v) => v.id).filter((id) => id !== undefined)
    const old = ((await down.getMany({ trans, keys: ids })) as Array<ReviewRecord | undefined>).filter((log) => log !== undefined)
    const touched = [...old, ...values]
    if (studied && touched.some((log) => studied.decks.has(log.deckId))) {
      const decks = new Map(studied.decks)
      for (const log of touched) decks.delete(log.deckId)
      await derived.mutate({ type: 'put', trans, values: [{ ...studied, decks }] })
    }
    if (!rollup) return down.mutate(req)
    const before = logsOf(trans, cardsToRead(touched))
    const written = down.mutate(req)
    const [lists, res] = await Promise.all([before, written])
    const added = values.flatMap((log, i) => (i in res.failures ? [] : [{ ...log, id: (res.results?.[i] ?? log.id) as number }]))
    const gone = new Set(old.map((log) => log.id!))
    await writeSlotChanges(
      coreRollupStore(core, trans),
      rollup,
      slotChangesOf(rollup, lists, gone, added, [...old, ...added].filter(countable))
    )
    return res
  }

  // One write at a time per transaction: each reads rows the one before it may change.
  const busy = new WeakMap<DBCoreTransaction, Promise<unknown>>()
  return {
    ...down,
    mutate(req: DBCoreMutateRequest) {
      if (!covers(req.trans, 'derived')) return down.mutate(req)
      const plainAdd = req.type === 'add' && req.values.every((v: { id?: number }) => v.id === undefined)
      const run = () => (plainAdd ? addLogs(req) : changeLogs(req))
      const before = busy.get(req.trans)
      // Dexie's promise, so that the write runs in the transaction's zone, which the layers below read.
      const result = before ? Dexie.Promise.resolve(before).then(run) : run()
      busy.set(
        req.trans,
        result.catch(() => undefined)
      )
      return result
    }
  }
}

/** Keeps the derived tables in step with `cards` and `reviews` (see the top of this file). */
export const keepDerivedTables: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'recall-derived-tables',
  create(below) {
    const present = DERIVED_TABLES.every((name) => below.schema.tables.some((t) => t.name === name))
    if (!present) return below
    const down = cachedTables(below)
    return cachedTables({
      ...down,
      transaction(stores, mode, options) {
        const widen = mode === 'readwrite' && stores.some((s) => WATCHED.includes(s))
        return down.transaction(widen ? [...new Set([...stores, ...DERIVED_TABLES])] : stores, mode, options)
      },
      table(name) {
        const table = down.table(name)
        if (name === 'cards') return cardsTable(table, down)
        if (name === 'reviews') return reviewsTable(table, down)
        return table
      }
    })
  }
}
