import type { ReviewRecord } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { buildAnswerButtons } from '@core/stats/answer-buttons'
import { buildRetentionByMonth, buildRetentionTable } from '@core/stats/retention-table'
import { buildReviewCalendar } from '@core/stats/review-calendar'
import { ANSWER_BUTTON_DAYS, type StatsScope } from '@core/stats/snapshot'
import { buildStreaks } from '@core/stats/streaks'
import { buildTodaySummary } from '@core/stats/today'
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
