import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { formatInterval } from '@core/time/format'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const MINUTE = 60_000
const start = Date.UTC(2026, 0, 5, 9, 0)

describe('previewGrades', () => {
  const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

  it('uses FSRS-6 defaults with Anki steps: a new card shows 1m / 5½m / 10m / days', () => {
    const outcomes = previewGrades(scheduler, newSchedulingState(start), start)
    expect(outcomes[Rating.Again].next.due - start).toBe(1 * MINUTE)
    // Anki: Hard on the first step is the average of the first two steps, to the second.
    expect(outcomes[Rating.Hard].next.due - start).toBe(5.5 * MINUTE)
    expect(outcomes[Rating.Good].next.due - start).toBe(10 * MINUTE)
    expect(outcomes[Rating.Easy].next.state).toBe(State.Review)
    expect(outcomes[Rating.Good].log).toMatchObject({ rating: Rating.Good, state: State.New, review: start })
  })

  it('repeats the current step on Hard after the first step, as Anki does', () => {
    const second = previewGrades(scheduler, newSchedulingState(start), start)[Rating.Good].next
    const at = second.due
    const outcomes = previewGrades(scheduler, second, at)
    expect(outcomes[Rating.Hard].next.due - at).toBe(10 * MINUTE)
    expect(outcomes[Rating.Hard].next.learning_steps).toBe(1)
    expect(outcomes[Rating.Again].next.due - at).toBe(1 * MINUTE)
    expect(outcomes[Rating.Good].next.state).toBe(State.Review)

    const threeSteps = createScheduler({ ...DEFAULT_STUDY_OPTIONS, learning_steps: ['1m', '10m', '1h'] }, DEFAULT_DAY_STARTS_AT_HOUR)
    let card = newSchedulingState(start)
    card = previewGrades(threeSteps, card, start)[Rating.Good].next
    card = previewGrades(threeSteps, card, card.due)[Rating.Good].next
    expect(previewGrades(threeSteps, card, card.due)[Rating.Hard].next.due - card.due).toBe(60 * MINUTE)
  })

  it('gives 1.5 × a single step on Hard, at most a day more (a lapse with relearning step 10m: 15m)', () => {
    let card = newSchedulingState(start)
    card = previewGrades(scheduler, card, start)[Rating.Easy].next
    const lapseAt = card.due + 86_400_000
    const lapsed = previewGrades(scheduler, card, lapseAt)[Rating.Again].next
    expect(lapsed.state).toBe(State.Relearning)
    expect(previewGrades(scheduler, lapsed, lapsed.due)[Rating.Hard].next.due - lapsed.due).toBe(15 * MINUTE)
    const daySteps = createScheduler({ ...DEFAULT_STUDY_OPTIONS, learning_steps: ['20h'] }, DEFAULT_DAY_STARTS_AT_HOUR)
    // 1.5 × 20 h is 30 h: more than a day, so ts-fsrs's own day-step handling (whole days) applies.
    expect(previewGrades(daySteps, newSchedulingState(start), start)[Rating.Hard].next.due - start).toBeGreaterThanOrEqual(24 * 60 * MINUTE)
  })
})

describe('formatInterval', () => {
  it('prints Anki-style short intervals', () => {
    expect(formatInterval(30_000)).toBe('<1m')
    expect(formatInterval(10 * MINUTE)).toBe('10m')
    expect(formatInterval(3 * 60 * MINUTE)).toBe('3h')
    expect(formatInterval(4 * 1440 * MINUTE)).toBe('4d')
    expect(formatInterval(75 * 1440 * MINUTE)).toBe('2.5mo')
    expect(formatInterval(365 * 1440 * MINUTE)).toBe('1y')
    expect(formatInterval(12 * 365 * 1440 * MINUTE)).toBe('12y')
  })
})

describe('a card last reviewed on a clock ahead of this one (synced from another computer)', () => {
  it('is graded at its last review instead of failing, exactly as if graded then', () => {
    const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
    const first = previewGrades(scheduler, newSchedulingState(start), start)[Rating.Good].next
    // Another computer, its clock two hours ahead, graded the card again; this computer's clock is behind that review.
    const reviewedAhead = start + 3 * 24 * 60 * MINUTE
    const second = previewGrades(scheduler, first, reviewedAhead)[Rating.Good].next
    const behind = reviewedAhead - 2 * 60 * MINUTE
    const graded = previewGrades(scheduler, second, behind)
    const atItsLastReview = previewGrades(scheduler, second, reviewedAhead)
    for (const rating of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const) {
      expect(graded[rating].next).toEqual(atItsLastReview[rating].next)
      expect(graded[rating].next.last_review).toBeGreaterThanOrEqual(second.last_review!)
    }
  })
})
