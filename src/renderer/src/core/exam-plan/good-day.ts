import type { SchedulingState } from '@core/model'
import { goodOutcome } from '@core/scheduling/good-review'
import type { Scheduler } from '@core/scheduling/scheduler'
import { State } from 'ts-fsrs'

/** A card's state after a day's study, and the grades it was given that day. */
export interface GoodDay {
  state: SchedulingState
  grades: number
}

/**
 * A card's study on one day of the exam forecast: answered Good at `at`, then again each time it
 * falls due before `dayEnd` (learning steps). New cards studied at the same moment with the same
 * counts go through the same steps, so a new card's day is computed once and shared (a grade
 * reads every field of the card but its due, which a new card takes from when it was added): at
 * 20 new cards a day per deck, that was most of the simulation's ts-fsrs calls.
 */
export function createGoodDay(scheduler: Scheduler): (state: SchedulingState, at: number, dayEnd: number) => GoodDay {
  const newCardDays = new Map<string, GoodDay>()
  const study = (start: SchedulingState, at: number, dayEnd: number): GoodDay => {
    let state = start
    let grades = 0
    for (;;) {
      state = goodOutcome(scheduler, state, at)
      grades++
      if (state.due >= dayEnd) return { state, grades }
      at = Math.max(at, state.due)
    }
  }
  return (state, at, dayEnd) => {
    if (state.state !== State.New) return study(state, at, dayEnd)
    const { stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, last_review } = state
    const key = `${at} ${dayEnd} ${stability} ${difficulty} ${elapsed_days} ${scheduled_days} ${learning_steps} ${reps} ${lapses} ${last_review}`
    let day = newCardDays.get(key)
    if (!day) newCardDays.set(key, (day = study(state, at, dayEnd)))
    return day
  }
}
