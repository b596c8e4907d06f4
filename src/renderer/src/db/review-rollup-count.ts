import type { ReviewDayRecord } from '@core/model'
import type { CountingProgress } from '@core/stats/snapshot'
import { daysOfSlots } from '@core/stats/review-slots'
import type { RecallDatabase } from '@db/database'
import { getSettings } from '@db/options-repository'
import { isCurrent } from '@db/review-rollup-whole'
import {
  countedRollup,
  currentTimeZone,
  isRollupBookkeeping,
  REVIEW_DAYS_ROW,
  slotChangesOfLogs,
  writeSlotChanges,
  type ReviewDaysBookkeeping,
  type RollupStore
} from '@db/review-rollup'

/**
 * The review rollup's slower work, none of it on a write's path: counting a collection's whole
 * log once (after the upgrade that brought the slots, or a restore), and summing the day rows
 * again from the slots after a change of day-start hour or time zone.
 */

/**
 * Logs per counting step, one transaction each. A step rewrites every slot and day row its cards
 * touch (about all of a deck's), so fewer, larger steps write far less: at 1,000,000 logs, steps of
 * 5,000 took 94 s in all; a grade that comes meanwhile waits for the step under way (~1 s).
 */
const PAGE = 20_000

/** Lets other work (a grade, the screen) go first between two steps. */
const pause = (): Promise<void> =>
  new Promise((resolve) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve, 0)
  )

/** The rollup's rows through Dexie, inside a transaction over them. */
function tableRollupStore(db: RecallDatabase): RollupStore {
  return {
    getSlots: (keys) => db.reviewSlots.bulkGet(keys),
    getDays: (keys) => db.reviewDays.bulkGet(keys),
    write: async (w) => {
      await db.reviewSlots.bulkPut(w.slots)
      await db.reviewSlots.bulkDelete(w.slotsGone)
      await db.reviewDays.bulkPut(w.days)
      await db.reviewDays.bulkDelete(w.daysGone)
      if (w.kept) await db.derived.put(w.kept)
    }
  }
}

const rollupOf = async (db: RecallDatabase) => {
  const row = await db.derived.get(REVIEW_DAYS_ROW)
  return isRollupBookkeeping(row) ? row : undefined
}

async function estimateOf(db: RecallDatabase, counted: number): Promise<number> {
  const last = await db.reviews.orderBy(':id').lastKey()
  return Math.max(counted, typeof last === 'number' ? last : 0)
}

/**
 * Counts the next page of cards, by card key, into the rollup: every log of each card in it,
 * never part of one. Returns where counting stands after it.
 */
async function countPage(db: RecallDatabase, dayStartsAtHour: number, size: number): Promise<CountingProgress | null> {
  return db.transaction('rw', [db.reviews, db.reviewSlots, db.reviewDays, db.derived], async () => {
    let kept = await rollupOf(db)
    if (!kept) {
      // Nothing counted (a collection from before the slots): whatever rows are left go.
      await db.reviewSlots.clear()
      await db.reviewDays.clear()
      kept = { ...countedRollup(dayStartsAtHour), countedThrough: '', countedLogs: 0 }
    }
    if (kept.countedThrough === null) return null
    let page = await db.reviews.where('cardKey').above(kept.countedThrough).limit(size).toArray()
    let through: string | null = null
    if (page.length === size) {
      const last = page.at(-1)!.cardKey
      // One card with more logs than a page is counted alone; otherwise the page ends before the card it cut.
      if (page[0]!.cardKey === last) page = await db.reviews.where('cardKey').equals(last).toArray()
      else page = page.filter((log) => log.cardKey !== last)
      through = page.at(-1)!.cardKey
    }
    const counted = (kept.countedLogs ?? 0) + page.length
    // Under the rule the day rows were summed with; in another time zone they are summed again on reading.
    await writeSlotChanges(tableRollupStore(db), kept, slotChangesOfLogs(page))
    const next: ReviewDaysBookkeeping = {
      ...kept,
      daysCurrent: kept.daysCurrent && kept.timeZone === currentTimeZone(),
      countedThrough: through,
      countedLogs: through === null ? undefined : counted
    }
    await db.derived.put(next)
    return through === null ? null : { counted, estimate: await estimateOf(db, counted) }
  })
}

const counting = new WeakMap<RecallDatabase, { done: Promise<void>; listeners: Set<(progress: CountingProgress) => void> }>()

