import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { gradesSinceReset, rescheduleCard } from '@core/scheduling/reschedule'
import { createScheduler, nextState } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { Rating, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const DAY = 86_400_000
const t0 = Date.UTC(2026, 0, 1, 8)

describe('rescheduleCard', () => {
  const history = ([3, 3, 1, 3, 4] as Grade[]).map((rating, i) => ({ rating, review: t0 + i * 3 * DAY }))

  it('equals replaying the same grades with the new parameters', () => {
    const old = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
    let card = newSchedulingState(t0)
    for (const h of history) card = nextState(old, card, h.review, h.rating)

    const options = { ...DEFAULT_STUDY_OPTIONS, request_retention: 0.8, enable_fuzz: false }
    const scheduler = createScheduler(options, DEFAULT_DAY_STARTS_AT_HOUR)
    const now = t0 + 20 * DAY
    const result = rescheduleCard(scheduler, card, history, now)!

    let replayed = newSchedulingState(t0)
    for (const h of history) replayed = nextState(scheduler, replayed, h.review, h.rating)
    expect(result.next).toMatchObject({
      stability: replayed.stability,
      difficulty: replayed.difficulty,
      due: replayed.due,
      state: replayed.state
    })
    expect(result.next.last_review).toBe(now)
    expect(result.log).toMatchObject({ rating: Rating.Manual, review: now })
    // A lower retention target lengthens the interval.
    expect(result.next.due).toBeGreaterThan(card.due)
  })

  it('starts from the last reset and ignores reschedule rows', () => {
    const entries = [
      { rating: Rating.Good, review: t0 },
      { rating: Rating.Manual, review: t0 + DAY, manual: 'reset' as const },
      { rating: Rating.Again, review: t0 + 2 * DAY },
      { rating: Rating.Manual, review: t0 + 3 * DAY, manual: 'reschedule' as const },
      { rating: Rating.Easy, review: t0 + 4 * DAY }
    ]
    expect(gradesSinceReset(entries)).toEqual([
      { rating: Rating.Again, review: t0 + 2 * DAY },
      { rating: Rating.Easy, review: t0 + 4 * DAY }
    ])
    expect(
      rescheduleCard(createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR), newSchedulingState(t0), entries.slice(0, 2), t0)
    ).toBeNull()
  })
})
