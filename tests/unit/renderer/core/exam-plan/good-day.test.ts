import { useTimeZone } from '../../../helpers/review-records'
import { createGoodDay } from '@core/exam-plan/good-day'
import { DEFAULT_STUDY_OPTIONS, type SchedulingState } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { createScheduler, nextState, type Scheduler } from '@core/scheduling/scheduler'
import { studyDayOf } from '@core/time/study-day'
import fc from 'fast-check'
import { Rating, State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'

// A zone with daylight saving: 29 March 2026 is a 23-hour study day.
useTimeZone('Europe/Berlin', afterAll)

const DAY = 86_400_000
const start = Date.UTC(2026, 2, 20, 8)

/** The day answered Good with ts-fsrs's own preview at every step. */
function reference(scheduler: Scheduler, start: SchedulingState, at: number, dayEnd: number) {
  let state = start
  let grades = 0
  for (;;) {
    state = nextState(scheduler, state, at, Rating.Good)
    grades++
    if (state.due >= dayEnd) return { state, grades }
    at = Math.max(at, state.due)
  }
}

// New cards added at different times (their due), some made new again with their counts kept.
const newCard = fc.record({
  added: fc.integer({ min: 0, max: 400 * DAY }),
  reps: fc.integer({ min: 0, max: 3 }),
  lapses: fc.integer({ min: 0, max: 2 })
})

describe('createGoodDay', () => {
  it('gives every new card studied at one moment the day ts-fsrs gives it, whatever its due', () => {
    fc.assert(
      fc.property(
        fc.array(newCard, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 30 * DAY }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(['1m', '10m'], ['10m'], ['1m', '10m', '1h', '5h'], ['30m', '1d']),
        fc.integer({ min: 0, max: 23 }),
        (cards, moments, learning_steps, hour) => {
          const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, learning_steps, enable_fuzz: false }, hour)
          const goodDay = createGoodDay(scheduler)
          for (const later of moments) {
            const at = start + later
            const dayEnd = studyDayOf(at, hour).end
            for (const { added, reps, lapses } of cards) {
              const state = { ...newSchedulingState(start - added), reps, lapses }
              expect(goodDay(state, at, dayEnd)).toEqual(reference(scheduler, state, at, dayEnd))
            }
          }
        }
      ),
      { numRuns: 100 }
    )
  })

  it('studies learning and review cards as ts-fsrs does', () => {
    const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, 4)
    const goodDay = createGoodDay(scheduler)
    const at = start + 2 * DAY
    const dayEnd = studyDayOf(at, 4).end
    const base = { ...newSchedulingState(start), stability: 3, difficulty: 6, reps: 4, lapses: 1, last_review: start }
    for (const state of [
      { ...base, state: State.Learning, learning_steps: 1, due: at - 60_000 },
      { ...base, state: State.Relearning, learning_steps: 0, due: at - 60_000 },
      { ...base, state: State.Review, due: at - DAY, scheduled_days: 1 }
    ]) {
      expect(goodDay(state, at, dayEnd)).toEqual(reference(scheduler, state, at, dayEnd))
      expect(goodDay(state, at, dayEnd).state.state).toBe(State.Review)
    }
  })
})
