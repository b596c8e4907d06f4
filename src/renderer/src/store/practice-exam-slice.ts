import type { StateCreator } from 'zustand'
import { cardsToRelearn, examResultRecord, scoreExam, type ExamScore } from '@core/practice/exam-score'
import {
  answerExamQuestion,
  checkExamTime,
  finishExam,
  isFinished,
  startExam,
  type ExamSession,
  type FinishedExam
} from '@core/practice/exam-simulation'
import { mulberry32 } from '@core/practice/random'
import { undo as undoCardAction, type UndoEntry } from '@db/card-actions'
import { loadChoicePool, recentSimulations, saveSimulation, sendToRelearning } from '@db/practice-repository'
import type { SimulationRecord } from '@db/records'
import type { StoreDeps } from './deps'
import type { RecallState } from './index'
import { describe } from './library-slice'
import { wholeNumber } from './practice-form'

/**
 * A timed exam simulation. The clock is the store's `now`: the screen only asks for a tick each
 * second, so the time left never depends on timers firing on time.
 */

/** The settings form as typed; checked when the exam starts. */
export interface ExamForm {
  /** Unticked decks; every other deck of the library takes part, including decks added later. */
  excludedDeckIds: string[]
  questionCount: string
  minutes: string
  passMark: string
}
export type ExamFormErrors = Partial<Record<'decks' | 'questionCount' | 'minutes' | 'passMark', string>>

export interface ExamRun {
  exam: ExamSession
  /** The question on screen. */
  index: number
  /** The store clock at the last tick: the countdown shows `exam.endsAt - now`. */
  now: number
  status: 'running' | 'saving' | 'finished'
  score?: ExamScore
  record?: SimulationRecord
  notice?: string
  error?: string
  relearn?: { status: 'working' | 'done'; message: string; undo?: UndoEntry }
}

export interface ExamSlice {
  examRun: ExamRun | null
  editExamForm(patch: Partial<Omit<ExamForm, 'excludedDeckIds'>>): void
  toggleExamDeck(deckId: string): void
  startExamSimulation(): Promise<void>
  answerExam(optionIndex: number): Promise<void>
  goToExamQuestion(index: number): Promise<void>
  /** Called each second while an exam runs: moves the clock and ends the exam when time is up. */
  tickExam(): Promise<void>
  finishExamSimulation(): Promise<void>
  sendMissedToRelearning(): Promise<void>
  undoRelearning(): Promise<void>
}

