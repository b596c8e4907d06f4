import type { ReviewDayRecord, ReviewRecord } from '@core/model'
import { countable, createReviewDayRowsAccumulator, placed, type DeckDay } from '@core/stats/review-day-rows'
import { createStudyDayLookup, studyDayOf } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { REVIEW_DAYS_ROW, type ReviewDaysBookkeeping } from '@db/derived-tables'

/**
 * The `reviewDays` rollup: per deck and study day, what the review charts count (see
 * core/stats/review-day-rows.ts), so the statistics screen reads a few thousand rows instead of
 * every review log. The derived-tables middleware notes deleted and changed logs; new logs are
 * found by id above the last one counted.
 */

export interface ReviewDaysReport {
  /** Every row was counted again from the whole review log. */
  rebuilt: boolean
  /** Deck-days counted again from their own logs. */
  daysRecounted: number
  logsRead: number
}

const UNCHANGED: ReviewDaysReport = { rebuilt: false, daysRecounted: 0, logsRead: 0 }
/** Logs per read: getAll in pages is three times faster than a Dexie cursor, and holds one page at a time. */
const PAGE = 10_000

interface DayRule {
  dayStartsAtHour: number
  timeZone: string
}

const sameRule = (kept: ReviewDaysBookkeeping, rule: DayRule) =>
  kept.dayStartsAtHour === rule.dayStartsAtHour && kept.timeZone === rule.timeZone

const currentTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

/**
 * Brings the rollup up to date with the review log, under the given study-day rule (rows are keyed
 * by the start of the study day, so another hour or time zone means counting everything again).
 * Up to date, it is one read-only look; otherwise one readwrite transaction, so no grade slips
 * between the logs read and the rows written.
 */
export async function refreshReviewDays(
  db: RecallDatabase,
  dayStartsAtHour: number,
  timeZone = currentTimeZone()
): Promise<ReviewDaysReport> {
  const rule = { dayStartsAtHour, timeZone }
  if (await isUpToDate(db, rule)) return { ...UNCHANGED }
  return db.transaction('rw', db.reviews, db.reviewDays, db.derived, async () => {
    // Looked at again: another refresh may have run since.
    const kept = await bookkeepingOf(db)
    if (!kept || !sameRule(kept, rule)) return rebuild(db, rule)
    return catchUp(db, kept)
  })
}

const bookkeepingOf = (db: RecallDatabase) => db.derived.get(REVIEW_DAYS_ROW) as Promise<ReviewDaysBookkeeping | undefined>

async function isUpToDate(db: RecallDatabase, rule: DayRule): Promise<boolean> {
  return db.transaction('r', db.reviews, db.derived, async () => {
    const kept = await bookkeepingOf(db)
    if (!kept || !sameRule(kept, rule) || kept.deleted.length > 0) return false
    return (await db.reviews.where(':id').above(kept.lastLogId).limit(1).primaryKeys()).length === 0
  })
}

/** Reads the logs with ids above `after` in id order, a page at a time. */
async function eachLogAfter(
  db: RecallDatabase,
  after: number,
  visit: (log: ReviewRecord) => void
): Promise<{ lastLogId: number; read: number }> {
  let lastLogId = after
  let read = 0
  for (;;) {
    const page = await db.reviews.where(':id').above(lastLogId).limit(PAGE).toArray()
    for (const log of page) visit(log)
    read += page.length
    if (page.length > 0) lastLogId = page.at(-1)!.id!
    if (page.length < PAGE) return { lastLogId, read }
  }
}

/** The rows of some deck-days, from each one's logs through the `[deckId+review]` index. */
async function recount(
  db: RecallDatabase,
  dayStartsAtHour: number,
  deckDays: readonly DeckDay[]
): Promise<{ rows: ReviewDayRecord[]; read: number }> {
  // Days in time order within each deck, so the accumulator sees each card's grades in time order.
  const ordered = [...deckDays].sort((a, b) => (a.deckId === b.deckId ? a.day - b.day : a.deckId < b.deckId ? -1 : 1))
  const rows = createReviewDayRowsAccumulator({ dayStartsAtHour })
  let read = 0
  for (const { deckId, day } of ordered) {
    const end = studyDayOf(day, dayStartsAtHour).end
    const logs = await db.reviews.where('[deckId+review]').between([deckId, day], [deckId, end], true, false).toArray()
    for (const log of logs) rows.add(log)
    read += logs.length
  }
  return { rows: rows.result().rows, read }
}

const keyOf = (deckId: string, day: number) => `${day}\u0000${deckId}`

/** The recounted rows replace the old ones; a deck-day left without grades loses its row. */
async function writeRecounted(db: RecallDatabase, deckDays: readonly DeckDay[], rows: readonly ReviewDayRecord[]): Promise<void> {
  const kept = new Set(rows.map((r) => keyOf(r.deckId, r.day)))
  const gone = deckDays.filter((d) => !kept.has(keyOf(d.deckId, d.day))).map((d): [string, number] => [d.deckId, d.day])
  await db.reviewDays.bulkDelete(gone)
  await db.reviewDays.bulkPut([...rows])
}

async function rebuild(db: RecallDatabase, rule: DayRule): Promise<ReviewDaysReport> {
  const counted = createReviewDayRowsAccumulator(rule)
  const { lastLogId, read } = await eachLogAfter(db, 0, (log) => counted.add(log))
  const { rows, late } = counted.result()
  const again = await recount(db, rule.dayStartsAtHour, late)
  const lateKeys = new Set(late.map((d) => keyOf(d.deckId, d.day)))
  await db.reviewDays.clear()
  await db.reviewDays.bulkPut([...rows.filter((r) => !lateKeys.has(keyOf(r.deckId, r.day))), ...again.rows])
  await db.derived.put({ name: REVIEW_DAYS_ROW, ...rule, lastLogId, deleted: [] })
  return { rebuilt: true, daysRecounted: late.length, logsRead: read + again.read }
}

/** Counts again the deck-days of logs added or deleted since the last refresh. */
async function catchUp(db: RecallDatabase, kept: ReviewDaysBookkeeping): Promise<ReviewDaysReport> {
  const dayOf = createStudyDayLookup(kept.dayStartsAtHour)
  const touched = new Map<string, DeckDay>()
  const touch = (deckId: string, at: number) => {
    const day = dayOf(at).start
    touched.set(keyOf(deckId, day), { deckId, day })
  }
  const added = await eachLogAfter(db, kept.lastLogId, (log) => {
    if (countable(log)) touch(log.deckId, log.review)
  })
  for (const log of kept.deleted) if (placed(log)) touch(log.deckId, log.review)
  const deckDays = [...touched.values()]
  const { rows, read } = await recount(db, kept.dayStartsAtHour, deckDays)
  await writeRecounted(db, deckDays, rows)
  await db.derived.put({ ...kept, lastLogId: added.lastLogId, deleted: [] })
  return { rebuilt: false, daysRecounted: deckDays.length, logsRead: added.read + read }
}

/** The rollup rows of the scope: the whole table, or each deck's range of the primary key. */
export function readReviewDayRows(db: RecallDatabase, scope: 'all' | { deckIds: readonly string[] }): Promise<ReviewDayRecord[]> {
  if (scope === 'all') return db.reviewDays.toArray()
  return db.transaction('r', db.reviewDays, async () => {
    const perDeck = await Promise.all(
      scope.deckIds.map((deckId) => db.reviewDays.where('[deckId+day]').between([deckId, -Infinity], [deckId, Infinity]).toArray())
    )
    return perDeck.flat()
  })
}
