import type { FinishedMockExam, MockExamSession } from '@core/mock-exam/simulation'
import type { MockExamResult } from '@core/model'
import { checkResponse } from '@core/questions/question'
import type { Blueprint } from '@shared/exam/blueprint'
import { taskStatements } from '@shared/exam/task-statements'
import { blueprintOf } from '@shared/exam/blueprints'

/** Questions right out of asked, for a domain, a task statement or a tag. */
interface AreaScore {
  key: string
  name: string
  /** A domain's weight in the exam, percent. */
  weight?: number
  total: number
  correct: number
  percent: number
}

export interface MockExamScore {
  total: number
  answered: number
  correct: number
  /** Percent correct, to one decimal place. */
  score: number
  /**
   * For an exam with a guide: the score on the exam's scale (100–1000), as a straight line from
   * the share right. AWS does not publish how it scales scores, so this is an estimate.
   */
  scaledScore?: number
  passingScore?: number
  passed: boolean
  /** By the guide's domains and task statements, in the guide's order; empty without a guide. */
  byDomain: AreaScore[]
  byTask: AreaScore[]
  /** By topic (first tag) for an exam without a guide; weakest first. */
  byTag: AreaScore[]
  /** Indices of the wrong and unanswered questions, in exam order. */
  missed: number[]
  /** Per question, whether it was answered right. */
  right: boolean[]
}

const percent = (correct: number, total: number) => (total === 0 ? 0 : Math.round((correct * 1000) / total) / 10)

/** Scores the answers given so far. An unanswered or half-answered question counts as wrong, as on the exam. */
export function scoreMockExam(exam: MockExamSession): MockExamScore {
  const right = exam.questions.map((q, i) => {
    const response = exam.responses[i]
    return response !== null && response !== undefined && checkResponse(q.shown, response).correct
  })
  const answered = exam.responses.filter((r) => r !== null).length
  const correct = right.filter(Boolean).length
  const total = exam.questions.length
  const blueprint = exam.settings.exam ? blueprintOf(exam.settings.exam) : undefined
  const score = percent(correct, total)
  const missed = right.flatMap((r, i) => (r ? [] : [i]))
  if (!blueprint) {
    return {
      total,
      answered,
      correct,
      score,
      // Compared exactly, not on the rounded score: 71.96 % is not a pass at 72 %.
      passed: total > 0 && correct * 100 >= exam.settings.passMarkPercent * total,
      byDomain: [],
      byTask: [],
      byTag: byTag(exam, right),
      missed,
      right
    }
  }
  const scaledScore = scaled(blueprint, total === 0 ? 0 : correct / total)
  return {
    total,
    answered,
    correct,
    score,
    scaledScore,
    passingScore: blueprint.delivery.passingScore,
    passed: total > 0 && scaledScore >= blueprint.delivery.passingScore,
    ...byArea(exam, blueprint, right),
    byTag: [],
    missed,
    right
  }
}

/** The exam's scale, 100–1000, as a straight line through the share right (rounded down, as a score is not rounded up). */
function scaled(blueprint: Blueprint, share: number): number {
  const [low, high] = blueprint.delivery.scoreRange
  return Math.floor(low + (high - low) * share)
}

function byArea(exam: MockExamSession, blueprint: Blueprint, right: boolean[]): Pick<MockExamScore, 'byDomain' | 'byTask'> {
  const tasks = taskStatements(blueprint)
  const domain = new Map(blueprint.domains.map((d) => [d.id, { total: 0, correct: 0 }]))
  const task = new Map(tasks.map((t) => [t.key, { total: 0, correct: 0 }]))
  exam.questions.forEach((q, i) => {
    const key = q.tasks.find((t) => task.has(t))
    if (!key) return
    const t = task.get(key)!
    const d = domain.get(key.split(' ')[1]!.split('.')[0]!)!
    t.total++
    d.total++
    if (right[i]) {
      t.correct++
      d.correct++
    }
  })
  return {
    byDomain: blueprint.domains.map((d) => {
      const s = domain.get(d.id)!
      return { key: d.id, name: d.name, weight: d.weight, ...s, percent: percent(s.correct, s.total) }
    }),
    byTask: tasks.map((t) => {
      const s = task.get(t.key)!
      return { key: t.key, name: t.title, ...s, percent: percent(s.correct, s.total) }
    })
  }
}

function byTag(exam: MockExamSession, right: boolean[]): AreaScore[] {
  const tags = new Map<string, { total: number; correct: number }>()
  exam.questions.forEach((q, i) => {
    const tag = q.tags[0]
    if (!tag) return
    const t = tags.get(tag) ?? { total: 0, correct: 0 }
    t.total++
    if (right[i]) t.correct++
    tags.set(tag, t)
  })
  return [...tags]
    .map(([tag, t]) => ({ key: tag, name: tag, ...t, percent: percent(t.correct, t.total) }))
    .sort((a, b) => a.percent - b.percent || a.key.localeCompare(b.key))
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
    missedCardKeys: score.missed.map((i) => exam.questions[i]!.cardKey),
    ...(exam.settings.exam ? { exam: exam.settings.exam } : {}),
    ...(score.scaledScore !== undefined ? { scaledScore: score.scaledScore } : {}),
    ...(score.byDomain.length ? { byDomain: score.byDomain.map(({ key, total, correct }) => ({ domain: key, total, correct })) } : {})
  }
}

/**
 * The cards to send back to relearning after a simulation: every missed one, once. Only the
 * selection lives here; the database layer applies it (as an Again, or a reset) in one transaction.
 */
export function cardsToRelearn(result: Pick<MockExamResult, 'missedCardKeys'>): string[] {
  return [...new Set(result.missedCardKeys)]
}
