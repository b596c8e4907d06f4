import { mockExamDrawOrder, type QuestionCard } from '@core/mock-exam/draw'
import { buildMultipleChoice, DEFAULT_OPTION_COUNT, type MultipleChoice } from '@core/practice/multiple-choice'
import { shuffled, type Random } from '@core/practice/random'
import { MINUTE_MS } from '@shared/durations'

/** Defaults of the AWS Certified Machine Learning exams: 65 questions, 130 minutes, 720/1000 to pass. */
export interface MockExamSettings {
  questionCount: number
  timeLimitMinutes: number
  passMarkPercent: number
  optionCount: number
}

export const DEFAULT_MOCK_EXAM_SETTINGS: MockExamSettings = {
  questionCount: 65,
  timeLimitMinutes: 130,
  passMarkPercent: 72,
  optionCount: DEFAULT_OPTION_COUNT
}

interface MockExamQuestion {
  cardKey: string
  deckId: string
  tags: string[]
  question: string
  choice: MultipleChoice
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
  /** The chosen option of each question, null while unanswered. */
  answers: (number | null)[]
  finishedAt?: number
  finishedBy?: MockExamEnd
}

export type FinishedMockExam = MockExamSession & { finishedAt: number; finishedBy: MockExamEnd }

export interface StartMockExamInput {
  /** The caller's id for the simulation (core makes no ids: that needs a clock or randomness). */
  id: string
  deckIds: readonly string[]
  /** Cards of the chosen decks (others are ignored); every direction, they are also the pool of wrong options. */
  cards: readonly QuestionCard[]
  random: Random
  now: number
  settings?: Partial<MockExamSettings>
}

/**
 * Draws the questions and starts the clock. Cards that cannot make a question (no other answer
 * in their deck) are skipped; with too few cards the exam is shorter than asked, which the
 * screen can tell from `questions.length`.
 */
export function startMockExamSession(input: StartMockExamInput): MockExamSession {
  const settings = { ...DEFAULT_MOCK_EXAM_SETTINGS, ...input.settings }
  const decks = new Set(input.deckIds)
  const cards = input.cards.filter((c) => decks.has(c.deckId))
  const pools = new Map<string, QuestionCard[]>()
  for (const card of cards) {
    const pool = pools.get(card.deckId)
    if (pool) pool.push(card)
    else pools.set(card.deckId, [card])
  }

  const questions: MockExamQuestion[] = []
  for (const card of mockExamDrawOrder(cards, input.random)) {
    if (questions.length >= settings.questionCount) break
    const choice = buildMultipleChoice(card, pools.get(card.deckId) ?? [], input.random, settings.optionCount)
    if (choice.options.length < 2) continue
    questions.push({ cardKey: card.id, deckId: card.deckId, tags: [...card.tags], question: card.question, choice })
  }
  const ordered = shuffled(questions, input.random)
  return {
    id: input.id,
    deckIds: [...input.deckIds],
    settings,
    startedAt: input.now,
    endsAt: input.now + settings.timeLimitMinutes * MINUTE_MS,
    questions: ordered,
    answers: ordered.map(() => null)
  }
}

export function timeLeftMs(exam: MockExamSession, now: number): number {
  if (exam.finishedAt !== undefined) return 0
  return Math.max(0, exam.endsAt - now)
}

/** Records (or changes) an answer. After the exam ended, or for an option that does not exist, nothing changes. */
export function answerMockExamQuestion(
  exam: MockExamSession,
  questionIndex: number,
  optionIndex: number | null,
  now: number
): MockExamSession {
  if (exam.finishedAt !== undefined || now >= exam.endsAt) return exam
  const question = exam.questions[questionIndex]
  if (!question) return exam
  if (optionIndex !== null && !(Number.isInteger(optionIndex) && optionIndex >= 0 && optionIndex < question.choice.options.length)) {
    return exam
  }
  const answers = [...exam.answers]
  answers[questionIndex] = optionIndex
  return { ...exam, answers }
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
