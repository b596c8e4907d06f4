import { reasonOf } from '@core/errors'
import { agree, plural } from '@shared/plural'
import { cardsToRelearn, mockExamResult, scoreMockExam } from '@core/mock-exam/score'
import {
  answerMockExamQuestion,
  checkMockExamTime,
  finishMockExamSession,
  isFinished,
  responseTo,
  settingsForExam,
  startMockExamSession,
  type FinishedMockExam
} from '@core/mock-exam/simulation'
import { mulberry32 } from '@core/practice/random'
import { choose, match } from '@core/questions/question'
import { questionsOfCards } from '@db/note-repository'
import { blueprintOf } from '@shared/exam/blueprints'
import { undo as undoCardAction } from '@db/card-actions'
import { loadChoicePool, recentMockExams, saveMockExamResult, sendToRelearning } from '@db/practice-repository'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { wholeNumber } from '@store/practice-form'
import type { MockExamFormErrors, MockExamRun, MockExamSlice } from '@store/mock-exam-slice'

/** What a mock exam does (mock-exam-slice.ts holds its state and form): fetched when the first one starts. */
export type MockExamActions = Omit<MockExamSlice, 'mockExam' | 'editMockExamForm' | 'toggleMockExamDeck'>

export function mockExamActions({ db, now }: StoreDeps, set: SetRecall, get: GetRecall): MockExamActions {
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
