import { gather } from '@core/stats/accumulator'
import { buildTodaySummary } from '@core/stats/today'
import { Rating } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { createTodayAccumulator } from '../../../helpers/log-scan-stats'
import { local, reviewLog, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

describe('today', () => {
  const now = local(2026, 3, 10, 12)

  it('counts the grades, cards, time and Again rate of the study day that began at 4 am', () => {
    const logs = [
      reviewLog({ cardKey: 'aws/c4', review: local(2026, 3, 10, 3, 59), duration: 1_000 }), // yesterday's late session
      reviewLog({ cardKey: 'aws/c1', review: local(2026, 3, 10, 5, 0), duration: 8_000 }),
      reviewLog({ cardKey: 'aws/c1', review: local(2026, 3, 10, 5, 1), duration: 12_000, rating: Rating.Again }),
      reviewLog({ cardKey: 'aws/c2', review: local(2026, 3, 10, 23, 30), duration: 4_000 }),
      reviewLog({ cardKey: 'aws/c3', review: local(2026, 3, 11, 3, 59), duration: 6_000, rating: Rating.Again }), // still today
      reviewLog({ cardKey: 'aws/c6', review: local(2026, 3, 10, 9, 0), duration: 0, rating: Rating.Manual }), // a reset is not study
      reviewLog({ cardKey: 'aws/c5', review: local(2026, 3, 11, 4, 0), rating: Rating.Again }) // tomorrow
    ]
    const summary = buildTodaySummary(gather(createTodayAccumulator({ now, dayStartsAtHour: 4 }), logs))
    expect(summary).toEqual({ reviews: 4, cards: 3, timeMs: 30_000, again: 2, againRate: 0.5, msPerReview: 7_500 })
  })

  it('has no rates before the first grade of the day', () => {
    const summary = buildTodaySummary(gather(createTodayAccumulator({ now, dayStartsAtHour: 4 }), []))
    expect(summary).toEqual({ reviews: 0, cards: 0, timeMs: 0, again: 0, againRate: null, msPerReview: null })
  })
})
