import { Queue, type StatsCard } from '@core/model'
import type { Accumulator } from '@core/stats/accumulator'
import { retrievabilityAt } from '@core/stats/retrievability'
import { BLUEPRINTS } from '@shared/exam/blueprints'
import { taskStatements } from '@shared/exam/task-statements'
import { State } from 'ts-fsrs'

/**
 * The statistics by what the exams weigh: for each exam guide that the cards name, each domain and
 * task statement with its cards, how many are studied, and their mean recall now (FSRS, with each
 * deck's own weights). A card counts for every task statement its note names.
 */

export interface TaskTally {
  cards: number
  studied: number
  recallSum: number
}

export interface AreaStats {
  key: string
  title: string
  /** Share of the exam, percent (domains) or 0–1 of the exam (task statements). */
  weight: number
  cards: number
  studied: number
  /** Mean recall of the studied cards now, 0–1; undefined when none is studied. */
  recall?: number
}

export interface ExamTaskStats {
  exam: string
  name: string
  domains: AreaStats[]
  tasks: AreaStats[]
}

export function createExamTasksAccumulator({
  now,
  weights
}: {
  now: number
  weights: (deckId: string) => readonly number[]
}): Accumulator<StatsCard, Map<string, TaskTally>> {
  const tally = new Map<string, TaskTally>()
  return {
    add(card) {
      if (!card.tasks || card.queue === Queue.Removed) return
      const studied = card.state !== State.New && card.last_review !== undefined
      const recall = studied ? retrievabilityAt(card, now, weights(card.deckId)) : 0
      for (const key of card.tasks) {
        let t = tally.get(key)
        if (!t) tally.set(key, (t = { cards: 0, studied: 0, recallSum: 0 }))
        t.cards++
        if (studied) {
          t.studied++
          t.recallSum += recall
        }
      }
    },
    result: () => tally
  }
}

/** Each exam guide with at least one card, by domain and task statement, in the guide's order. */
export function buildExamTaskStats(tally: ReadonlyMap<string, TaskTally>): ExamTaskStats[] {
  const out: ExamTaskStats[] = []
  for (const blueprint of BLUEPRINTS) {
    const tasks = taskStatements(blueprint)
    const rows = tasks.map((t) => ({ task: t, tally: tally.get(t.key) ?? { cards: 0, studied: 0, recallSum: 0 } }))
    if (rows.every((r) => r.tally.cards === 0)) continue
    const area = (key: string, title: string, weight: number, parts: TaskTally[]): AreaStats => {
      const cards = parts.reduce((n, p) => n + p.cards, 0)
      const studied = parts.reduce((n, p) => n + p.studied, 0)
      const recallSum = parts.reduce((n, p) => n + p.recallSum, 0)
      return { key, title, weight, cards, studied, ...(studied > 0 ? { recall: recallSum / studied } : {}) }
    }
    out.push({
      exam: blueprint.exam,
      name: blueprint.name,
      domains: blueprint.domains.map((d) =>
        area(
          d.id,
          d.name,
          d.weight,
          rows.filter((r) => r.task.domain.id === d.id).map((r) => r.tally)
        )
      ),
      tasks: rows.map((r) => area(r.task.id, r.task.title, r.task.share, [r.tally]))
    })
  }
  return out
}
