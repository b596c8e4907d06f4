import { Queue, type CardRecord } from '@core/model'
import { normaliseAnswer, shapeDistance } from '@core/practice/answer-text'
import { shuffled, type Random } from '@core/practice/random'

/**
 * A multiple-choice question made from a study card: its question, its answer as the right
 * option, and wrong options ("distractors") taken from the answers of other cards of its deck.
 * A reversed card already has question and answer swapped, so the same code asks "which service
 * does this?" with service names as options and "what does this service do?" with purposes.
 */
export type ChoiceCard = Pick<CardRecord, 'id' | 'deckId' | 'cardId' | 'reverse' | 'answer' | 'tags'> & Partial<Pick<CardRecord, 'queue'>>

export interface ChoiceOption {
  text: string
  cardKey: string
  correct: boolean
}

export interface MultipleChoice {
  /** In the order shown. Empty when the deck has no other answer to offer. */
  options: ChoiceOption[]
  /** Index of the right option, -1 when `options` is empty. */
  correctIndex: number
  /** Some wrong options share no tag with the card: they may be easy to rule out. */
  fellBack: boolean
  /** Why there are fewer options than asked for, in words to show on screen. */
  reason?: string
}

export const DEFAULT_OPTION_COUNT = 4
const MIN_OPTION_COUNT = 2

interface Candidate {
  card: ChoiceCard
  normalised: string
  sharedTags: number
  sameDirection: boolean
  shape: number
}

/**
 * Builds a question for `target` from `pool` (the cards of its deck; cards of other decks, the
 * target itself and its other direction are never used). Wrong options are ranked: sharing a
 * tag with the target first, then the same direction (so every option is of one kind), then the
 * most shared tags, then a similar shape (line count, name vs sentence); ties are broken by the
 * seeded random so that the same card gets varied options from one session to the next.
 *
 * Direction ranks above the number of shared tags: an option of the other kind (a purpose among
 * service names) gives the answer away, whatever tags it shares.
 */
export function buildMultipleChoice(
  target: ChoiceCard,
  pool: readonly ChoiceCard[],
  random: Random,
  optionCount = DEFAULT_OPTION_COUNT
): MultipleChoice {
  const wanted = Math.max(MIN_OPTION_COUNT, Math.floor(optionCount)) - 1
  const right = normaliseAnswer(target.answer)
  const targetTags = new Set(target.tags)

  const candidates: Candidate[] = []
  for (const card of pool) {
    if (card.deckId !== target.deckId || card.cardId === target.cardId || card.queue === Queue.Removed) continue
    const normalised = normaliseAnswer(card.answer)
    if (normalised === '' || normalised === right) continue
    candidates.push({
      card,
      normalised,
      sharedTags: card.tags.filter((t) => targetTags.has(t)).length,
      sameDirection: card.reverse === target.reverse,
      shape: shapeDistance(card.answer, target.answer)
    })
  }
  // Shuffle first, then a stable sort: equally good candidates keep a random order.
  const ranked = shuffled(candidates, random).sort(
    (a, b) =>
      Number(b.sharedTags > 0) - Number(a.sharedTags > 0) ||
      Number(b.sameDirection) - Number(a.sameDirection) ||
      b.sharedTags - a.sharedTags ||
      a.shape - b.shape
  )

  const seen = new Set([right])
  const distractors: Candidate[] = []
  for (const candidate of ranked) {
    if (distractors.length === wanted) break
    if (seen.has(candidate.normalised)) continue
    seen.add(candidate.normalised)
    distractors.push(candidate)
  }

  if (distractors.length === 0) {
    return { options: [], correctIndex: -1, fellBack: true, reason: 'No other answers in this deck to choose from' }
  }
  const options = shuffled(
    [
      { text: target.answer, cardKey: target.id, correct: true },
      ...distractors.map((d) => ({ text: d.card.answer, cardKey: d.card.id, correct: false }))
    ],
    random
  )
  const choice: MultipleChoice = {
    options,
    correctIndex: options.findIndex((o) => o.correct),
    fellBack: distractors.some((d) => d.sharedTags === 0)
  }
  if (distractors.length < wanted) {
    const n = distractors.length
    choice.reason = `Only ${n} other answer${n === 1 ? '' : 's'} in this deck`
  }
  return choice
}
