import { gather } from '@core/stats/accumulator'
import { buildRetentionByMonth, buildRetentionTable } from '@core/stats/retention-table'
import { Rating, State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'

import { createTrueRetentionAccumulator } from '../../../helpers/log-scan-stats'
import { local, reviewLog, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

const { Again, Hard, Good, Manual } = Rating
const log = (cardKey: string, review: number, rating: Rating, scheduled_days: number, state = State.Review) =>
  reviewLog({ cardKey, review, rating, scheduled_days, state })

// In time order, as the `review` index gives them.
const history = [
  log('c7', local(2025, 1, 15, 9), Good, 50), // over a year ago: all time only
  log('c6', local(2026, 3, 20, 9), Good, 2),
  log('c5', local(2026, 4, 5, 9), Again, 40),
  log('c1', local(2026, 4, 9, 9), Good, 10), // yesterday
  log('c2', local(2026, 4, 9, 9, 5), Good, 3),
  log('c1', local(2026, 4, 10, 9), Good, 30), // today: mature pass
  log('c1', local(2026, 4, 10, 9, 30), Again, 1), // same card again today: not a fresh test
  log('c2', local(2026, 4, 10, 10), Again, 5), // young fail
  log('c3', local(2026, 4, 10, 10, 5), Good, 0, State.Learning), // not a review-state card
  log('c4', local(2026, 4, 10, 11), Hard, 21), // 21 days is mature; Hard is a pass
  log('c8', local(2026, 4, 10, 11, 5), Manual, 0) // a reschedule is not a review
]
const now = local(2026, 4, 10, 12)
const gathered = () => gather(createTrueRetentionAccumulator({ dayStartsAtHour: 4 }), history)
const cell = (passed: number, failed: number) => ({ passed, failed, rate: passed + failed > 0 ? passed / (passed + failed) : null })

describe('true retention table', () => {
  const table = buildRetentionTable(gathered(), now)

  it('counts only the first review-state grade of each card per study day, young below 21 days and mature from 21', () => {
    expect(table.today).toEqual({ young: cell(0, 1), mature: cell(2, 0), total: cell(2, 1) })
    expect(table.yesterday).toEqual({ young: cell(2, 0), mature: cell(0, 0), total: cell(2, 0) })
  })

  it('sums the last 7, 30 and 365 study days and all time', () => {
    expect(table.last7Days).toEqual({ young: cell(2, 1), mature: cell(2, 1), total: cell(4, 2) })
    expect(table.last30Days).toEqual({ young: cell(3, 1), mature: cell(2, 1), total: cell(5, 2) })
    expect(table.last365Days).toEqual(table.last30Days)
    expect(table.allTime).toEqual({ young: cell(3, 1), mature: cell(3, 1), total: cell(6, 2) })
  })

  it('buckets by calendar month for the trend', () => {
    expect(buildRetentionByMonth(gathered())).toEqual([
      { year: 2025, month: 1, young: cell(0, 0), mature: cell(1, 0), total: cell(1, 0) },
      { year: 2026, month: 3, young: cell(1, 0), mature: cell(0, 0), total: cell(1, 0) },
      { year: 2026, month: 4, young: cell(2, 1), mature: cell(2, 1), total: cell(4, 2) }
    ])
  })

  it('takes the earliest grade of the day even when a day comes out of order', () => {
    const shuffledDay = [log('c1', local(2026, 4, 10, 9, 30), Again, 30), log('c1', local(2026, 4, 10, 9), Good, 30)]
    const table = buildRetentionTable(gather(createTrueRetentionAccumulator({ dayStartsAtHour: 4 }), shuffledDay), now)
    expect(table.today.mature).toEqual(cell(1, 0))
  })

  it('refuses logs that go back to an earlier day, which would double-count', () => {
    const accumulator = createTrueRetentionAccumulator({ dayStartsAtHour: 4 })
    accumulator.add(log('c1', local(2026, 4, 10, 9), Good, 30))
    expect(() => accumulator.add(log('c1', local(2026, 4, 9, 9), Good, 30))).toThrow(/time order/)
  })
})
