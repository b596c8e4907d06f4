import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { createScheduler } from '@core/scheduling/scheduler'
import { cardStateFingerprint, replayCard } from '@core/sync/card-replay'
import { DAY_MS } from '@shared/durations'
import type { ReviewChange, SyncCardState } from '@shared/sync/changes'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fsrs6 } from '../../../helpers/fsrs6-reference'

/**
 * A grade given concurrently on two machines is computed again by every machine's replay. Its study
 * days must be those of the device that gave it, not of the machine replaying it: `npm run
 * test:tz` runs this file in Los Angeles, London, Kolkata and Auckland, where both grades below
 * fall on one study day, while in Tokyo (UTC+9, where they were given) they fall a day apart.
 */
const TOKYO = 9 * 60
// Tokyo 03:30 on 11 March 2026: before 4 am, still the study day of 10 March there.
const FIRST = Date.UTC(2026, 2, 10, 18, 30)
// Tokyo 04:30 on 11 March: the next study day there. Same UTC date, and one day everywhere test:tz runs.
const SECOND = Date.UTC(2026, 2, 10, 19, 30)

const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, 4)

function reviewCard(stability: number, difficulty: number, lastReview: number): SyncCardState {
  return {
    due: lastReview + 10 * DAY_MS,
    stability,
    difficulty,
    elapsed_days: 0,
    scheduled_days: 10,
    learning_steps: 0,
    reps: 4,
    lapses: 0,
    state: State.Review,
    last_review: lastReview
  }
}

function review(
  id: string,
  at: string,
  rating: Rating,
  time: number,
  before: SyncCardState | undefined,
  after: SyncCardState,
  zone?: number
): ReviewChange {
  const { due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, state } = after
  return {
    k: 'review',
    at,
    id,
    card: 'deck/n1/0',
    deck: 'deck',
    rating,
    ...(rating === Rating.Manual ? { manual: 'reschedule' as const } : {}),
    review: time,
    ...(zone === undefined ? {} : { zone }),
    duration: 4000,
    before: cardStateFingerprint(before),
    log: { state, due, stability, difficulty, elapsed_days, last_elapsed_days: 0, scheduled_days, learning_steps },
    after
  }
}

/** A card in review; laptop A grades it at FIRST; laptop B, not yet synced, grades the same state at SECOND. */
function concurrentGrades(zoneOfB: number | undefined): ReviewChange[] {
  const start = reviewCard(12, 5, FIRST - 9 * DAY_MS)
  const afterA = reviewCard(30, 4.8, FIRST)
  const keptByB = reviewCard(31, 4.7, SECOND)
  return [
    review('a-r1', `${FIRST - 9 * DAY_MS}-0-a`, Rating.Manual, FIRST - 9 * DAY_MS, undefined, start, TOKYO),
    review('a-r2', `${FIRST}-0-a`, Rating.Good, FIRST, start, afterA, TOKYO),
    review('b-r1', `${SECOND}-0-b`, Rating.Good, SECOND, start, keptByB, zoneOfB)
  ]
}

describe('a concurrent grade replayed on the study days of the device that gave it', () => {
  it('counts a day between two grades given either side of 4 am in Tokyo, in every time zone', () => {
    const replayed = replayCard(scheduler, concurrentGrades(TOKYO))!
    const second = replayed.reviews[2]!
    expect(second.replayed).toBe(true)
    // Replayed from laptop A's state, a study day later: FSRS-6's recall stability at t = 1 day.
    expect(second.log.elapsed_days).toBe(1)
    expect(replayed.state.stability).toBeCloseTo(fsrs6().next({ stability: 30, difficulty: 4.8 }, 1, 3).stability, 4)
    // Due whole study days after the grade, at its time of day, whichever zone replays it.
    expect(replayed.state.scheduled_days).toBeGreaterThan(1)
    expect(replayed.state.due).toBe(SECOND + replayed.state.scheduled_days * DAY_MS)
  })

  it('counts the same study day where the grading device was in Los Angeles, and in UTC for a writer that sent no zone', () => {
    for (const zone of [-7 * 60, undefined]) {
      const replayed = replayCard(scheduler, concurrentGrades(zone))!
      expect(replayed.reviews[2]!.log.elapsed_days).toBe(0)
      // A same-day review: FSRS-6's short-term stability.
      expect(replayed.state.stability).toBeCloseTo(fsrs6().next({ stability: 30, difficulty: 4.8 }, 0, 3).stability, 4)
      expect(replayed.state.due).toBe(SECOND + replayed.state.scheduled_days * DAY_MS)
    }
  })
})
