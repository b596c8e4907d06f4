import { gather } from '@core/stats/accumulator'
import { buildReviewCalendar } from '@core/stats/review-calendar'
import { buildStreaks } from '@core/stats/streaks'
import { Rating } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { createReviewDaysAccumulator } from '../../../helpers/log-scan-stats'
import { local, reviewLog, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

const gatherDays = (times: number[]) =>
  gather(
    createReviewDaysAccumulator({ dayStartsAtHour: 4 }),
    times.map((review) => reviewLog({ review }))
  )

describe('review calendar', () => {
  const now = local(2026, 4, 10, 12)

  it('counts grades per study day over the past 365 days, today last', () => {
    const days = gatherDays([
      local(2026, 4, 10, 9),
      local(2026, 4, 11, 3, 30), // after midnight, still the 10th's study day
      local(2026, 4, 9, 9),
      Date.parse('2026-03-29T03:30:00Z'), // 04:30 BST on the short day: the 29th
      local(2025, 4, 11, 9), // the first day of the 365
      local(2025, 4, 10, 9) // one day too old for the heatmap
    ])
    const calendar = buildReviewCalendar(days, now)
    expect(calendar.days).toHaveLength(365)
    expect(calendar.days[0]).toEqual({ start: local(2025, 4, 11, 4), count: 1 })
    expect(calendar.days.at(-1)).toEqual({ start: local(2026, 4, 10, 4), count: 2 })
    expect(calendar.days.at(-2)!.count).toBe(1)
    expect(calendar.days.find((d) => d.start === local(2026, 3, 29, 4))!.count).toBe(1)
    expect(calendar).toMatchObject({ total: 5, activeDays: 4, max: 2 })
  })

  it('leaves Manual rows (resets, reschedules) off the calendar', () => {
    const reset = reviewLog({ review: local(2026, 4, 10, 9), rating: Rating.Manual })
    const days = gather(createReviewDaysAccumulator({ dayStartsAtHour: 4 }), [reset])
    expect(buildReviewCalendar(days, now).total).toBe(0)
  })
})

describe('streaks', () => {
  const now = local(2026, 4, 10, 12)
  // Six days in a row across the spring clock change, a gap, then the 7th to the 9th.
  const history = [27, 28, 29, 30, 31].map((d) => local(2026, 3, d, 20)).concat([1, 7, 8, 9].map((d) => local(2026, 4, d, 20)))

  it('keeps the run going while today has no grade yet', () => {
    expect(buildStreaks(gatherDays(history), now)).toEqual({ current: 3, longest: 6 })
  })

  it('counts today once it is studied', () => {
    expect(buildStreaks(gatherDays([...history, local(2026, 4, 10, 9)]), now)).toEqual({ current: 4, longest: 6 })
  })

  it('is broken by a day without grades', () => {
    expect(buildStreaks(gatherDays(history), local(2026, 4, 11, 12))).toEqual({ current: 0, longest: 6 })
    expect(buildStreaks(gatherDays([]), now)).toEqual({ current: 0, longest: 0 })
  })

  it('counts a session after midnight as the day before, so it does not break the run', () => {
    const lateNights = [local(2026, 4, 8, 23), local(2026, 4, 10, 2)] // the 8th and the 9th's study days
    expect(buildStreaks(gatherDays(lateNights), now)).toEqual({ current: 2, longest: 2 })
  })
})
