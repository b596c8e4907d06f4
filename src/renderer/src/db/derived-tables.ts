import type { StudiedToday } from '@core/scheduling/daily-limits'
import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie'

/**
 * Derived tables: figures kept beside the collection so the statistics screen need not read a
 * million review logs or every card on each opening. They are caches: everything in them can be
 * rebuilt from `cards` and `reviews`, so backups leave them out and a restore empties them.
 *
 * - `reviewDays`: per deck and study day, the counts the review charts need (see review-days.ts).
 * - `cardColumns`: per deck, the scheduling fields of every card as typed columns (see card-columns.ts).
 * - `derived`: one bookkeeping row per cache (what it was built from, what changed since), and the
 *   deck list's counters (see today-counters.ts).
 *
 * They stay correct without any caller's help, through the middleware below:
 * - every write transaction that covers `cards` or `reviews` also covers the derived tables;
 * - every card written gets `mod`, a change stamp, so a cache finds the cards changed since it was built;
 * - deleting cards empties `cardColumns` and drops the learning-cards counter (rare: rebuilt at the
 *   next read);
 * - deleting review logs notes their deck and time in the `reviewDays` bookkeeping row, so the
 *   days they belonged to are counted again, and drops their decks from the studied-today counter;
 *   clearing the table drops both rows, so everything is counted again. New logs need nothing:
 *   their ids grow, and each cache remembers the last id it counted.
 */
export const DERIVED_TABLES = ['reviewDays', 'cardColumns', 'derived'] as const

export const REVIEW_DAYS_ROW = 'reviewDays'

/** A deleted log, as the rollup needs to know it: which deck, which moment. */
interface DeletedLog {
  deckId: string
  review: number
}

/** The bookkeeping row of the review rollup. */
export interface ReviewDaysBookkeeping {
  name: typeof REVIEW_DAYS_ROW
  /** The study-day rule the rows were counted with; another rule means a rebuild. */
  dayStartsAtHour: number
  timeZone: string
  /** The highest review-log id counted into the rows. */
  lastLogId: number
  /** Logs deleted since the rows were counted: their days are counted again. */
  deleted: DeletedLog[]
}

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
/** Dexie's DBCoreRangeType.Any (a const enum, so not importable under isolatedModules). */
const ANY_KEY = { type: 3, lower: -Infinity, upper: [[]] } as unknown as DBCoreKeyRange

function covers(trans: DBCoreTransaction, store: string): boolean {
  // The IndexedDB core hands out the native transaction.
  return (trans as unknown as IDBTransaction).objectStoreNames.contains(store)
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
        await core.table('cardColumns').mutate({ type: 'deleteRange', trans: req.trans, range: ANY_KEY })
        await core.table('derived').mutate({ type: 'delete', trans: req.trans, keys: [LEARNING_CARDS_ROW] })
      }
      return down.mutate(req)
    }
  }
}

function reviewsTable(down: DBCoreTable, core: DBCore): DBCoreTable {
  return {
    ...down,
    async mutate(req: DBCoreMutateRequest) {
      // New logs get ids above the last one counted, so only a log added with an explicit id needs a look.
      const plainAdd = req.type === 'add' && req.values.every((v: { id?: number }) => v.id === undefined)
      if (plainAdd || !covers(req.trans, 'derived')) return down.mutate(req)
      const derived = core.table('derived')
      const [bookkeeping, studied] = (await derived.getMany({ trans: req.trans, keys: [REVIEW_DAYS_ROW, STUDIED_TODAY_ROW] })) as [
        ReviewDaysBookkeeping | undefined,
        StudiedTodayBookkeeping | undefined
      ]
      if (!bookkeeping && !studied) return down.mutate(req)
      if (req.type === 'deleteRange') {
        await derived.mutate({ type: 'delete', trans: req.trans, keys: [REVIEW_DAYS_ROW, STUDIED_TODAY_ROW] })
        return down.mutate(req)
      }
      // A changed, deleted or back-dated log: the days it was counted in, and now belongs to, are counted again.
      const keys = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v: { id?: number }) => v.id))
      const before = (await down.getMany({ trans: req.trans, keys: keys.filter((k) => k !== undefined) })) as Array<DeletedLog | undefined>
      const touched = [...before, ...(req.type === 'delete' ? [] : (req.values as DeletedLog[]))]
      const deleted = touched.filter((log): log is DeletedLog => log !== undefined).map(({ deckId, review }) => ({ deckId, review }))
      const changed: DerivedRecord[] = []
      if (bookkeeping && deleted.length > 0) changed.push({ ...bookkeeping, deleted: [...bookkeeping.deleted, ...deleted] })
      if (studied && deleted.some((log) => studied.decks.has(log.deckId))) {
        const decks = new Map(studied.decks)
        for (const log of deleted) decks.delete(log.deckId)
        changed.push({ ...studied, decks })
      }
      if (changed.length > 0) await derived.mutate({ type: 'put', trans: req.trans, values: changed })
      return down.mutate(req)
    }
  }
}

/** Keeps the derived tables in step with `cards` and `reviews` (see the top of this file). */
export const keepDerivedTables: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'recall-derived-tables',
  create(down) {
    const present = DERIVED_TABLES.every((name) => down.schema.tables.some((t) => t.name === name))
    if (!present) return down
    return {
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
    }
  }
}