/**
 * Counts the log into the rollup in the background, a page at a time with a pause between, if
 * it is not counted yet; otherwise does nothing. One run per database; a second call joins it.
 */
export function countReviewHistory(db: RecallDatabase, onProgress?: (progress: CountingProgress) => void, pageSize = PAGE): Promise<void> {
  let run = counting.get(db)
  if (!run) {
    const listeners = new Set<(progress: CountingProgress) => void>()
    const done = (async () => {
      const { dayStartsAtHour } = await getSettings(db)
      for (;;) {
        const progress = await countPage(db, dayStartsAtHour, pageSize)
        if (!progress) return
        for (const listener of listeners) listener(progress)
        await pause()
      }
    })().finally(() => counting.delete(db))
    counting.set(db, (run = { done, listeners }))
  }
  if (onProgress) run.listeners.add(onProgress)
  return run.done
}

/**
 * The day rows summed again from the slots under another rule: no log is read. Run when the
 * day-start hour or the time zone changed since they were summed.
 */
export async function sumReviewDays(db: RecallDatabase, dayStartsAtHour: number): Promise<void> {
  await db.transaction('rw', [db.reviewSlots, db.reviewDays, db.derived], async () => {
    const kept = await rollupOf(db)
    if (!kept) return
    const days = daysOfSlots(await db.reviewSlots.toArray(), dayStartsAtHour)
    await db.reviewDays.clear()
    await db.reviewDays.bulkPut([...days.values()].filter((row) => row.grades !== 0))
    await db.derived.put({ ...kept, dayStartsAtHour, timeZone: currentTimeZone(), daysCurrent: true })
  })
}

/**
 * After start, in idle time: counts the log if it is not counted yet (after the upgrade), or sums
 * the day rows again if the day-start hour or the time zone changed since; otherwise only looks.
 * So the statistics seldom have either to do when they open.
 */
export async function prepareReviewRollup(db: RecallDatabase): Promise<void> {
  const kept = await rollupOf(db)
  if (!kept || kept.countedThrough !== null) return countReviewHistory(db)
  const { dayStartsAtHour } = await getSettings(db)
  if (!kept.daysCurrent || kept.dayStartsAtHour !== dayStartsAtHour || kept.timeZone !== currentTimeZone())
    await sumReviewDays(db, dayStartsAtHour)
}

/** What the statistics read of the rollup: the day rows of the scope, and how far counting the log has come. */
export interface ReviewDayRows {
  rows: ReviewDayRecord[]
  counting: CountingProgress | null
}

/**
 * The day rows of the scope under the rule, summed again first if the rule changed. Before the
 * log is counted (after the upgrade), the rows hold the cards counted so far.
 */
export async function readReviewDays(
  db: RecallDatabase,
  scope: 'all' | { deckIds: readonly string[] },
  dayStartsAtHour: number
): Promise<ReviewDayRows> {
  // Most openings find the rows summed under the rule: one transaction, the rows and the rollup's
  // row asked for together. Only after a change of rule are they summed, then read again as they are.
  const current = await readDays(db, scope, dayStartsAtHour)
  if (current) return current
  await sumReviewDays(db, dayStartsAtHour)
  return (await readDays(db, scope))!
}

/** The day rows and how far counting has come; undefined when they must first be summed under `rule`. */
function readDays(db: RecallDatabase, scope: 'all' | { deckIds: readonly string[] }, rule?: number): Promise<ReviewDayRows | undefined> {
  return db.transaction('r', [db.reviewDays, db.derived, db.reviews], async () => {
    const [kept, rows] = await Promise.all([
      rollupOf(db),
      scope === 'all'
        ? db.reviewDays.toArray()
        : Promise.all(
            scope.deckIds.map((deckId) => db.reviewDays.where('[deckId+day]').between([deckId, -Infinity], [deckId, Infinity]).toArray())
          ).then((perDeck) => perDeck.flat())
    ])
    // While counting, the day rows follow the counted cards: only the rule decides.
    if (rule !== undefined && kept && !isCurrent({ ...kept, countedThrough: null }, rule)) return undefined
    if (kept?.countedThrough === null) return { rows, counting: null }
    const counted = kept?.countedLogs ?? 0
    return { rows, counting: { counted, estimate: await estimateOf(db, counted) } }
  })
}
