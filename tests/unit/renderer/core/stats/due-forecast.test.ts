import { Queue } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { buildDueForecast, createDueForecastAccumulator } from '@core/stats/due-forecast'
import { State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { cardRecord, local, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

describe('due forecast', () => {
  const now = local(2026, 3, 27, 12)
  const cards = [
    cardRecord({ id: 'overdue', due: local(2026, 3, 20, 9), scheduled_days: 10 }),
    cardRecord({ id: 'tonight', due: local(2026, 3, 28, 3), scheduled_days: 4 }),
    cardRecord({ id: 'learning', queue: Queue.Learning, state: State.Learning, due: now + 600_000, scheduled_days: 0 }),
    cardRecord({ id: 'after-dst', due: local(2026, 3, 30, 10), scheduled_days: 20 }),
    cardRecord({ id: 'buried', queue: Queue.Buried, due: local(2026, 3, 20, 9), buriedUntil: local(2026, 3, 28, 4), scheduled_days: 5 }),
    cardRecord({ id: 'far', due: local(2026, 6, 1, 9), scheduled_days: 60 }),
    cardRecord({ id: 'suspended', queue: Queue.Suspended, due: now }),
    cardRecord({ id: 'removed', queue: Queue.Removed, due: now }),
    cardRecord({ id: 'new', queue: Queue.New, state: State.New, due: now, scheduled_days: 0 })
  ]
  const forecast = buildDueForecast(gather(createDueForecastAccumulator({ now, dayStartsAtHour: 4, days: 30 }), cards))

  it('puts overdue cards on today and each other card on its study day', () => {
    expect(forecast.days).toHaveLength(30)
    expect(forecast.days.slice(0, 4).map((d) => d.count)).toEqual([3, 1, 0, 1])
    expect(forecast.days[3]!.start).toBe(local(2026, 3, 30, 4))
    expect(forecast).toMatchObject({ total: 5, overdue: 1, later: 1 })
    expect(forecast.days.at(-1)!.cumulative).toBe(5)
  })

  it('gives the mean per day and the daily load (Σ 1/interval, learning cards counting 1)', () => {
    expect(forecast.meanPerDay).toBeCloseTo(5 / 30, 12)
    expect(forecast.dailyLoad).toBeCloseTo(1 / 10 + 1 / 4 + 1 + 1 / 20 + 1 / 5 + 1 / 60, 12)
  })

  it('reaches 90 days out when asked', () => {
    const long = buildDueForecast(gather(createDueForecastAccumulator({ now, dayStartsAtHour: 4, days: 90 }), cards))
    expect(long).toMatchObject({ total: 6, later: 0 })
    expect(long.days.find((d) => d.start === local(2026, 6, 1, 4))!.count).toBe(1)
  })
})
