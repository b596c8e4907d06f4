import { statedChoice } from '@shared/deck/markdown-questions'
import type { DeckProblem } from '@shared/deck/problems'
import { choose, isQuestionNote, type Deck } from '@shared/deck/schema'

/**
 * What a built-in deck must have beyond a valid deck: every note names the task statements it
 * serves (known to an exam blueprint) and the sources it was checked against; a multiple-response
 * stem says how many to choose; a case study has at least two questions.
 */
export function builtInProblems(deck: Deck, file: string, knownTasks: ReadonlySet<string>): DeckProblem[] {
  const problems: DeckProblem[] = []
  const say = (id: string, message: string) => problems.push({ file, message: `note "${id}": ${message}` })
  const questionsOfCase = new Map<string, number>()
  for (const note of deck.notes) {
    if (isQuestionNote(note) && note.case) questionsOfCase.set(note.case, (questionsOfCase.get(note.case) ?? 0) + 1)
  }
  for (const note of deck.notes) {
    if (!note.tasks?.length) say(note.id, 'names no task statement (@tasks)')
    for (const task of note.tasks ?? []) if (!knownTasks.has(task)) say(note.id, `the task statement "${task}" is in no exam blueprint`)
    if (!note.sources?.length) say(note.id, 'names no source (@source)')
    if (note.type === 'multiple') {
      const stated = statedChoice(note.stem)
      if (stated !== choose(note)) say(note.id, `the stem must say "(Choose ${choose(note)}.)": it has ${choose(note)} right options`)
    }
    if (note.type === 'case' && (questionsOfCase.get(note.id) ?? 0) < 2)
      say(note.id, 'a case study needs at least two questions that name it with @case')
  }
  return problems
}
