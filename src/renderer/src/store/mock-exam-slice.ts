import { reasonOf } from '@core/errors'
import { agree, plural } from '@shared/plural'
import { cardsToRelearn, mockExamResult, scoreMockExam, type MockExamScore } from '@core/mock-exam/score'
import {
  answerMockExamQuestion,
  checkMockExamTime,
  finishMockExamSession,
  isFinished,
  responseTo,
  settingsForExam,
  startMockExamSession,
  type FinishedMockExam,
  type MockExamSession
} from '@core/mock-exam/simulation'
import type { MockExamResult } from '@core/model'
import { mulberry32 } from '@core/practice/random'
import { choose, match } from '@core/questions/question'
import { questionsOfCards } from '@db/note-repository'
import { blueprintOf } from '@shared/exam/blueprints'
import { undo as undoCardAction, type UndoEntry } from '@db/card-actions'
import { loadChoicePool, recentMockExams, saveMockExamResult, sendToRelearning } from '@db/practice-repository'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { wholeNumber } from '@store/practice-form'
import type { StateCreator } from 'zustand'

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

interface MockExamRun {
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
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], MockExamSlice> =>
  (set, get) => {
    const patchPractice = (p: Partial<RecallState['practice']>) => set((s) => ({ practice: { ...s.practice, ...p } }))
    const setRun = (p: Partial<MockExamRun>) => set((s) => ({ mockExam: s.mockExam && { ...s.mockExam, ...p } }))

    async function finalizeMockExam(finished: FinishedMockExam) {
      const score = scoreMockExam(finished)
      const record = mockExamResult(finished, score)
      setRun({ exam: finished, now: finished.finishedAt, status: 'saving', score, record })
      try {
        await saveMockExamResult(db, record)
        patchPractice({ history: await recentMockExams(db) })
        setRun({ status: 'finished' })
      } catch (error) {
        setRun({ status: 'finished', error: `This result could not be saved to your history (${reasonOf(error)}).` })
      }
    }

    /** The running exam as of now; ends it by time-out when time is up. Undefined once it is over. */
    async function runningMockExam(): Promise<MockExamRun | undefined> {
      const run = get().mockExam
      if (!run || run.status !== 'running') return undefined
      const at = now()
      const exam = checkMockExamTime(run.exam, at)
      if (isFinished(exam)) {
        await finalizeMockExam(exam)
        return undefined
      }
      setRun({ now: at })
      return { ...run, now: at }
    }

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

      async startMockExam() {
        const form = get().practice.mockExamForm
        const deckIds = get()
          .library.decks.map((d) => d.id)
          .filter((id) => !form.excludedDeckIds.includes(id))
        const blueprint = form.exam ? blueprintOf(form.exam) : undefined
        const fixed = blueprint ? settingsForExam(blueprint) : undefined
        const questionCount = fixed?.questionCount ?? wholeNumber(form.questionCount, 'Number of questions', 1, 500)
        const minutes = fixed?.timeLimitMinutes ?? wholeNumber(form.minutes, 'Minutes', 1, 600)
        const passMark = fixed?.passMarkPercent ?? wholeNumber(form.passMark, 'Pass mark', 1, 100)
        const errors: MockExamFormErrors = {}
        if (deckIds.length === 0) errors.decks = 'Choose at least one deck'
        if (typeof questionCount === 'string') errors.questionCount = questionCount
        if (typeof minutes === 'string') errors.minutes = minutes
        if (typeof passMark === 'string') errors.passMark = passMark
        if (
          Object.keys(errors).length > 0 ||
          typeof questionCount === 'string' ||
          typeof minutes === 'string' ||
          typeof passMark === 'string'
        ) {
          patchPractice({ mockExamErrors: errors })
          return
        }
        const cards = await loadChoicePool(db, deckIds)
        const questions = await questionsOfCards(db, cards)
        const at = now()
        const rng = mulberry32(at % 2 ** 32)
        const exam = startMockExamSession({
          id: `sim-${at}-${Math.floor(rng() * 1e6)}`,
          deckIds,
          cards,
          questions,
          random: rng,
          now: at,
          settings: fixed ?? { questionCount, timeLimitMinutes: minutes, passMarkPercent: passMark }
        })
        if (exam.questions.length === 0) {
          patchPractice({
            mockExamErrors: {
              decks: blueprint
                ? `These decks have no notes for the task statements of ${blueprint.exam}.`
                : 'These decks have no cards that can make a question (a card needs three related cards with other answers).'
            }
          })
          return
        }
        const short = exam.questions.length < questionCount
        set((s) => ({
          mockExam: {
            exam,
            index: 0,
            now: at,
            status: 'running',
            ...(short
              ? {
                  notice: `These decks give only ${exam.questions.length} different questions, so the mock exam has ${exam.questions.length}.`
                }
              : {})
          },
          practice: { ...s.practice, view: 'mock-exam', mockExamErrors: {} }
        }))
      },

      async chooseMockExamOption(at) {
        const run = await runningMockExam()
        if (!run) return
        const shown = run.exam.questions[run.index]!.shown
        setRun({ exam: answerMockExamQuestion(run.exam, run.index, choose(shown, responseTo(run.exam, run.index), at), run.now) })
      },

      async matchMockExamItem(prompt, at) {
        const run = await runningMockExam()
        if (!run) return
        const shown = run.exam.questions[run.index]!.shown
        setRun({ exam: answerMockExamQuestion(run.exam, run.index, match(shown, responseTo(run.exam, run.index), prompt, at), run.now) })
      },

      async clearMockExamAnswer() {
        const run = await runningMockExam()
        if (run) setRun({ exam: answerMockExamQuestion(run.exam, run.index, null, run.now) })
      },

      async goToMockExamQuestion(index) {
        const run = await runningMockExam()
        if (run) setRun({ index: Math.min(Math.max(0, index), run.exam.questions.length - 1) })
      },

      async tickMockExam() {
        await runningMockExam()
      },

      async finishMockExam() {
        const run = await runningMockExam()
        if (run) await finalizeMockExam(finishMockExamSession(run.exam, run.now))
      },

      async sendMissedToRelearning() {
        const run = get().mockExam
        if (!run?.record || run.relearn) return
        const keys = cardsToRelearn(run.record)
        setRun({ relearn: { status: 'working', message: 'Sending the missed cards to relearning…' } })
        try {
          const result = await sendToRelearning(db, keys, now())
          const moved = `${plural(result.relearning, 'card')} ${agree(result.relearning, 'is', 'are')} now due in relearning.`
          const left =
            result.leftAlone > 0
              ? ` ${result.leftAlone.toLocaleString()} not studied yet (or suspended) ${agree(result.leftAlone, 'stays as it was', 'stay as they were')}: new cards come with your daily new cards.`
              : ''
          setRun({ relearn: { status: 'done', message: moved + left, ...(result.relearning > 0 ? { undo: result.undo } : {}) } })
          await get().refreshCounts()
        } catch (error) {
          setRun({ relearn: undefined, error: `The cards could not be sent to relearning (${reasonOf(error)}). Nothing was changed.` })
        }
      },

      async undoRelearning() {
        const undo = get().mockExam?.relearn?.undo
        if (!undo) return
        try {
          await undoCardAction(db, undo)
          setRun({ relearn: { status: 'done', message: 'Undone: the cards are scheduled as before.' } })
          await get().refreshCounts()
        } catch (error) {
          setRun({ error: `Could not undo (${reasonOf(error)}).` })
        }
      }
    }
  }
