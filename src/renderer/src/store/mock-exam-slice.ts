import { reasonOf } from '@core/errors'
import type { MockExamScore } from '@core/mock-exam/score'
import type { MockExamSession } from '@core/mock-exam/simulation'
import type { MockExamResult } from '@core/model'
import type { UndoEntry } from '@db/card-actions'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

/**
 * A timed exam simulation. The clock is the store's `now`: the screen only asks for a tick each
 * second, so the time left never depends on timers firing on time.
 */

/** The settings form as typed; checked when the exam starts. */
export interface MockExamForm {
  /** The exam whose guide sets the questions, time, domains and pass mark ("AIF-C01"); '' for a free-form exam. */
  exam: string
  /** Unticked decks; every other deck of the library takes part, including decks added later. */
  excludedDeckIds: string[]
  questionCount: string
  minutes: string
  passMark: string
}
export type MockExamFormErrors = Partial<Record<'decks' | 'questionCount' | 'minutes' | 'passMark', string>>

export interface MockExamRun {
  exam: MockExamSession
  /** The question on screen. */
  index: number
  /** The store clock at the last tick: the countdown shows `exam.endsAt - now`. */
  now: number
  status: 'running' | 'saving' | 'finished'
  score?: MockExamScore
  record?: MockExamResult
  notice?: string
  error?: string
  relearn?: { status: 'working' | 'done'; message: string; undo?: UndoEntry }
}

export interface MockExamSlice {
  mockExam: MockExamRun | null
  editMockExamForm(patch: Partial<Omit<MockExamForm, 'excludedDeckIds'>>): void
  toggleMockExamDeck(deckId: string): void
  startMockExam(): Promise<void>
  /** Picks (a multiple response or an ordering: toggles) the part shown at `at` of the question on screen. */
  chooseMockExamOption(at: number): Promise<void>
  /** Matches a prompt of the matching question on screen with the response shown at `at`. */
  matchMockExamItem(prompt: number, at: number): Promise<void>
  clearMockExamAnswer(): Promise<void>
  goToMockExamQuestion(index: number): Promise<void>
  /** Called each second while an exam runs: moves the clock and ends the exam when time is up. */
  tickMockExam(): Promise<void>
  finishMockExam(): Promise<void>
  sendMissedToRelearning(): Promise<void>
  undoRelearning(): Promise<void>
}

export const createMockExamSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], MockExamSlice> =>
  (set, get) => {
    // The simulation, its scoring and the exam guides are fetched when the first mock exam starts.
    const later = lazyActions(
      () => import('@store/mock-exam-actions'),
      (code) => code.mockExamActions(deps, set, get),
      (error, name) => {
        const message = `The mock exam could not go on (${reasonOf(error)}).`
        if (name !== 'startMockExam' && get().mockExam) set((s) => ({ mockExam: s.mockExam && { ...s.mockExam, error: message } }))
        else set((s) => ({ practice: { ...s.practice, mockExamErrors: { decks: `The mock exam could not start (${reasonOf(error)}).` } } }))
      }
    )
    return {
      mockExam: null,

      editMockExamForm(patch) {
        set((s) => ({ practice: { ...s.practice, mockExamForm: { ...s.practice.mockExamForm, ...patch }, mockExamErrors: {} } }))
      },

      toggleMockExamDeck(deckId) {
        const { excludedDeckIds } = get().practice.mockExamForm
        const next = excludedDeckIds.includes(deckId) ? excludedDeckIds.filter((d) => d !== deckId) : [...excludedDeckIds, deckId]
        set((s) => ({
          practice: { ...s.practice, mockExamForm: { ...s.practice.mockExamForm, excludedDeckIds: next }, mockExamErrors: {} }
        }))
      },

      ...standIns(later, [
        'startMockExam',
        'chooseMockExamOption',
        'matchMockExamItem',
        'clearMockExamAnswer',
        'goToMockExamQuestion',
        'tickMockExam',
        'finishMockExam',
        'sendMissedToRelearning',
        'undoRelearning'
      ])
    }
  }
