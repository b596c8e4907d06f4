import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { fromFsrsCard } from '@core/scheduling/card-state'
import { gradesSinceReset, rescheduleCard } from '@core/scheduling/reschedule'
import { createScheduler } from '@core/scheduling/scheduler'
import { createEmptyCard, fsrs, generatorParameters, Rating, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const DAY = 86_400_000
const t0 = Date.UTC(2026, 0, 1, 8)

describe('rescheduleCard', () => {
  const history = ([3, 3, 1, 3, 4] as Grade[]).map((rating, i) => ({ rating, review: t0 + i * 3 * DAY }))

  it('equals ts-fsrs replaying the same grades with the new parameters', () => {
    const old = createScheduler(DEFAULT_STUDY_OPTIONS)
    let card = createEmptyCard(new Date(t0))
    for (const h of history) card = old.next(card, new Date(h.review), h.rating).card

    const options = { ...DEFAULT_STUDY_OPTIONS, request_retention: 0.8, enable_fuzz: false }
    const now = t0 + 20 * DAY
    const result = rescheduleCard(createScheduler(options), fromFsrsCard(card), history, now)!

    const reference = fsrs(
      generatorParameters({ request_retention: 0.8, enable_fuzz: false, learning_steps: ['1m', '10m'], relearning_steps: ['10m'] })
    )
    const expected = reference.reschedule(
      card,
      history.map((h) => ({ rating: h.rating, review: new Date(h.review) })),
      { now: new Date(now), update_memory_state: true }
    )
    expect(result.next).toEqual(fromFsrsCard(expected.reschedule_item!.card))
    expect(result.log.rating).toBe(Rating.Manual)
    // A lower retention target lengthens the interval.
    expect(result.next.due).toBeGreaterThan(card.due.getTime())
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
      rescheduleCard(createScheduler(DEFAULT_STUDY_OPTIONS), fromFsrsCard(createEmptyCard(new Date(t0))), entries.slice(0, 2), t0)
    ).toBeNull()
  })
})