export const createExamSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], ExamSlice> =>
  (set, get) => {
    const patchPractice = (p: Partial<RecallState['practice']>) => set((s) => ({ practice: { ...s.practice, ...p } }))
    const setRun = (p: Partial<ExamRun>) => set((s) => ({ examRun: s.examRun && { ...s.examRun, ...p } }))

    async function finalizeExam(finished: FinishedExam) {
      const score = scoreExam(finished)
      const record = examResultRecord(finished, score)
      setRun({ exam: finished, now: finished.finishedAt, status: 'saving', score, record })
      try {
        await saveSimulation(db, record)
        patchPractice({ history: await recentSimulations(db) })
        setRun({ status: 'finished' })
      } catch (error) {
        setRun({ status: 'finished', error: `This result could not be saved to your history (${describe(error)}).` })
      }
    }

    /** The running exam as of now; ends it by time-out when time is up. Undefined once it is over. */
    async function runningExam(): Promise<ExamRun | undefined> {
      const run = get().examRun
      if (!run || run.status !== 'running') return undefined
      const at = now()
      const exam = checkExamTime(run.exam, at)
      if (isFinished(exam)) {
        await finalizeExam(exam)
        return undefined
      }
      setRun({ now: at })
      return { ...run, now: at }
    }

    return {
      examRun: null,

      editExamForm(patch) {
        set((s) => ({ practice: { ...s.practice, examForm: { ...s.practice.examForm, ...patch }, examErrors: {} } }))
      },

      toggleExamDeck(deckId) {
        const { excludedDeckIds } = get().practice.examForm
        const next = excludedDeckIds.includes(deckId) ? excludedDeckIds.filter((d) => d !== deckId) : [...excludedDeckIds, deckId]
        set((s) => ({ practice: { ...s.practice, examForm: { ...s.practice.examForm, excludedDeckIds: next }, examErrors: {} } }))
      },

      async startExamSimulation() {
        const form = get().practice.examForm
        const deckIds = get()
          .library.decks.map((d) => d.id)
          .filter((id) => !form.excludedDeckIds.includes(id))
        const questionCount = wholeNumber(form.questionCount, 'Number of questions', 1, 500)
        const minutes = wholeNumber(form.minutes, 'Minutes', 1, 600)
        const passMark = wholeNumber(form.passMark, 'Pass mark', 1, 100)
        const errors: ExamFormErrors = {}
        if (deckIds.length === 0) errors.decks = 'Choose at least one deck'
        if (typeof questionCount === 'string') errors.questionCount = questionCount
        if (typeof minutes === 'string') errors.minutes = minutes
        if (typeof passMark === 'string') errors.passMark = passMark
        if (Object.keys(errors).length > 0 || typeof questionCount === 'string' || typeof minutes === 'string' || typeof passMark === 'string') {
          patchPractice({ examErrors: errors })
          return
        }
        const cards = await loadChoicePool(db, deckIds)
        const at = now()
        const rng = mulberry32(at % 2 ** 32)
        const exam = startExam({
          id: `sim-${at}-${Math.floor(rng() * 1e6)}`,
          deckIds,
          cards,
          random: rng,
          now: at,
          settings: { questionCount, timeLimitMinutes: minutes, passMarkPercent: passMark }
        })
        if (exam.questions.length === 0) {
          patchPractice({ examErrors: { decks: 'These decks have no cards that can make a question (each needs another card with a different answer).' } })
          return
        }
        const short = exam.questions.length < questionCount
        set((s) => ({
          examRun: {
            exam,
            index: 0,
            now: at,
            status: 'running',
            ...(short ? { notice: `These decks give only ${exam.questions.length} different questions, so the exam has ${exam.questions.length}.` } : {})
          },
          practice: { ...s.practice, view: 'exam', examErrors: {} }
        }))
      },

      async answerExam(optionIndex) {
        const run = await runningExam()
        if (run) setRun({ exam: answerExamQuestion(run.exam, run.index, optionIndex, run.now) })
      },

      async goToExamQuestion(index) {
        const run = await runningExam()
        if (run) setRun({ index: Math.min(Math.max(0, index), run.exam.questions.length - 1) })
      },

      async tickExam() {
        await runningExam()
      },

      async finishExamSimulation() {
        const run = await runningExam()
        if (run) await finalizeExam(finishExam(run.exam, run.now))
      },

      async sendMissedToRelearning() {
        const run = get().examRun
        if (!run?.record || run.relearn) return
        const keys = cardsToRelearn(run.record)
        setRun({ relearn: { status: 'working', message: 'Sending the missed cards to relearning…' } })
        try {
          const result = await sendToRelearning(db, keys, now())
          const moved = `${result.relearning} card${result.relearning === 1 ? ' is' : 's are'} now due in relearning.`
          const left = result.leftAlone > 0 ? ` ${result.leftAlone} not studied yet (or suspended) stay as they were: new cards come with your daily new cards.` : ''
          setRun({ relearn: { status: 'done', message: moved + left, ...(result.relearning > 0 ? { undo: result.undo } : {}) } })
          await get().refreshCounts()
        } catch (error) {
          setRun({ relearn: undefined, error: `The cards could not be sent to relearning (${describe(error)}). Nothing was changed.` })
        }
      },

      async undoRelearning() {
        const undo = get().examRun?.relearn?.undo
        if (!undo) return
        try {
          await undoCardAction(db, undo)
          setRun({ relearn: { status: 'done', message: 'Undone: the cards are scheduled as before.' } })
          await get().refreshCounts()
        } catch (error) {
          setRun({ error: `Could not undo (${describe(error)}).` })
        }
      }
    }
  }
