import { blueprintDrawOrder, mockExamDrawOrder } from '@core/mock-exam/draw'
import { FREE_FORM_EXAM } from '@core/mock-exam/free-form'
import { examQuestionOf, type ExamCard, type MockExamQuestion, type QuestionSource } from '@core/mock-exam/questions'
import { DEFAULT_OPTION_COUNT } from '@core/practice/multiple-choice'
import { shuffled, type Random } from '@core/practice/random'
import { emptyResponse, responseProblem, type QuestionResponse } from '@core/questions/question'
import { MINUTE_MS } from '@shared/durations'
import type { Blueprint } from '@shared/exam/blueprint'
import { blueprintOf } from '@shared/exam/blueprints'

export interface MockExamSettings {
  /** The exam whose guide shapes the draw and the score ("AIF-C01"); absent: a free-form exam over decks. */
  exam?: string
  questionCount: number
  timeLimitMinutes: number
  /** Percent right to pass a free-form exam; an exam with a guide passes on its scaled score. */
  passMarkPercent: number
  optionCount: number
}

/** A free-form mock exam (core/mock-exam/free-form.ts), with four options a question. */
const DEFAULT_MOCK_EXAM_SETTINGS: MockExamSettings = { ...FREE_FORM_EXAM, optionCount: DEFAULT_OPTION_COUNT }

/** The exam as its guide says it is sat: its number of questions and its minutes. */
export function settingsForExam(blueprint: Blueprint): MockExamSettings {
  const { delivery } = blueprint
  const [low, high] = delivery.scoreRange
  return {
    exam: blueprint.exam,
    questionCount: delivery.questions,
    timeLimitMinutes: delivery.minutes,
    passMarkPercent: Math.round((1000 * (delivery.passingScore - low)) / (high - low)) / 10,
    optionCount: DEFAULT_OPTION_COUNT
  }
}

type MockExamEnd = 'user' | 'time'

export interface MockExamSession {
  id: string
  deckIds: string[]
  settings: MockExamSettings
  startedAt: number
  /** When time runs out. */
  endsAt: number
  questions: MockExamQuestion[]
  /** Each question's answer so far, null while untouched. */
  responses: (QuestionResponse | null)[]
  finishedAt?: number
  finishedBy?: MockExamEnd
}

export type FinishedMockExam = MockExamSession & { finishedAt: number; finishedBy: MockExamEnd }

export interface StartMockExamInput {
  /** The caller's id for the simulation (core makes no ids: that needs a clock or randomness). */
  id: string
  deckIds: readonly string[]
  /** Cards of the chosen decks (others are ignored), every direction: the questions and the pool of wrong options. */
  cards: readonly ExamCard[]
  /** The notes of the exam-style question cards among `cards`, by card key. */
  questions?: ReadonlyMap<string, QuestionSource>
  random: Random
  now: number
  settings?: Partial<MockExamSettings>
}

/**
 * Draws the questions and starts the clock. With an exam guide, the domains get the guide's
 * shares of the questions (an exam-style question before one made from a fact card); a domain
 * whose decks run short leaves its place to the others. Without one, the questions spread over
 * decks and topics. Cards that cannot make a question are skipped; with too few, the exam is
 * shorter than asked, which the screen can tell from `questions.length`. Questions of one case
 * study sit together, as on the exam.
 */
