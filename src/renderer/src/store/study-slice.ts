import type { Grade } from 'ts-fsrs'
import type { StateCreator } from 'zustand'
import { studyDayOf, type StudyDay } from '../core/day'
import { afterGrade, pickNext, type NextStep, type TodayQueue } from '../core/queue'
import { createScheduler, previewGrades, type GradeOutcome } from '../core/scheduler'
import { DEFAULT_STUDY_OPTIONS } from '../core/study-options'
import type { CardRecord } from '../db/records'
import { getCard, loadTodayQueue, recordReview } from '../db/study-repository'
import type { StoreDeps } from './deps'
import type { RecallState } from './index'
import { describe } from './library-slice'

export interface StudySession {
  deckId: string
  deckName: string
  day: StudyDay
  queue: TodayQueue
  step: NextStep
  card?: CardRecord
  /** What each grade would do, computed when the card is shown. */
  outcomes?: Record<Grade, GradeOutcome>
  revealed: boolean
  shownAt: number
  saving: boolean
  error?: string
}

export interface StudySlice {
  session: StudySession | null
  startStudy(deckId: string): Promise<void>
  reveal(): void
  grade(rating: Grade): Promise<void>
  /** Looks again for a learning card that has become due while the done screen waited. */
  resume(): Promise<void>
  leaveStudy(): Promise<void>
}

const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS)

export const createStudySlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], StudySlice> =>
  (set, get) => {
    /** Moves the session to whatever the queue says comes next. */
    async function advance(base: Omit<StudySession, 'step' | 'card' | 'outcomes' | 'revealed' | 'shownAt' | 'saving'>) {
      const at = now()
      const step = pickNext(base.queue, at)
      const card = step.kind === 'card' ? await getCard(db, step.id) : undefined
      set({
        session: {
          ...base,
          step,
          revealed: false,
          shownAt: at,
          saving: false,
          ...(card ? { card, outcomes: previewGrades(scheduler, card, at) } : {})
        }
      })
    }

    return {
      session: null,

      async startStudy(deckId) {
        const deck = get().library.decks.find((d) => d.id === deckId)
        const day = studyDayOf(now(), DEFAULT_STUDY_OPTIONS.dayStartsAtHour)
        const queue = await loadTodayQueue(db, deckId, day, DEFAULT_STUDY_OPTIONS)
        await advance({ deckId, deckName: deck?.name ?? deckId, day, queue })
      },

      reveal() {
        const session = get().session
        if (session?.card && !session.revealed) set({ session: { ...session, revealed: true } })
      },

      async grade(rating) {
        const session = get().session
        if (!session?.card || !session.outcomes || !session.revealed || session.saving) return
        const { card } = session
        // Recompute at the moment of the grade, so a card left on screen is scheduled from now.
        const at = now()
        const outcome = previewGrades(scheduler, card, at)[rating]
        set({ session: { ...session, saving: true } })
        try {
          const saved = await recordReview(db, card, outcome, at - session.shownAt)
          const queue = afterGrade(session.queue, card.id, saved, saved.ord, session.day.end)
          await advance({ deckId: session.deckId, deckName: session.deckName, day: session.day, queue })
        } catch (error) {
          set({
            session: {
              ...session,
              saving: false,
              error: `Your answer was not saved (${describe(error)}). Nothing was lost: grade the card again to retry.`
            }
          })
        }
      },

      async resume() {
        const session = get().session
        if (session && session.step.kind === 'wait') await advance(session)
      },

      async leaveStudy() {
        set({ session: null })
        await get().refreshCounts()
      }
    }
  }
