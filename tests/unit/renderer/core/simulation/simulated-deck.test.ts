import { Queue, type StatsCard } from '@core/model'
import { simulatedDeckOf } from '@core/simulation/simulated-deck'
import { validateWorkloadForm, workloadFormOf } from '@core/simulation/workload-form'
import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const at = (day: number, hour: number) => new Date(2026, 2, day, hour).getTime()
const now = at(10, 14) // 10 March 2026, 2 pm; days start at 4 am

function card(patch: Partial<StatsCard>): StatsCard {
  return { deckId: 'd', queue: Queue.Review, state: State.Review, due: now, stability: 5, difficulty: 5, scheduled_days: 5, ...patch }
}

describe('a deck as the simulator takes it', () => {
  it('counts days from today by study days, and leaves out what no study brings up', () => {
    const deck = simulatedDeckOf(
      [
        // Reviewed at 3 am on 5 March: still the study day of 4 March. Due at 3 am on 12 March: day 1.
        card({ last_review: at(5, 3), due: at(12, 3), stability: 7.5, difficulty: 4 }),
        // Overdue: due today.
        card({ last_review: at(1, 9), due: at(6, 9) }),
        // Buried until tomorrow's start, though due today.
        card({ queue: Queue.Buried, last_review: at(9, 9), due: at(10, 9), buriedUntil: at(11, 4) }),
        // Learnt this morning: last review today.
        card({ state: State.Learning, queue: Queue.Learning, last_review: at(10, 8), due: at(10, 18), stability: 0.4 }),
        card({ state: State.New, queue: Queue.New, stability: 0, difficulty: 0 }),
        card({ state: State.New, queue: Queue.Buried, stability: 0, difficulty: 0 }),
        card({ queue: Queue.Suspended, last_review: at(1, 9) }),
        card({ state: State.New, queue: Queue.Removed, stability: 0, difficulty: 0 })
      ],
      now,
      4
    )
    expect(deck.fresh).toBe(2)
    expect(deck.studied).toEqual([
      { stability: 7.5, difficulty: 4, lastDay: -6, dueDay: 1 },
      { stability: 5, difficulty: 5, lastDay: -9, dueDay: 0 },
      { stability: 5, difficulty: 5, lastDay: -1, dueDay: 1 },
      { stability: 0.4, difficulty: 5, lastDay: 0, dueDay: 0 }
    ])
  })
})

describe('the simulator form', () => {
  it('starts from the deck’s own limits and retention, and reads 90 as 0.90', () => {
    const form = workloadFormOf(DEFAULT_STUDY_OPTIONS)
    expect(form).toEqual({ days: '365', newCardsPerDay: '20', reviewsPerDay: '200', retention: '0.9' })
    expect(validateWorkloadForm({ ...form, retention: '85%' })).toEqual({
      inputs: { days: 365, newCardsPerDay: 20, reviewsPerDay: 200, retention: 0.85 }
    })
  })

  it('says what is wrong with each field', () => {
    expect(validateWorkloadForm({ days: '0', newCardsPerDay: 'ten', reviewsPerDay: '1.5', retention: '0.5' })).toEqual({
      errors: {
        days: 'Days to simulate must be from 1 to 3,650',
        newCardsPerDay: 'New cards a day must be a whole number',
        reviewsPerDay: 'Reviews a day must be a whole number',
        retention: 'Desired retention must be from 0.70 to 0.99'
      }
    })
  })
})
