import type { ReviewDayRecord, ReviewRecord } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { buildAnswerButtons } from '@core/stats/answer-buttons'
import { buildRetentionByMonth, buildRetentionTable } from '@core/stats/retention-table'
import { buildReviewCalendar } from '@core/stats/review-calendar'
import { ANSWER_BUTTON_DAYS, type StatsScope } from '@core/stats/snapshot'
import { buildStreaks } from '@core/stats/streaks'
import { buildTodaySummary } from '@core/stats/today'
import { emptyRetentionCounts } from '@core/stats/true-retention'
import { studyDayOf } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { loadAnswerButtons, loadReviewCalendar, loadTodayStats, loadTrueRetention } from '@db/stats-repository'
import {
  createAnswerButtonsAccumulator,
  createReviewDaysAccumulator,
  createTodayAccumulator,
  createTrueRetentionAccumulator
} from '../../helpers/log-scan-stats'

/**
 * The review figures as the statistics screen computed them before the rollup: every log of the
 * scope, in time order (ties by id, as the indexes give them), fed through the chart accumulators.
 */
export function logScanFigures(logs: readonly ReviewRecord[], scope: StatsScope, now: number, dayStartsAtHour: number) {
  const inScope = logs
    .filter((l) => scope === 'all' || scope.deckIds.includes(l.deckId))
    .sort((a, b) => a.review - b.review || a.id! - b.id!)
  const days = gather(createReviewDaysAccumulator({ dayStartsAtHour }), inScope)
  const retention = gather(createTrueRetentionAccumulator({ dayStartsAtHour }), inScope)
  return {
    today: buildTodaySummary(gather(createTodayAccumulator({ now, dayStartsAtHour }), inScope)),
    calendar: { calendar: buildReviewCalendar(days, now), streaks: buildStreaks(days, now) },
    retention: { table: buildRetentionTable(retention, now), months: buildRetentionByMonth(retention) },
    buttons: buildAnswerButtons(gather(createAnswerButtonsAccumulator({ now, dayStartsAtHour, days: ANSWER_BUTTON_DAYS }), inScope))
  }
}

/** The same figures through the statistics loaders, which read the rollup. */
export async function rollupFigures(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number) {
  return {
    today: await loadTodayStats(db, scope, now, dayStartsAtHour),
    calendar: await loadReviewCalendar(db, scope, now, dayStartsAtHour),
    retention: await loadTrueRetention(db, scope, now, dayStartsAtHour),
    buttons: await loadAnswerButtons(db, scope, now, dayStartsAtHour)
  }
}

/** Each deck-day's row, from that deck-day's logs fed through the chart accumulators. */
export function logScanRows(logs: readonly ReviewRecord[], dayStartsAtHour: number): ReviewDayRecord[] {
  const groups = new Map<string, ReviewRecord[]>()
  for (const log of [...logs].sort((a, b) => a.review - b.review || a.id! - b.id!)) {
    const key = `${log.deckId}\u0000${studyDayOf(log.review, dayStartsAtHour).start}`
    groups.set(key, [...(groups.get(key) ?? []), log])
  }
  const rows: ReviewDayRecord[] = []
  for (const group of groups.values()) {
    const day = studyDayOf(group[0]!.review, dayStartsAtHour).start
    const today = gather(createTodayAccumulator({ now: day, dayStartsAtHour }), group)
    if (today.reviews === 0) continue
    const buttons = gather(createAnswerButtonsAccumulator({ now: day, dayStartsAtHour, days: 1 }), group)
    const retention = gather(createTrueRetentionAccumulator({ dayStartsAtHour }), group).days.get(day) ?? emptyRetentionCounts()
    rows.push({ deckId: group[0]!.deckId, day, grades: today.reviews, cards: today.cards, timeMs: today.timeMs, ...retention, ...buttons })
  }
  return sortRows(rows)
}

export const sortRows = (rows: ReviewDayRecord[]) =>
  rows.sort((a, b) => (a.deckId === b.deckId ? a.day - b.day : a.deckId < b.deckId ? -1 : 1))
