import { shuffled, type Random } from '@core/practice/random'
import type { QuestionNote, SingleNote } from '@shared/deck/schema'

/**
 * An exam-style question as it is put to the user: its note, the scenario of its case study, and
 * the order its parts are shown in. Options (single and multiple), steps (ordering) and
 * responses (matching) are shuffled each time, so a question is answered from its content, not
 * from where the right option sat last time.
 */
export interface ShownQuestion {
  note: QuestionNote
  /** The case study's scenario, shown above the question. */
  scenario?: string
  /** Display position → index in the note: of an option, a step, or a matching response. */
  order: number[]
}

/**
 * What the user has answered so far, by display position:
 * - single, multiple: the positions picked;
 * - ordering: the positions of the steps in the order the user put them;
 * - matching: for each prompt (in the note's order), the position of its chosen response, or -1.
 */
export type QuestionResponse = readonly number[]

/**
 * A single-answer question as a card-made multiple choice is shaped (practice's multiple-choice
 * mode asks it with the same keys and grading): its options in shown order, with their reasons.
 */
export function singleAsChoice(note: SingleNote, cardKey: string, random: Random) {
  const order = shuffled(
    note.options.map((_, i) => i),
    random
  )
  const options = order.map((i) => ({ text: note.options[i]!.text, cardKey: `${cardKey}#${i}`, correct: note.options[i]!.correct }))
  return { options, correctIndex: options.findIndex((o) => o.correct), whys: order.map((i) => note.options[i]!.why) }
}

export function partsOf(note: QuestionNote): number {
  switch (note.type) {
    case 'single':
    case 'multiple':
      return note.options.length
    case 'ordering':
      return note.steps.length
    case 'matching':
      return note.pairs.length
  }
}

export function showQuestion(note: QuestionNote, random: Random, scenario?: string): ShownQuestion {
  const indices = Array.from({ length: partsOf(note) }, (_, i) => i)
  let order = shuffled(indices, random)
  // Steps shown already in order (or responses already beside their prompts) give the answer away.
  for (let tries = 0; note.type !== 'single' && note.type !== 'multiple' && isIdentity(order) && tries < 8; tries++) {
    order = shuffled(indices, random)
  }
  return { note, order, ...(scenario ? { scenario } : {}) }
}

const isIdentity = (order: readonly number[]) => order.every((v, i) => v === i)

export function emptyResponse(shown: ShownQuestion): QuestionResponse {
  return shown.note.type === 'matching' ? shown.note.pairs.map(() => -1) : []
}

/** How many options a multiple-response question asks for (stated in its stem); 1 for a single answer. */
function picksWanted(note: QuestionNote): number {
  if (note.type === 'single') return 1
  if (note.type === 'multiple') return note.options.filter((o) => o.correct).length
  return partsOf(note)
}

/**
 * The response after choosing display position `at`: a single answer takes it, a multiple
 * response toggles it, an ordering puts the step next (or takes it out again, with the steps
 * after it moving up).
 */
export function choose(shown: ShownQuestion, response: QuestionResponse, at: number): QuestionResponse {
  if (!Number.isInteger(at) || at < 0 || at >= shown.order.length) return response
  switch (shown.note.type) {
    case 'single':
      return [at]
    case 'multiple':
      return response.includes(at) ? response.filter((p) => p !== at) : [...response, at].sort((a, b) => a - b)
    case 'ordering':
      return response.includes(at) ? response.filter((p) => p !== at) : [...response, at]
    case 'matching':
      return response
  }
}

/** The response after matching prompt `prompt` with the response shown at `at` (-1 clears it). */
export function match(shown: ShownQuestion, response: QuestionResponse, prompt: number, at: number): QuestionResponse {
  if (shown.note.type !== 'matching' || prompt < 0 || prompt >= shown.order.length || at < -1 || at >= shown.order.length) return response
  return response.map((r, i) => (i === prompt ? at : r))
}

/** What still stops the response from being submitted, in words; null when it is complete. */
export function responseProblem(shown: ShownQuestion, response: QuestionResponse): string | null {
  const { note } = shown
  const wanted = picksWanted(note)
  switch (note.type) {
    case 'single':
      return response.length === 1 ? null : 'Choose an answer first.'
    case 'multiple':
      return response.length === wanted ? null : `Choose ${wanted} answers (${response.length} chosen).`
    case 'ordering':
      return response.length === wanted ? null : `Put all ${wanted} steps in order (${response.length} placed).`
    case 'matching': {
      const open = response.filter((r) => r < 0).length
      return open === 0 ? null : `Match every item (${open} left).`
    }
  }
}

export interface AnswerCheck {
  /** Right as the exam scores it: every part right, no partial credit. */
  correct: boolean
  /**
   * Per part: single and multiple, by display position, whether the option was treated right
   * (picked and right, or left and wrong); ordering, by place in the user's sequence, whether the
   * step is in its place; matching, by prompt, whether its response is its own.
   */
  marks: boolean[]
}

export function checkResponse(shown: ShownQuestion, response: QuestionResponse): AnswerCheck {
  const { note, order } = shown
  let marks: boolean[]
  switch (note.type) {
    case 'single':
    case 'multiple':
      marks = order.map((index, at) => note.options[index]!.correct === response.includes(at))
      break
    case 'ordering':
      marks = note.steps.map((_, place) => response[place] !== undefined && order[response[place]] === place)
      break
    case 'matching':
      marks = note.pairs.map((_, prompt) => response[prompt] !== undefined && response[prompt] >= 0 && order[response[prompt]] === prompt)
      break
  }
  return { correct: responseProblem(shown, response) === null && marks.every(Boolean), marks }
}

/** Chance of getting the question right by guessing blindly: the floor under any forecast of it. */
export function guessFloor(note: QuestionNote): number {
  switch (note.type) {
    case 'single':
      return 1 / note.options.length
    case 'multiple':
      return 1 / binomial(note.options.length, picksWanted(note))
    case 'ordering':
    case 'matching':
      return 1 / factorial(partsOf(note))
  }
}

/**
 * The guessing floor of a question type when only the type is known (a card record): the exam's
 * usual shape, 1 of 4, 2 of 5, 4 steps or 4 pairs. A fact card is asked on the exam as a single
 * answer, so `undefined` (a front/back card) is 1 of 4.
 */
export function typicalGuessFloor(type: QuestionNote['type'] | undefined): number {
  switch (type) {
    case 'multiple':
      return 1 / 10
    case 'ordering':
    case 'matching':
      return 1 / 24
    default:
      return 1 / 4
  }
}

function factorial(n: number): number {
  let f = 1
  for (let i = 2; i <= n; i++) f *= i
  return f
}

function binomial(n: number, k: number): number {
  let c = 1
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i
  return Math.round(c)
}
