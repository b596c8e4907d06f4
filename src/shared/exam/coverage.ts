import { isQuestionNote, type Deck, type QuestionNote } from '@shared/deck/schema'
import type { Blueprint } from '@shared/exam/blueprint'
import { taskStatements, type TaskStatement } from '@shared/exam/task-statements'

export interface TaskCoverage {
  task: TaskStatement
  /** Front/back notes that name the task statement. */
  facts: number
  /** Exam-style questions that name it, and their formats. */
  questions: number
  formats: Array<QuestionNote['type']>
}

/** How many notes and questions each task statement of an exam has across the given decks. */
export function taskCoverage(blueprint: Blueprint, decks: readonly Deck[]): TaskCoverage[] {
  const rows = new Map(
    taskStatements(blueprint).map((task) => [task.key, { task, facts: 0, questions: 0, formats: new Set<QuestionNote['type']>() }])
  )
  for (const deck of decks)
    for (const note of deck.notes)
      for (const key of new Set(note.tasks ?? [])) {
        const row = rows.get(key)
        if (!row) continue
        if (note.type === 'basic') row.facts++
        else if (isQuestionNote(note)) {
          row.questions++
          row.formats.add(note.type)
        }
      }
  return [...rows.values()].map((r) => ({ ...r, formats: [...r.formats].sort() }))
}
