import type { SchedulingState, StoredReviewLog, StudyOptions } from '@core/model'
import { fromFsrsCard, fromFsrsLog, toFsrsCard } from '@core/scheduling/card-state'
import { fsrs, generatorParameters, Rating, type FSRS, type Grade } from 'ts-fsrs'

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const satisfies readonly Grade[]

export interface GradeOutcome {
  rating: Grade
  next: SchedulingState
  log: StoredReviewLog
}

/** The ts-fsrs scheduler for a deck's options. */
export function createScheduler(options: StudyOptions): FSRS {
  return fsrs(
    generatorParameters({
      request_retention: options.request_retention,
      maximum_interval: options.maximum_interval,
      learning_steps: options.learning_steps,
      relearning_steps: options.relearning_steps,
      enable_fuzz: options.enable_fuzz,
      enable_short_term: true,
      ...(options.w ? { w: options.w } : {})
    })
  )
}

/**
 * What each of the four grades would do to a card at `now`. The study screen shows these
 * intervals on the buttons when the answer is revealed; the grade itself is computed again at
 * the moment of the key press, so a card left on screen for a while is scheduled from then.
 */
export function previewGrades(scheduler: FSRS, state: SchedulingState, now: number): Record<Grade, GradeOutcome> {
  const preview = scheduler.repeat(toFsrsCard(state), new Date(now))
  const outcome = (rating: Grade): GradeOutcome => {
    const item = preview[rating]
    return { rating, next: fromFsrsCard(item.card), log: fromFsrsLog(item.log) }
  }
  return {
    [Rating.Again]: outcome(Rating.Again),
    [Rating.Hard]: outcome(Rating.Hard),
    [Rating.Good]: outcome(Rating.Good),
    [Rating.Easy]: outcome(Rating.Easy)
  }
}