export function startMockExamSession(input: StartMockExamInput): MockExamSession {
  const settings = { ...DEFAULT_MOCK_EXAM_SETTINGS, ...input.settings }
  const decks = new Set(input.deckIds)
  const cards = input.cards.filter((c) => decks.has(c.deckId))
  const make = { pool: cards, questions: input.questions ?? new Map(), random: input.random, optionCount: settings.optionCount }
  const blueprint = settings.exam ? blueprintOf(settings.exam) : undefined

  const questions: MockExamQuestion[] = []
  const take = (order: readonly ExamCard[], wanted: number) => {
    const taken: ExamCard[] = []
    for (const card of order) {
      if (taken.length >= wanted || questions.length >= settings.questionCount) break
      taken.push(card)
      const question = examQuestionOf(card, make)
      if (question) questions.push(question)
      else taken.pop()
    }
    return new Set(taken)
  }
  if (blueprint) {
    const draw = blueprintDrawOrder(cards, blueprint, settings.questionCount, input.random)
    const rest: ExamCard[][] = []
    for (const [domain, order] of draw.byDomain) {
      const used = take(order, draw.quotas.get(domain) ?? 0)
      rest.push(order.filter((c) => !used.has(c)))
    }
    // Domains that ran short leave their places to the others, still task by task.
    take(rest.flat(), settings.questionCount - questions.length)
  } else {
    take(mockExamDrawOrder(cards, input.random), settings.questionCount)
  }
  const ordered = casesTogether(shuffled(questions, input.random))
  return {
    id: input.id,
    deckIds: [...input.deckIds],
    settings,
    startedAt: input.now,
    endsAt: input.now + settings.timeLimitMinutes * MINUTE_MS,
    questions: ordered,
    responses: ordered.map(() => null)
  }
}

/** Moves each case study's questions next to its first one, keeping the order otherwise. */
function casesTogether(questions: MockExamQuestion[]): MockExamQuestion[] {
  const caseOf = (q: MockExamQuestion) => (q.shown.note.case ? `${q.deckId}/${q.shown.note.case}` : undefined)
  const out: MockExamQuestion[] = []
  const placed = new Set<MockExamQuestion>()
  for (const q of questions) {
    if (placed.has(q)) continue
    const key = caseOf(q)
    const group = key ? questions.filter((o) => caseOf(o) === key) : [q]
    for (const g of group) placed.add(g)
    out.push(...group)
  }
  return out
}

export function timeLeftMs(exam: MockExamSession, now: number): number {
  if (exam.finishedAt !== undefined) return 0
  return Math.max(0, exam.endsAt - now)
}

/** Whether question `i` has a complete answer. */
export function isAnswered(exam: MockExamSession, i: number): boolean {
  const response = exam.responses[i]
  return response !== null && response !== undefined && responseProblem(exam.questions[i]!.shown, response) === null
}

/** The answer to question `i` so far, or an empty one. */
export function responseTo(exam: MockExamSession, i: number): QuestionResponse {
  return exam.responses[i] ?? emptyResponse(exam.questions[i]!.shown)
}

/**
 * Records (or changes) the answer to a question; null clears it. After the exam ended, for a
 * question that does not exist, or with parts that do not exist, nothing changes.
 */
export function answerMockExamQuestion(
  exam: MockExamSession,
  questionIndex: number,
  response: QuestionResponse | null,
  now: number
): MockExamSession {
  if (exam.finishedAt !== undefined || now >= exam.endsAt) return exam
  const question = exam.questions[questionIndex]
  if (!question) return exam
  const parts = question.shown.order.length
  const matching = question.shown.note.type === 'matching'
  if (response !== null && !response.every((p) => Number.isInteger(p) && p < parts && (p >= 0 || (matching && p === -1)))) return exam
  const responses = [...exam.responses]
  responses[questionIndex] = response
  return { ...exam, responses }
}

/** Ends the exam at `now`. Past the time limit it ends by time-out, at the moment time ran out. */
export function finishMockExamSession(exam: MockExamSession, now: number): FinishedMockExam {
  if (isFinished(exam)) return exam
  if (now >= exam.endsAt) return { ...exam, finishedAt: exam.endsAt, finishedBy: 'time' }
  return { ...exam, finishedAt: now, finishedBy: 'user' }
}

/** The exam as it stands at `now`: finished by time-out if time has run out, otherwise unchanged. */
export function checkMockExamTime(exam: MockExamSession, now: number): MockExamSession {
  return exam.finishedAt === undefined && now >= exam.endsAt ? finishMockExamSession(exam, now) : exam
}

export function isFinished(exam: MockExamSession): exam is FinishedMockExam {
  return exam.finishedAt !== undefined && exam.finishedBy !== undefined
}
