import { DAY_MS, HOUR_MS } from '@shared/durations'
/** How many backups to keep at each step back in time (Anki's defaults). */
export interface RetentionLimits {
  /** Every backup this young is kept, so a mistake made an hour ago can still be undone. */
  recentMs: number
  daily: number
  weekly: number
  monthly: number
}
export const DEFAULT_RETENTION: RetentionLimits = { recentMs: 24 * HOUR_MS, daily: 12, weekly: 10, monthly: 9 }

const dayOf = (date: number) => Math.floor(date / DAY_MS)
// Day 0 (1970-01-01) was a Thursday; shifting by 3 makes weeks start on Monday, as ISO weeks do.
const weekOf = (date: number) => Math.floor((dayOf(date) + 3) / 7)
const monthOf = (date: number) => new Date(date).getUTCFullYear() * 12 + new Date(date).getUTCMonth()

/**
 * The backups to delete, thinning as Anki does. Walking from newest to oldest: keep everything
 * from the last `recentMs`; then the newest backup of each of `daily` earlier days that have one;
 * then, for weeks older than the last kept backup, the newest of each of `weekly` weeks; then
 * likewise `monthly` months. With the defaults that is every backup of the last 24 hours plus 31
 * more, reaching back about a year. Days, weeks and months are UTC, like the file names.
 *
 * The newest backup is never deleted. Backups dated after `now` (the clock was set back) are kept
 * and take no slot, so they cannot push out real history.
 */
export function backupsToDelete<T extends { date: number }>(
  backups: readonly T[],
  now: number,
  limits: RetentionLimits = DEFAULT_RETENTION
): T[] {
  const sorted = [...backups].sort((a, b) => b.date - a.date)
  const left = { daily: limits.daily, weekly: limits.weekly, monthly: limits.monthly }
  let lastDay = Infinity
  let lastWeek = Infinity
  let lastMonth = Infinity
  let newest = true
  const doomed: T[] = []
  for (const backup of sorted) {
    if (backup.date > now) continue
    const day = dayOf(backup.date)
    const week = weekOf(backup.date)
    const month = monthOf(backup.date)
    let keep = now - backup.date < limits.recentMs
    if (!keep) {
      // Each stage takes over once the one before has used its slots.
      const stage = left.daily > 0 ? 'daily' : left.weekly > 0 ? 'weekly' : left.monthly > 0 ? 'monthly' : null
      keep = stage === 'daily' ? day < lastDay : stage === 'weekly' ? week < lastWeek : stage === 'monthly' && month < lastMonth
      if (keep) left[stage!]--
    }
    if (!keep && !newest) {
      doomed.push(backup)
      continue
    }
    newest = false
    lastDay = day
    lastWeek = week
    lastMonth = month
  }
  return doomed
}
