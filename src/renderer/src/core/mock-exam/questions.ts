import type { CardRecord } from '@core/model'
import { buildMultipleChoice, type ChoiceCard } from '@core/practice/multiple-choice'
import type { Random } from '@core/practice/random'
import { showQuestion, type ShownQuestion } from '@core/questions/question'
import type { QuestionNote } from '@shared/deck/schema'

/** A card an exam can ask: a front/back card (asked as multiple choice) or the card of an exam-style question. */
export type ExamCard = ChoiceCard & Partial<Pick<CardRecord, 'extra'>>

/** One question of a mock exam, as shown and scored. */
export interface MockExamQuestion {
  cardKey: string
  deckId: string
  tags: string[]
  /** The exam task statements its note serves ("AIF-C01 1.1"). */
  tasks: string[]
  shown: ShownQuestion
  /** Made from a front/back card, with wrong options from related cards, rather than written as an exam question. */
  fromCard?: boolean
}

/** An exam-style question's note, and the scenario of its case study. */
export interface QuestionSource {
  note: QuestionNote
  scenario?: string
}

/**
 * The question a card makes, or undefined when it makes none: an exam-style question is asked as
 * written (its parts shuffled); a front/back card as a single answer of `optionCount`, whose wrong
 * options come from related cards of `pool` and explain themselves by the card they answer.
 */
export function examQuestionOf(
  card: ExamCard,
  input: { pool: readonly ExamCard[]; questions: ReadonlyMap<string, QuestionSource>; random: Random; optionCount: number }
): MockExamQuestion | undefined {
  const base = { cardKey: card.id, deckId: card.deckId, tags: [...card.tags], tasks: [...(card.tasks ?? [])] }
  if (card.noteType) {
    const source = input.questions.get(card.id)
    return source ? { ...base, shown: showQuestion(source.note, input.random, source.scenario) } : undefined
  }
  const choice = buildMultipleChoice(card, input.pool, input.random, input.optionCount)
  if (choice.options.length === 0) return undefined
  const questionOf = new Map(input.pool.map((c) => [c.id, c.question]))
  const note: QuestionNote = {
    id: card.cardId,
    type: 'single',
    stem: card.question,
    options: choice.options.map((o) => ({
      text: o.text,
      correct: o.correct,
      why: o.correct
        ? card.extra?.trim()
          ? card.extra
          : 'This is the answer the card gives.'
        : `This answers another card: “${questionOf.get(o.cardKey) ?? ''}”`
    })),
    tags: card.tags
  }
  // The options are already in a random order.
  return { ...base, shown: { note, order: note.options.map((_, i) => i) }, fromCard: true }
}
