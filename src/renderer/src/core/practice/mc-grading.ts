import { Rating, type Grade } from 'ts-fsrs'

/**
 * Grading a multiple-choice answer. A wrong choice is Again: the card was not known, and there
 * is nothing to adjust. A right choice starts as Good; until the user moves on they may say it
 * was a lucky guess (Hard) or too easy (Easy). Moving on fixes the rating that is saved.
 */
export type McGrading =
  | { phase: 'choosing' }
  | { phase: 'answered'; chosenIndex: number; correct: boolean; rating: Grade }
  | { phase: 'done'; chosenIndex: number; correct: boolean; rating: Grade }

export type McGradingEvent = { type: 'choose'; index: number } | { type: 'rate'; rating: Grade } | { type: 'next' }

export interface McQuestionShape {
  options: readonly unknown[]
  correctIndex: number
}

export const START_GRADING: McGrading = { phase: 'choosing' }

/** The ratings the user may pick after answering; empty before an answer and once moved on. */
export function ratingChoices(state: McGrading): Grade[] {
  if (state.phase !== 'answered') return []
  return state.correct ? [Rating.Hard, Rating.Good, Rating.Easy] : [Rating.Again]
}

/** The next state. An event that does not apply (a second choice, Again on a right answer) changes nothing. */
export function stepGrading(state: McGrading, event: McGradingEvent, question: McQuestionShape): McGrading {
  switch (event.type) {
    case 'choose': {
      const valid = Number.isInteger(event.index) && event.index >= 0 && event.index < question.options.length
      if (state.phase !== 'choosing' || !valid) return state
      const correct = event.index === question.correctIndex
      return { phase: 'answered', chosenIndex: event.index, correct, rating: correct ? Rating.Good : Rating.Again }
    }
    case 'rate':
      if (state.phase !== 'answered' || !ratingChoices(state).includes(event.rating)) return state
      return { ...state, rating: event.rating }
    case 'next':
      return state.phase === 'answered' ? { ...state, phase: 'done' } : state
  }
}

/** The rating to save, once the user has moved on. */
export function finalRating(state: McGrading): Grade | undefined {
  return state.phase === 'done' ? state.rating : undefined
}
