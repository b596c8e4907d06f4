import { Queue, type CardRecord } from '@core/model'
import { lineCount, normaliseAnswer, sameMeaning } from '@core/practice/answer-text'
import { shuffled, type Random } from '@core/practice/random'

/**
 * A multiple-choice question made from a front/back study card: its question, its answer as the
 * right option, and wrong options ("distractors") taken from the answers of related cards. A
 * reversed card already has question and answer swapped, so the same code asks "which service
 * does this?" with service names as options and "what does this service do?" with purposes.
 */
export type ChoiceCard = Pick<CardRecord, 'id' | 'deckId' | 'cardId' | 'reverse' | 'question' | 'answer' | 'tags'> &
  Partial<Pick<CardRecord, 'queue' | 'tasks' | 'kind' | 'confusable' | 'noteType' | 'cloze'>>

export interface ChoiceOption {
  text: string
  cardKey: string
  correct: boolean
}

export interface MultipleChoice {
  /** In the order shown. Empty when the card cannot be asked as multiple choice (`reason` says why). */
  options: ChoiceOption[]
  /** Index of the right option, -1 when `options` is empty. */
  correctIndex: number
  /** Why the card is not asked as multiple choice, in words to show on screen. */
  reason?: string
}

export const DEFAULT_OPTION_COUNT = 4
const MIN_OPTION_COUNT = 2

interface Candidate {
  card: ChoiceCard
  normalised: string
  confusable: boolean
  sharedTasks: number
  sharedTags: number
  /** How far the option's length is from the answer's, as |log(ratio)|: 0 for the same length. */
  lengthGap: number
}

/** An option much longer or shorter than the others stands out; past this ratio it is not offered. */
const MAX_LENGTH_RATIO = 3

/**
 * Builds a question for `target` (a front/back card) from `pool`. A wrong option is good when it:
 * - is another note's card, asked the same way round (a service name for a service name, a
 *   purpose for a purpose), never the target's own other direction;
 * - is of the same kind as the target (`kind`: a service or feature for a service, a metric for a metric)
 *   and the same shape: a list for a list of about as many lines, a line of similar length;
 * - is related: declared confusable with the target, or serving one of its exam task statements
 *   (for notes without task statements: sharing a tag; for notes with neither: the same deck);
 * - is not also right: a card asking the same question with another answer is left out;
 * - says something the other options do not: the same text (spacing, case, emphasis aside) or
 *   nearly the same words as the answer or another option is left out.
 * The good options are ranked declared confusions first, then shared task statements, shared
 * tags and closeness in length; ties are broken by the seeded random, so a card gets varied
 * options from one session to the next. With fewer good options than asked for, the card is not
 * asked as multiple choice at all: a weak option would make the question easy and the score flatter.
 */
export function buildMultipleChoice(
  target: ChoiceCard,
  pool: readonly ChoiceCard[],
  random: Random,
  optionCount = DEFAULT_OPTION_COUNT
): MultipleChoice {
  const wanted = Math.max(MIN_OPTION_COUNT, Math.floor(optionCount)) - 1
  if (target.noteType) return notAsked('An exam-style question is asked with its own options')
  // A cloze's answer is its whole text: other texts as options would give it away by their shape.
  if (target.cloze !== undefined) return notAsked('A cloze is asked as a flashcard')
  const question = normaliseAnswer(target.question)
  const targetTasks = new Set(target.tasks ?? [])
  const targetTags = new Set(target.tags)
  const confusable = new Set(target.confusable ?? [])
  const targetLines = lineCount(target.answer)

  const candidates: Candidate[] = []
  for (const card of pool) {
    if (card.noteType || card.cloze !== undefined || card.queue === Queue.Removed || card.reverse !== target.reverse) continue
    if (card.deckId === target.deckId && card.cardId === target.cardId) continue
    if (kindFamily(target.kind) !== kindFamily(card.kind)) continue
    const normalised = normaliseAnswer(card.answer)
    if (normalised === '' || normaliseAnswer(card.question) === question) continue
    const lines = lineCount(card.answer)
    if (lines > 1 !== targetLines > 1 || Math.abs(lines - targetLines) > Math.max(2, targetLines / 3)) continue
    const lengthGap = Math.abs(Math.log(Math.max(1, card.answer.trim().length) / Math.max(1, target.answer.trim().length)))
    if (lines === 1 && lengthGap > Math.log(MAX_LENGTH_RATIO)) continue
    const declared = card.deckId === target.deckId && (confusable.has(card.cardId) || (card.confusable ?? []).includes(target.cardId))
    const sharedTasks = (card.tasks ?? []).filter((t) => targetTasks.has(t)).length
    const sharedTags = card.tags.filter((t) => targetTags.has(t)).length
    const related =
      declared || (targetTasks.size > 0 ? sharedTasks > 0 : targetTags.size > 0 ? sharedTags > 0 : card.deckId === target.deckId)
    if (!related) continue
    candidates.push({ card, normalised, confusable: declared, sharedTasks, sharedTags, lengthGap })
  }
  // Shuffle first, then a stable sort: equally good candidates keep a random order.
  const ranked = shuffled(candidates, random).sort(
    (a, b) =>
      Number(b.confusable) - Number(a.confusable) ||
      b.sharedTasks - a.sharedTasks ||
      b.sharedTags - a.sharedTags ||
      Math.round((a.lengthGap - b.lengthGap) * 4)
  )

  const chosen: Candidate[] = []
  const texts = [target.answer]
  for (const candidate of ranked) {
    if (chosen.length === wanted) break
    if (texts.some((t) => sameMeaning(t, candidate.card.answer))) continue
    texts.push(candidate.card.answer)
    chosen.push(candidate)
  }

  if (chosen.length < wanted) {
    const n = chosen.length
    return notAsked(
      n === 0
        ? 'No related answer to offer as a wrong option: asked as a flashcard'
        : `Only ${n} good wrong option${n === 1 ? '' : 's'} for this card: asked as a flashcard`
    )
  }
  const options = shuffled(
    [
      { text: target.answer, cardKey: target.id, correct: true },
      ...chosen.map((d) => ({ text: d.card.answer, cardKey: d.card.id, correct: false }))
    ],
    random
  )
  return { options, correctIndex: options.findIndex((o) => o.correct) }
}

/**
 * Kinds whose options read alike: an AWS service and a feature of one (SageMaker Data Wrangler
 * beside AWS Glue DataBrew) are both product names, and a learner must tell them apart.
 */
function kindFamily(kind: string | undefined): string {
  return kind === 'feature' ? 'service' : (kind ?? '')
}

function notAsked(reason: string): MultipleChoice {
  return { options: [], correctIndex: -1, reason }
}
