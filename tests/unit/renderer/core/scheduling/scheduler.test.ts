import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { fromFsrsCard, newSchedulingState } from '@core/scheduling/card-state'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { formatInterval } from '@core/time/format'
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const MINUTE = 60_000
const start = Date.UTC(2026, 0, 5, 9, 0)

describe('previewGrades', () => {
  const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS)

  it('uses FSRS-6 defaults with Anki steps: a new card shows 1m / 6m / 10m / days', () => {
    const outcomes = previewGrades(scheduler, newSchedulingState(start), start)
    expect(outcomes[Rating.Again].next.due - start).toBe(1 * MINUTE)
    expect(outcomes[Rating.Hard].next.due - start).toBe(6 * MINUTE)
    expect(outcomes[Rating.Good].next.due - start).toBe(10 * MINUTE)
    expect(outcomes[Rating.Easy].next.state).toBe(State.Review)
    expect(outcomes[Rating.Good].log).toMatchObject({ rating: Rating.Good, state: State.New, review: start })
  })

  it('replays a long history exactly as ts-fsrs does, fuzz included', () => {
    const reference = fsrs(
      generatorParameters({ request_retention: 0.9, learning_steps: ['1m', '10m'], relearning_steps: ['10m'], enable_fuzz: true })
    )
    const grades: Grade[] = [3, 3, 3, 1, 3, 3, 4, 2, 3, 1, 1, 3, 3, 3, 4, 3]
    let ours = newSchedulingState(start)
    let theirs = createEmptyCard(new Date(start))
    for (const grade of grades) {
      const at = Math.max(ours.due, start)
      ours = previewGrades(scheduler, ours, at)[grade].next
      theirs = reference.next(theirs, new Date(at), grade).card
      expect(ours).toEqual(fromFsrsCard(theirs))
    }
    expect(ours.lapses).toBe(2) // the second Again in a row falls in relearning: no new lapse
    expect(ours.reps).toBe(grades.length)
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
