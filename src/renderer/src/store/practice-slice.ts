import { FREE_FORM_EXAM } from '@core/mock-exam/free-form'
import type { MockExamResult } from '@core/model'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { MockExamForm, MockExamFormErrors } from '@store/mock-exam-slice'
import type { CustomForm } from '@store/practice-custom-slice'
import type { StateCreator } from 'zustand'

/**
 * The Practice screen: today's reviews answered as multiple choice (graded through FSRS like
 * normal study), timed mock exams, and Anki's custom study. Choosing and scoring live in
 * core/practice; the three sessions have a slice each, and this one holds what they share.
 */
type PracticeView = 'home' | 'mc' | 'mock-exam' | 'custom'

interface PracticeState {
  view: PracticeView
  history: MockExamResult[]
  mockExamForm: MockExamForm
  mockExamErrors: MockExamFormErrors
  customForm: CustomForm
  customError?: string
  /** Tags of the custom-study decks, for the tag picker. */
  tags: string[]
}

/** What the three practice sessions (practice-mc, mock-exam and practice-custom slices) share. */
export interface PracticeSlice {
  practice: PracticeState
  /** Opens the Practice screen; a running mock exam carries on, other sessions end. */
  openPractice(): Promise<void>
  /** Back to the three sections (a finished or running mock exam is dropped from the screen). */
  showPracticeHome(): Promise<void>
}

const initialPractice: PracticeState = {
  view: 'home',
  history: [],
  mockExamForm: {
    exam: 'AIF-C01',
    excludedDeckIds: [],
    questionCount: String(FREE_FORM_EXAM.questionCount),
    minutes: String(FREE_FORM_EXAM.timeLimitMinutes),
    passMark: String(FREE_FORM_EXAM.passMarkPercent)
  },
  mockExamErrors: {},
  customForm: { deckId: '', kind: 'review-ahead', days: '1', tags: '', count: '20', reschedule: false },
  tags: []
}

export const createPracticeSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], PracticeSlice> =>
  (set, get) => ({
    practice: initialPractice,

    async openPractice() {
      const running = get().mockExam?.status === 'running'
      const left = get().mcSession !== null || get().customSession !== null
      set((s) => ({
        screen: { name: 'practice' },
        mcSession: null,
        customSession: null,
        practice: { ...s.practice, view: running ? 'mock-exam' : 'home' }
      }))
      // Fetched with the practice screen: the study path never reads the mock exams' history.
      const { recentMockExams } = await import('@db/practice-repository')
      const history = await recentMockExams(deps.db)
      set((s) => ({ practice: { ...s.practice, history } }))
      if (left) await get().refreshCounts()
    },

    async showPracticeHome() {
      const left = get().mcSession !== null || get().customSession !== null
      set((s) => ({ mcSession: null, customSession: null, mockExam: null, practice: { ...s.practice, view: 'home' } }))
      // What was studied changes the decks' counts.
      if (left) await get().refreshCounts()
    }
  })
