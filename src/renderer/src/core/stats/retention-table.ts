import { addRetentionCounts, emptyRetentionCounts, type RetentionCounts, type RetentionDays } from '@core/stats/true-retention'
import { studyDaysBack } from '@core/time/study-day'

export interface RetentionCell {
  passed: number
  failed: number
  /** passed / (passed + failed), or null with no reviews. */
  rate: number | null
}

export interface RetentionRow {
  young: RetentionCell
  mature: RetentionCell
  total: RetentionCell
}

export type RetentionPeriod = 'today' | 'yesterday' | 'last7Days' | 'last30Days' | 'last365Days' | 'allTime'

/** The periods of Anki's table, each as the number of study days back from today it spans. */
const PERIODS: ReadonlyArray<{ period: Exclude<RetentionPeriod, 'allTime'>; from: number; to: number }> = [
  { period: 'today', from: 0, to: 0 },
  { period: 'yesterday', from: 1, to: 1 },
  { period: 'last7Days', from: 0, to: 6 },
  { period: 'last30Days', from: 0, to: 29 },
  { period: 'last365Days', from: 0, to: 364 }
]

const cell = (passed: number, failed: number): RetentionCell => ({
  passed,
  failed,
  rate: passed + failed > 0 ? passed / (passed + failed) : null
})

function toRetentionRow(c: RetentionCounts): RetentionRow {
  return {
    young: cell(c.youngPassed, c.youngFailed),
    mature: cell(c.maturePassed, c.matureFailed),
    total: cell(c.youngPassed + c.maturePassed, c.youngFailed + c.matureFailed)
  }
}

/** Anki's true retention table: today, yesterday, the last 7, 30 and 365 study days, and all time. */
export function buildRetentionTable(gathered: RetentionDays, now: number): Record<RetentionPeriod, RetentionRow> {
  const days = studyDaysBack(now, 365, gathered.dayStartsAtHour)
  const ageOf = new Map(days.map((d, i) => [d.start, days.length - 1 - i]))
  const sums: Record<RetentionPeriod, RetentionCounts> = {
    today: emptyRetentionCounts(),
    yesterday: emptyRetentionCounts(),
    last7Days: emptyRetentionCounts(),
    last30Days: emptyRetentionCounts(),
    last365Days: emptyRetentionCounts(),
    allTime: emptyRetentionCounts()
  }
  for (const [start, counts] of gathered.days) {
    addRetentionCounts(sums.allTime, counts)
    const age = ageOf.get(start)
    if (age === undefined) continue
    for (const p of PERIODS) if (age >= p.from && age <= p.to) addRetentionCounts(sums[p.period], counts)
  }
  return {
    today: toRetentionRow(sums.today),
    yesterday: toRetentionRow(sums.yesterday),
    last7Days: toRetentionRow(sums.last7Days),
    last30Days: toRetentionRow(sums.last30Days),
    last365Days: toRetentionRow(sums.last365Days),
    allTime: toRetentionRow(sums.allTime)
  }
}

export interface RetentionMonth extends RetentionRow {
  year: number
  /** 1–12, the local calendar month of the study days. */
  month: number
}

/** True retention by calendar month, oldest first: the trend chart. */
export function buildRetentionByMonth(gathered: RetentionDays): RetentionMonth[] {
  const months = new Map<number, { year: number; month: number; counts: RetentionCounts }>()
  for (const [start, counts] of gathered.days) {
    const date = new Date(start)
    const key = date.getFullYear() * 12 + date.getMonth()
    let entry = months.get(key)
    if (!entry) months.set(key, (entry = { year: date.getFullYear(), month: date.getMonth() + 1, counts: emptyRetentionCounts() }))
    addRetentionCounts(entry.counts, counts)
  }
  return [...months.entries()].sort(([a], [b]) => a - b).map(([, m]) => ({ year: m.year, month: m.month, ...toRetentionRow(m.counts) }))
}
