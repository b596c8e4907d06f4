import type { ReviewDayRecord, ReviewRecord, ReviewSlotsRecord } from '@core/model'
import { countable } from '@core/stats/review-day-rows'
import { addCardEntries, addToDayRow, changedRows, daysOfSlots, slotRowKey, withEntries, type SlotChanges } from '@core/stats/review-slots'
import { studyDayOf } from '@core/time/study-day'
import { DAY_MS, MINUTE_MS } from '@shared/durations'

/**
 * The review rollup (see core/stats/review-slots.ts): `reviewSlots`, each deck's grades by UTC
 * quarter hour, and `reviewDays`, the same summed into study days under one day-start hour and
 * time zone. Every write to the review log changes both in its own transaction (the
 * derived-tables middleware calls `changeRollup`), so opening the statistics reads day rows and
 * never the log. A change of day-start hour or time zone sums the day rows again from the slots
 * (review-rollup-count.ts); only a collection from before the slots counts its log, once, in the
 * background.
 */

export const REVIEW_DAYS_ROW = 'reviewDays'

/** The rollup's bookkeeping row (in `derived`). With none, nothing is counted yet. */
export interface ReviewDaysBookkeeping {
  name: typeof REVIEW_DAYS_ROW
  /** The study-day rule the day rows are summed under. */
  dayStartsAtHour: number
  timeZone: string
  /** False once a grade was written in another time zone than `timeZone`: the day rows are summed again before use. */
  daysCurrent: boolean
  /**
   * Null when every card's logs are in the slots. While the history is being counted (after an
   * upgrade), the cards counted so far: keys up to this one, in index order.
   */
  countedThrough: string | null
  /** While counting: logs counted so far, for the progress shown. */
  countedLogs?: number
}

export const isRollupBookkeeping = (row: unknown): row is ReviewDaysBookkeeping =>
  typeof row === 'object' && row !== null && (row as { name?: unknown }).name === REVIEW_DAYS_ROW && 'countedThrough' in row

let knownZone: { name: string; offsets: string; at: number } | undefined

/**
 * The page's time zone. Reading its name makes a formatter, about a millisecond in Chromium and on
 * every grade's path, so the name read last is kept while the zone's UTC offsets (now, on 1 January
 * and on 1 July) are those it was read with, for a minute at most. A grade is placed by the offset
 * now, so a change of zone that keeps these offsets leaves its rows right; the name follows within
 * the minute.
 */
export function currentTimeZone(now = Date.now()): string {
  const date = new Date(now)
  const year = date.getFullYear()
  const offsets = `${date.getTimezoneOffset()} ${new Date(year, 0, 1).getTimezoneOffset()} ${new Date(year, 6, 1).getTimezoneOffset()}`
  const known = knownZone
  if (known && known.offsets === offsets && now >= known.at && now - known.at < MINUTE_MS) return known.name
  knownZone = { name: Intl.DateTimeFormat().resolvedOptions().timeZone, offsets, at: now }
  return knownZone.name
}

/** The bookkeeping of a rollup with every card counted (none yet, in a new collection). */
export const countedRollup = (dayStartsAtHour: number): ReviewDaysBookkeeping => ({
  name: REVIEW_DAYS_ROW,
  dayStartsAtHour,
  timeZone: currentTimeZone(),
  daysCurrent: true,
  countedThrough: null
})

/** Whether a card's logs are in the slots (so a change to them must be counted now). */
const isCounted = (kept: ReviewDaysBookkeeping, cardKey: string): boolean => kept.countedThrough === null || cardKey <= kept.countedThrough

/** The rollup's rows as a transaction reaches them: through Dexie's core (the middleware) or its tables. */
export interface RollupStore {
  getSlots(keys: Array<[string, number]>): Promise<Array<ReviewSlotsRecord | undefined>>
  getDays(keys: Array<[string, number]>): Promise<Array<ReviewDayRecord | undefined>>
  write(change: {
    slots: ReviewSlotsRecord[]
    slotsGone: Array<[string, number]>
    days: ReviewDayRecord[]
    daysGone: Array<[string, number]>
    kept?: ReviewDaysBookkeeping
  }): Promise<unknown>
}

/** Rows already read, by `slotRowKey`, that a write can use instead of reading them again. */
export interface Prefetched {
  slots?: Map<string, ReviewSlotsRecord | undefined>
  days?: { hour: number; rows: Map<string, ReviewDayRecord | undefined> }
}

function rowsOf<Row extends { deckId: string; day: number }>(
  keys: Array<[string, number]>,
  known: Map<string, Row | undefined> | undefined,
  read: (keys: Array<[string, number]>) => Promise<Array<Row | undefined>>
): Promise<Map<string, Row | undefined>> {
  const found = new Map<string, Row | undefined>()
  const missing: Array<[string, number]> = []
  for (const [deckId, day] of keys) {
    const key = slotRowKey(deckId, day)
    if (known?.has(key)) found.set(key, known.get(key))
    else missing.push([deckId, day])
  }
  if (missing.length === 0) return Promise.resolve(found)
  return read(missing).then((rows) => {
    missing.forEach(([deckId, day], i) => found.set(slotRowKey(deckId, day), rows[i]))
    return found
  })
}

