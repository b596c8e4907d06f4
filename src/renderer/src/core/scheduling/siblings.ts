import { DEFAULT_STUDY_OPTIONS, noteKeyOfCardKey, Queue, type CardRecord, type StudyOptions } from '@core/model'
import type { StudyDay } from '@core/time/study-day'

/**
 * Siblings, as Anki calls them: the cards of one note (a basic note's two directions, a cloze
 * note's `c1`, `c2`…). Their key is the card key without `/reverse` or `/cN` (`noteKeyOfCardKey`).
 * Studied the same day, one gives the other away, so, as Anki does with its burying options:
 *
 * - today's queue gathers at most one card of a note, the first by priority: learning cards
 *   (all of them, as Anki gathers its intraday learning), then reviews, then new cards;
 * - answering a card buries its siblings still waiting today as new cards, reviews or interday
 *   learning cards until the next study day.
 *
 * Each kind is its own option of the deck's preset.
 */
export type BuryOptions = Pick<StudyOptions, 'buryNewSiblings' | 'buryReviewSiblings' | 'buryInterdayLearningSiblings'>

/** The options as stored, a missing one (a preset saved before they existed) read as its default. */
export function buryOptionsOf(options: Partial<BuryOptions>): BuryOptions {
  return {
    buryNewSiblings: options.buryNewSiblings ?? DEFAULT_STUDY_OPTIONS.buryNewSiblings,
    buryReviewSiblings: options.buryReviewSiblings ?? DEFAULT_STUDY_OPTIONS.buryReviewSiblings,
    buryInterdayLearningSiblings: options.buryInterdayLearningSiblings ?? DEFAULT_STUDY_OPTIONS.buryInterdayLearningSiblings
  }
}

export function buriesAny(options: BuryOptions): boolean {
  return options.buryNewSiblings || options.buryReviewSiblings || options.buryInterdayLearningSiblings
}

/**
 * The first `limit` of `ids` (card keys, in the order they are gathered) that today's queue takes:
 * with `bury`, a card is skipped when a card of its note is in `gathered` or was taken before it.
 * Skipped cards do not count against the limit, as in Anki.
 */
export function takeApartFromSiblings(ids: readonly string[], gathered: ReadonlySet<string>, bury: boolean, limit: number): string[] {
  if (!bury) return ids.slice(0, Math.max(0, limit))
  const taken: string[] = []
  const notes = new Set<string>()
  for (const id of ids) {
    if (taken.length >= limit) break
    const note = noteKeyOfCardKey(id)
    if (gathered.has(note) || notes.has(note)) continue
    notes.add(note)
    taken.push(id)
  }
  return taken
}

/** The notes of these cards, added to `gathered`. */
export function gatherNotes(gathered: Set<string>, ids: Iterable<string>): Set<string> {
  for (const id of ids) gathered.add(noteKeyOfCardKey(id))
  return gathered
}

/**
 * A learning card carried over from an earlier study day (Anki's interday learning: a step of a
 * day or more, or a step left unfinished), as opposed to one answered today.
 */
export function isInterdayLearning(card: Pick<CardRecord, 'queue' | 'last_review'>, day: StudyDay): boolean {
  return card.queue === Queue.Learning && (card.last_review === undefined || card.last_review < day.start)
}

/**
 * The siblings that answering `answered` buries, as they will be stored: those still waiting
 * today as a new card, a review or an interday learning card, each if its option is on.
 */
export function siblingsToBury(
  answered: Pick<CardRecord, 'id'>,
  siblings: readonly CardRecord[],
  day: StudyDay,
  options: BuryOptions
): CardRecord[] {
  const buries = (c: CardRecord) =>
    (c.queue === Queue.New && options.buryNewSiblings) ||
    (c.queue === Queue.Review && c.due < day.end && options.buryReviewSiblings) ||
    (c.queue === Queue.Learning && c.due < day.end && isInterdayLearning(c, day) && options.buryInterdayLearningSiblings)
  return siblings.filter((c) => c.id !== answered.id && buries(c)).map((c) => ({ ...c, queue: Queue.Buried, buriedUntil: day.end }))
}
