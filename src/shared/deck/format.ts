/**
 * The constants and checks of Recall's deck format that the app needs at every start, without
 * the validating schema (schema.ts, built on zod), which only imports and authoring load.
 */
export const DECK_FORMAT = 'recall-deck'
export const DECK_VERSION = 2

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/
export const MAX_FIELD_CHARS = 20_000

/** An exam code and a task statement number: "AIF-C01 1.1", "MLA-C02 3.2". */
export const TASK_PATTERN = /^[A-Z]{2,4}-[A-Z]\d{2} \d{1,2}\.\d{1,2}$/

/** The note types of exam-style questions (schema.ts defines their fields). */
const QUESTION_TYPES = ['single', 'multiple', 'ordering', 'matching'] as const
type QuestionType = (typeof QUESTION_TYPES)[number]

/** Whether a note is an exam-style question; narrows a `Note` to a `QuestionNote`. */
export function isQuestionNote<N extends { type: string }>(note: N): note is Extract<N, { type: QuestionType }> {
  return (QUESTION_TYPES as readonly string[]).includes(note.type)
}
