import type { StateCreator } from 'zustand'
import { DEFAULT_EXAM_SETTINGS } from '@core/practice/exam-simulation'
import { recentSimulations } from '@db/practice-repository'
import type { SimulationRecord } from '@db/records'
import type { StoreDeps } from './deps'
import type { RecallState } from './index'
import { createCustomSlice, type CustomForm, type CustomSlice } from './practice-custom-slice'
import { createExamSlice, type ExamForm, type ExamFormErrors, type ExamSlice } from './practice-exam-slice'
import { createMcSlice, type McSlice } from './practice-mc-slice'

export type { CustomForm, CustomKind, CustomSession } from './practice-custom-slice'
export type { ExamForm, ExamFormErrors, ExamRun } from './practice-exam-slice'
export type { McSession } from './practice-mc-slice'

/**
 * The Practice screen: today's reviews answered as multiple choice (graded through FSRS like
 * normal study), timed exam simulations, and Anki's custom study. Choosing and scoring live in
 * core/practice; the three sessions have a slice each, and this one holds what they share.
 */
export type PracticeView = 'home' | 'mc' | 'exam' | 'custom'

export interface PracticeState {
  view: PracticeView
  history: SimulationRecord[]
  examForm: ExamForm
  examErrors: ExamFormErrors
  customForm: CustomForm
  customError?: string
  /** Tags of the custom-study decks, for the tag picker. */
  tags: string[]
}

export type PracticeSlice = McSlice &
  ExamSlice &
  CustomSlice & {
    practice: PracticeState
    /** Opens the Practice screen; a running exam carries on, other sessions end. */
    openPractice(): Promise<void>
    /** Back to the three sections (a finished or running exam is dropped from the screen). */
    showPracticeHome(): Promise<void>
  }

const initialPractice: PracticeState = {
  view: 'home',
  history: [],
  examForm: {
    excludedDeckIds: [],
    questionCount: String(DEFAULT_EXAM_SETTINGS.questionCount),
    minutes: String(DEFAULT_EXAM_SETTINGS.timeLimitMinutes),
    passMark: String(DEFAULT_EXAM_SETTINGS.passMarkPercent)
  },
  examErrors: {},
  customForm: { deckId: '', kind: 'review-ahead', days: '1', tags: '', count: '20', reschedule: false },
  tags: []
}

export const createPracticeSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], PracticeSlice> =>
  (set, get, api) => ({
    ...createMcSlice(deps)(set, get, api),
    ...createExamSlice(deps)(set, get, api),
    ...createCustomSlice(deps)(set, get, api),
    practice: initialPractice,

    async openPractice() {
      const running = get().examRun?.status === 'running'
      const left = get().mcSession !== null || get().customSession !== null
      set((s) => ({ screen: { name: 'practice' }, mcSession: null, customSession: null, practice: { ...s.practice, view: running ? 'exam' : 'home' } }))
      const history = await recentSimulations(deps.db)
      set((s) => ({ practice: { ...s.practice, history } }))
      if (left) await get().refreshCounts()
    },

    async showPracticeHome() {
      const left = get().mcSession !== null || get().customSession !== null
      set((s) => ({ mcSession: null, customSession: null, examRun: null, practice: { ...s.practice, view: 'home' } }))
      // What was studied changes the decks' counts.
      if (left) await get().refreshCounts()
    }
  })