/**
 * Adds the changes to the slot rows, and to the day rows when they are summed in this time zone
 * (otherwise they are marked for summing again). Written with then(): this runs in every grade's
 * transaction, where each native await inside Dexie's zone costs (see recordReview).
 */
export function writeSlotChanges(
  store: RollupStore,
  kept: ReviewDaysBookkeeping,
  changes: SlotChanges,
  prefetched: Prefetched = {}
): Promise<unknown> {
  if (changes.size === 0) return Promise.resolve()
  const sumDays = kept.daysCurrent && kept.timeZone === currentTimeZone()
  const dayChanges = sumDays ? daysOfSlots(changedRows(changes), kept.dayStartsAtHour) : new Map<string, ReviewDayRecord>()
  const slotKeys = [...changes.values()].map(({ deckId, day }): [string, number] => [deckId, day])
  const dayKeys = [...dayChanges.values()].map(({ deckId, day }): [string, number] => [deckId, day])
  const knownDays = prefetched.days?.hour === kept.dayStartsAtHour ? prefetched.days.rows : undefined
  return Promise.all([
    rowsOf(slotKeys, prefetched.slots, (keys) => store.getSlots(keys)),
    rowsOf(dayKeys, knownDays, (keys) => store.getDays(keys))
  ]).then(([slotRows, dayRows]) => {
    const write = {
      slots: [] as ReviewSlotsRecord[],
      slotsGone: [] as Array<[string, number]>,
      days: [] as ReviewDayRecord[],
      daysGone: [] as Array<[string, number]>
    }
    for (const [key, { deckId, day, entries }] of changes) {
      const row = withEntries(slotRows.get(key), deckId, day, entries)
      if (row) write.slots.push(row)
      else if (slotRows.get(key)) write.slotsGone.push([deckId, day])
    }
    for (const [key, change] of dayChanges) {
      const row = addToDayRow(dayRows.get(key), change)
      if (row) write.days.push(row)
      else if (dayRows.get(key)) write.daysGone.push([change.deckId, change.day])
    }
    return store.write(sumDays || !kept.daysCurrent ? write : { ...write, kept: { ...kept, daysCurrent: false } })
  })
}

const pairOf = (log: Pick<ReviewRecord, 'deckId' | 'cardKey'>) => `${log.deckId}\u0000${log.cardKey}`

/**
 * What a write does to the slots: for each card it touches, its entries from its logs after the
 * write less those from its logs before. `before` holds each touched card key's logs before the
 * write (all decks); `gone` the ids the write deleted or replaced; `added` what it wrote, with ids.
 */
export function slotChangesOf(
  kept: ReviewDaysBookkeeping,
  before: ReadonlyMap<string, readonly ReviewRecord[]>,
  gone: ReadonlySet<number>,
  added: readonly ReviewRecord[],
  touched: ReadonlyArray<Pick<ReviewRecord, 'deckId' | 'cardKey'>>
): SlotChanges {
  const changes: SlotChanges = new Map()
  const pairs = new Map<string, { deckId: string; cardKey: string; added: ReviewRecord[] }>()
  for (const log of touched)
    if (isCounted(kept, log.cardKey)) pairs.set(pairOf(log), { deckId: log.deckId, cardKey: log.cardKey, added: [] })
  for (const log of added) pairs.get(pairOf(log))?.added.push(log)
  for (const { deckId, cardKey, added: mine } of pairs.values()) {
    const old = (before.get(cardKey) ?? []).filter((log) => log.deckId === deckId)
    addCardEntries(changes, old, -1)
    addCardEntries(changes, [...old.filter((log) => !gone.has(log.id!)), ...mine], 1)
  }
  for (const [key, row] of changes) {
    for (const [entry, value] of row.entries) if (value === 0) row.entries.delete(entry)
    if (row.entries.size === 0) changes.delete(key)
  }
  return changes
}

/** The cards whose logs a write must read first, card key → deck: those of the countable logs it touches. */
export function cardsToRead(logs: readonly ReviewRecord[]): Map<string, string> {
  return new Map(logs.filter(countable).map((log) => [log.cardKey, log.deckId]))
}

/** The rows a grade written now will change, so they can be read alongside the write itself. */
export function rowsOfNewLogs(logs: readonly ReviewRecord[], hour: number | undefined) {
  const graded = logs.filter(countable)
  return {
    slots: graded.map((log): [string, number] => [log.deckId, Math.floor(log.review / DAY_MS) * DAY_MS]),
    days: hour === undefined ? [] : graded.map((log): [string, number] => [log.deckId, studyDayOf(log.review, hour).start])
  }
}

/** Every log of these cards, grouped by card key, in memory: the whole rollup of a restored collection. */
export function slotChangesOfLogs(logs: readonly ReviewRecord[]): SlotChanges {
  const byCard = new Map<string, ReviewRecord[]>()
  for (const log of logs) {
    if (!countable(log)) continue
    const pair = pairOf(log)
    const list = byCard.get(pair)
    if (list) list.push(log)
    else byCard.set(pair, [log])
  }
  const changes: SlotChanges = new Map()
  for (const list of byCard.values()) addCardEntries(changes, list, 1)
  return changes
}
