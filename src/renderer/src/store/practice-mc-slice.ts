import type { CardRecord, StudyOptions } from '@core/model'
import type { McGrading } from '@core/practice/mc-grading'
import type { MultipleChoice } from '@core/practice/multiple-choice'
import type { NextStep, TodayQueue } from '@core/scheduling/queue'
import type { GradeOutcome } from '@core/scheduling/scheduler'
import type { StudyDay } from '@core/time/study-day'
import type { UndoEntry } from '@db/card-actions'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { Grade } from 'ts-fsrs'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

/**
 * Today's queue of a deck answered as multiple choice. The queue, the scheduler and the write are
 * the normal study's (loadTodayQueue, pickNext/afterGrade, previewGrades, recordReview); only the
 * way a card is asked and graded differs (core/practice/mc-grading).
 */

/** Today's queue of one deck, each card asked as a multiple-choice question. */
export interface McSession {
  deckId: string
  deckName: string
  day: StudyDay
  options: StudyOptions
  queue: TodayQueue
  step: NextStep
  card?: CardRecord
  choice?: MultipleChoice
  grading: McGrading
  /** Only for a card without options to choose from: its answer is shown, as in normal study. */
  revealed: boolean
  outcomes?: Record<Grade, GradeOutcome>
  shownAt: number
  answeredAt?: number
  /** For an exam-style single-answer question: each shown option's reason, shown once answered. */
  whys?: string[]
  /** After a wrong pick: the question that the picked option answers ("Amazon Forecast"), to learn from the mistake. */
  pickedAnswers?: string
  saving: boolean
  answered: number
  correct: number
  /** The cards answered last (core/practice/repeat-gap): a missed one comes back only after others. */
  recent: string[]
  /** Most recent last; `correct` keeps the session's score right after an undo. */
  undo: Array<{ entry: UndoEntry; correct: boolean }>
  error?: string
  notice?: string
}

export interface McSlice {
  mcSession: McSession | null
  startMcStudy(deckId: string): Promise<void>
  chooseMcOption(index: number): void
  rateMc(rating: Grade): void
  /** Moves on, saving the rating (for a card without options, `rating` is the grade given). */
  nextMc(rating?: Grade): Promise<void>
  revealMc(): void
  resumeMc(): Promise<void>
  undoMc(): Promise<void>
}

export const createMcSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], McSlice> =>
  (set, get) => {
    // Building and grading the questions are fetched when the first multiple-choice practice starts.
    const later = lazyActions(
      () => import('@store/practice-mc-actions'),
      (code) => code.mcActions(deps, set, get)
    )
    return {
      mcSession: null,
      ...standIns(later, ['startMcStudy', 'chooseMcOption', 'rateMc', 'nextMc', 'revealMc', 'resumeMc', 'undoMc'])
    }
  }
