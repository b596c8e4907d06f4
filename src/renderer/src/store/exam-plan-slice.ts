import { reasonOf } from '@core/errors'
import type { ExamDecksFigures, ExamDecksSimulation } from '@core/exam-plan/decks-forecast'
import type { NewCardPlan } from '@core/exam-plan/new-card-plan'
import type { ExamPlanForm, ExamPlanFormErrors } from '@core/exam-plan/plan-form'
import type { ExamPlan, MockExamResult } from '@core/model'
import type { ExamReadiness } from '@core/readiness/exam-readiness'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

export interface ExamPlanEntry {
  exam: ExamPlan
  /** What one pass over the cards gives, painted at once. */
  forecast: ExamDecksFigures | null
  /** "If you keep studying as scheduled", computed off the page: undefined while it is on its way. */
  simulation?: ExamDecksSimulation
  /** Why the simulation could not be computed (the other figures stand). */
  simulationError?: string
  /** The exam score predicted on the exam's guide, when the exam follows one. */
  readiness?: ExamReadiness
  /** Mock exams of the same exam, oldest first: shown beside the forecast. */
  mockExams?: MockExamResult[]
  error?: string
  /** "Every new card met in N days at X a day": X as typed (the decks' limits at first), and its plan. */
  newCards?: { perDay: string; plan?: NewCardPlan; error?: string }
}

export interface ExamPlanEditorState {
  /** null while creating a new exam. */
  id: string | null
  form: ExamPlanForm
  errors: ExamPlanFormErrors
  saving: boolean
  message?: string
}

export interface ExamPlanView {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  entries: ExamPlanEntry[]
  editor: ExamPlanEditorState | null
  dayStartsAtHour: number
  /** Today's date for the date input's lower bound (`YYYY-MM-DD`). */
  today: string
  /** A short confirmation ("Exam saved."), read out by the screen's status line. */
  notice?: string
  error?: string
}

export interface ExamPlanSlice {
  examPlan: ExamPlanView
  openExamPlan(): Promise<void>
  /** Starts what the exam plan needs before it opens (its forecast's worker), when the person is about to open it. */
  warmExamPlan(): void
  refreshExamPlan(): Promise<void>
  newExamPlan(): void
  editExamPlan(id: string): void
  changeExamPlan(patch: Partial<ExamPlanForm>): void
  cancelExamPlanEdit(): void
  /** Validates and saves the form; false leaves the editor open with a message by each bad field. */
  saveExamPlan(): Promise<boolean>
  deleteExamPlan(id: string): Promise<void>
  /** Works out how many days it takes to meet every new card of the exam at `perDay` new cards a day. */
  planExamNewCards(id: string, perDay: string): void
}

export const createExamPlanSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], ExamPlanSlice> =>
  (set, get) => {
    // The forms, the forecasts and the exam guides are fetched when the exam plan first opens.
    const later = lazyActions(
      () => import('@store/exam-plan-actions'),
      (code) => code.examPlanActions(deps, set, get),
      (error, name) =>
        set((s) => ({
          ...(name === 'openExamPlan' ? { screen: { name: 'exam-plan' } } : {}),
          examPlan: { ...s.examPlan, status: 'failed', error: `Your exams could not be read (${reasonOf(error)}).` }
        }))
    )
    return {
      examPlan: { status: 'idle', entries: [], editor: null, dayStartsAtHour: 4, today: '' },
      // The screen changes at once, its code and the actions' arriving side by side.
      async openExamPlan() {
        // An opening shows none of the last visit's figures while it reads them again (the new cards a day as typed stay).
        set((s) => ({
          screen: { name: 'exam-plan' },
          examPlan: {
            ...s.examPlan,
            status: 'loading',
            entries: s.examPlan.entries.map(({ exam, newCards }) => ({ exam, forecast: null, ...(newCards ? { newCards } : {}) }))
          }
        }))
        await later('openExamPlan')()
      },
      warmExamPlan() {
        void import('@store/exam-plan-forecast').then((f) => f.warmExamForecast()).catch(() => undefined) // started again at the click
      },
      ...standIns(later, [
        'refreshExamPlan',
        'newExamPlan',
        'editExamPlan',
        'changeExamPlan',
        'cancelExamPlanEdit',
        'saveExamPlan',
        'deleteExamPlan',
        'planExamNewCards'
      ])
    }
  }
