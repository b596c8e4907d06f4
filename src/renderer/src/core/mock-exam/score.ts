import type { FinishedMockExam, MockExamSession } from '@core/mock-exam/simulation'
import type { MockExamResult } from '@core/model'

interface TagScore {
  tag: string
  total: number
  correct: number
  percent: number
}

interface MissedQuestion {
  cardKey: string
  question: string
  /** The option chosen, undefined when the question was left unanswered. */
  chosen?: string
  rightAnswer: string
}

export interface MockExamScore {
  total: number
  answered: number
  correct: number
  /** Percent correct, to one decimal place. */
  score: number
  passed: boolean
  /** Weakest topics first. */
  byTag: TagScore[]
  /** Wrong and unanswered questions, in exam order. */
  missed: MissedQuestion[]
}

const percent = (correct: number, total: number) => (total === 0 ? 0 : Math.round((correct * 1000) / total) / 10)

/** Scores the answers given so far; an unanswered question counts as wrong, as in the real exam. */
export function scoreMockExam(exam: MockExamSession): MockExamScore {
  const tags = new Map<string, { total: number; correct: number }>()
  const missed: MissedQuestion[] = []
  let correct = 0
  let answered = 0
  exam.questions.forEach((question, i) => {
    const chosen = exam.answers[i] ?? null
    const right = chosen !== null && chosen === question.choice.correctIndex
    if (chosen !== null) answered++
    if (right) correct++
    else {
      const chosenText = chosen === null ? undefined : question.choice.options[chosen]?.text
      missed.push({
        cardKey: question.cardKey,
        question: question.question,
        ...(chosenText !== undefined ? { chosen: chosenText } : {}),
        rightAnswer: question.choice.options[question.choice.correctIndex]?.text ?? ''
      })
    }
    for (const tag of question.tags) {
      const t = tags.get(tag) ?? { total: 0, correct: 0 }
      t.total++
      if (right) t.correct++
      tags.set(tag, t)
    }
  })
  const total = exam.questions.length
  const byTag = [...tags].map(([tag, t]) => ({ tag, ...t, percent: percent(t.correct, t.total) }))
  byTag.sort((a, b) => a.percent - b.percent || a.tag.localeCompare(b.tag))
  return {
    total,
    answered,
    correct,
    score: percent(correct, total),
    // Compared exactly, not on the rounded score: 71.96 % is not a pass at 72 %.
    passed: total > 0 && correct * 100 >= exam.settings.passMarkPercent * total,
    byTag,
    missed
  }
}

export function mockExamResult(exam: FinishedMockExam, score: MockExamScore = scoreMockExam(exam)): MockExamResult {
  return {
    id: exam.id,
    startedAt: exam.startedAt,
    finishedAt: exam.finishedAt,
    finishedBy: exam.finishedBy,
    deckIds: [...exam.deckIds],
    total: score.total,
    correct: score.correct,
    score: score.score,
    passMarkPercent: exam.settings.passMarkPercent,
    passed: score.passed,
    missedCardKeys: score.missed.map((m) => m.cardKey)
  }
}

/**
 * The cards to send back to relearning after a simulation: every missed one, once. Only the
 * selection lives here; the database layer applies it (as an Again, or a reset) in one transaction.
 */
export function cardsToRelearn(result: Pick<MockExamResult, 'missedCardKeys'>): string[] {
  return [...new Set(result.missedCardKeys)]
}
