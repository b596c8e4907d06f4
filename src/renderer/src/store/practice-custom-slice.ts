import { reasonOf } from '@core/errors'
import type { CardRecord } from '@core/model'
import type { CustomStudyMode, CustomStudyRequest } from '@core/practice/custom-study'
import type { GradeOutcome } from '@core/scheduling/scheduler'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { Grade } from 'ts-fsrs'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

/**
 * Anki's custom study: core/practice/custom-study chooses the cards, the database gives the
 * candidates through its indexes. A preview writes nothing; "reschedule" grades through FSRS.
 */

export type CustomKind = CustomStudyRequest['kind']

export interface CustomForm {
  /** '' for every deck. */
  deckId: string
  kind: CustomKind
  days: string
  tags: string
  count: string
  reschedule: boolean
}

export interface CustomSession {
  mode: CustomStudyMode
  title: string
  keys: string[]
  index: number
  card?: CardRecord
  revealed: boolean
  outcomes?: Record<Grade, GradeOutcome>
  shownAt: number
  saving: boolean
  graded: number
  error?: string
}

export interface CustomSlice {
  customSession: CustomSession | null
  editCustomForm(patch: Partial<CustomForm>): void
  loadCustomTags(): Promise<void>
  startCustomStudy(): Promise<void>
  revealCustom(): void
  nextCustom(rating?: Grade): Promise<void>
}

export const createCustomSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], CustomSlice> =>
  (set, get) => {
    // Choosing the cards and grading them are fetched when custom study is first used.
    const later = lazyActions(
      () => import('@store/practice-custom-actions'),
      (code) => code.customActions(deps, set, get),
      (error) => set((s) => ({ practice: { ...s.practice, customError: `Custom study could not start (${reasonOf(error)}).` } }))
    )
    return {
      customSession: null,

      editCustomForm(patch) {
        set((s) => ({ practice: { ...s.practice, customForm: { ...s.practice.customForm, ...patch }, customError: undefined } }))
      },

      ...standIns(later, ['loadCustomTags', 'startCustomStudy', 'revealCustom', 'nextCustom'])
    }
  }
