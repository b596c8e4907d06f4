import { useTimeZone } from '../../../helpers/review-records'
import { DEFAULT_STUDY_OPTIONS, type SchedulingState } from '@core/model'
import { goodOutcome } from '@core/scheduling/good-review'
import { createScheduler, nextState } from '@core/scheduling/scheduler'
import fc from 'fast-check'
import { default_w, Rating, State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'

// A zone with daylight saving: some study days are 23 or 25 hours long on the study-day clock.
useTimeZone('Europe/Berlin', afterAll)

const DAY = 86_400_000
const start = Date.UTC(2026, 0, 1)

const reviewCard = fc
  .record({
    lastReview: fc.integer({ min: 0, max: 700 * DAY }),
    stability: fc.double({ min: 0.01, max: 40_000, noNaN: true }),
    difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
    scheduled: fc.integer({ min: 0, max: 3_000 }),
    reps: fc.integer({ min: 1, max: 60 }),
    lapses: fc.integer({ min: 0, max: 10 }),
    // The moment of the grade, from before the last review (a clock ahead) to years after it.
    later: fc.integer({ min: -2 * DAY, max: 4_000 * DAY })
  })
  .map(({ lastReview, stability, difficulty, scheduled, reps, lapses, later }) => {
    const last = start + lastReview
    const state: SchedulingState = {
      due: last + scheduled * DAY,
      stability,
      difficulty,
      elapsed_days: 3,
      scheduled_days: scheduled,
      learning_steps: 0,
      reps,
      lapses,
      state: State.Review,
      last_review: last
    }
    return { state, at: last + later }
  })

const options = fc.record({
  request_retention: fc.double({ min: 0.7, max: 0.99, noNaN: true }),
  maximum_interval: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 10, max: 36_500 })),
  dayStartsAtHour: fc.integer({ min: 0, max: 23 }),
  // The defaults, or weights moved a little (another curve, other growth).
  w: fc.option(
    fc.double({ min: 0.9, max: 1.1, noNaN: true }).map((k) => default_w.map((x, i) => (i === 20 ? x : x * k))),
    {
      nil: undefined
    }
  )
})

describe('goodOutcome', () => {
  it('equals nextState with Good for any review card, time, options and day start', () => {
    fc.assert(
      fc.property(options, reviewCard, ({ dayStartsAtHour, w, ...o }, { state, at }) => {
        const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, ...o, ...(w ? { w } : {}), enable_fuzz: false }, dayStartsAtHour)
        expect(goodOutcome(scheduler, state, at)).toEqual(nextState(scheduler, state, at, Rating.Good))
      }),
      { numRuns: 3_000 }
    )
  })

  it('equals nextState for new and learning cards, and with fuzz or load balancing on', () => {
    const plain = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, 4)
    const balanced = createScheduler(DEFAULT_STUDY_OPTIONS, 4)
    const fuzzed = createScheduler({ ...DEFAULT_STUDY_OPTIONS, loadBalancing: false }, 4)
    const review: SchedulingState = {
      due: start + 10 * DAY,
      stability: 12,
      difficulty: 5,
      elapsed_days: 4,
      scheduled_days: 10,
      learning_steps: 0,
      reps: 3,
      lapses: 0,
      state: State.Review,
      last_review: start
    }
    const at = start + 11 * DAY
    for (const scheduler of [balanced, fuzzed])
      expect(goodOutcome(scheduler, review, at)).toEqual(nextState(scheduler, review, at, Rating.Good))
    let card: SchedulingState = { ...review, state: State.New, stability: 0, difficulty: 0, reps: 0, due: start }
    delete card.last_review
    // New → learning → learning → review, each step as nextState takes it.
    for (let t = start, i = 0; i < 4; i++) {
      const next = goodOutcome(plain, card, t)
      expect(next).toEqual(nextState(plain, card, t, Rating.Good))
      t = Math.max(t, next.due)
      card = next
    }
    expect(card.state).toBe(State.Review)
  })
})
