import type { ReviewRecord } from '@core/model'
import { daysOfSlots, withEntries } from '@core/stats/review-slots'
import type { RecallDatabase } from '@db/database'
import { getSettings } from '@db/options-repository'
import {
  countedRollup,
  currentTimeZone,
  isRollupBookkeeping,
  REVIEW_DAYS_ROW,
  slotChangesOfLogs,
  type ReviewDaysBookkeeping
} from '@db/review-rollup'

/**
 * The review rollup as a whole, in the first download: whether it is current, and written whole
 * from a log in memory (a restore). Counting a log in the background and summing the days again
 * are in review-rollup-count.ts, fetched only when there is such work.
 */

/** Whether the day rows are summed under this rule in this time zone, every card counted. */
export const isCurrent = (kept: ReviewDaysBookkeeping, dayStartsAtHour: number): boolean =>
  kept.countedThrough === null && kept.daysCurrent && kept.dayStartsAtHour === dayStartsAtHour && kept.timeZone === currentTimeZone()

/**
 * Whether the review rollup has work to do (the log to count after the upgrade, the day rows to
 * sum again after a change of day start or time zone): one look at its bookkeeping, in the first
 * download, so that a start with nothing to do fetches none of the rollup's slower code.
 */
export async function reviewRollupNeedsWork(db: RecallDatabase): Promise<boolean> {
  const row = await db.derived.get(REVIEW_DAYS_ROW)
  return !isRollupBookkeeping(row) || !isCurrent(row, (await getSettings(db)).dayStartsAtHour)
}

/** The whole rollup of these logs (a restored collection's), written in the caller's transaction. */
export async function writeRollupOfLogs(db: RecallDatabase, logs: readonly ReviewRecord[], dayStartsAtHour: number): Promise<void> {
  const changes = slotChangesOfLogs(logs)
  const slots = [...changes.values()].flatMap(({ deckId, day, entries }) => withEntries(undefined, deckId, day, entries) ?? [])
  await db.reviewSlots.clear()
  await db.reviewDays.clear()
  await db.reviewSlots.bulkPut(slots)
  await db.reviewDays.bulkPut([...daysOfSlots(slots, dayStartsAtHour).values()].filter((row) => row.grades !== 0))
  await db.derived.put(countedRollup(dayStartsAtHour))
}
