import type { SchedulingState, StoredReviewLog } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { forgetState, previewGrades, type Scheduler } from '@core/scheduling/scheduler'
import type { AnkiCardHistory, AnkiReview } from '@shared/deck/apkg-history'
import { DAY_MS } from '@shared/durations'
import { plural, wasWere } from '@shared/plural'
import { State, type Grade } from 'ts-fsrs'

/**
 * An Anki card's history as Recall's: its review log rows and the state it studies on from.
 *
 * The grades are replayed through the deck's scheduler, one by one as the study screen would
 * have answered them, so each log row carries the memory state before it. The rows keep what
 * Anki recorded (the button, the moment, the time taken, whether it was a learning or a review
 * answer and the interval before it), which the statistics and the optimizer read. Left out, as
 * Anki's FSRS leaves them out (rslib `reviews_for_fsrs`): manual entries (set due date,
 * reschedule) and answers in a filtered deck that did not reschedule (cram). A reset (Anki's
 * Forget, or learning begun again) becomes Recall's reset row, so the history starts over there.
 *
 * The card's state: Anki's FSRS memory (`cards.data` `s`, `d`) when present, else the replay's;
 * Anki's own due date and interval, so the card comes up when Anki would have shown it.
 */
export interface ImportedCard {
  state: SchedulingState
  suspended: boolean
  /** In time order; `duration` is Anki's answer time. Reset rows have rating Manual. */
  logs: Array<StoredReviewLog & { duration: number; manual?: 'reset' }>
  /** Graded rows among `logs`. */
  grades: number
  /** Manual changes and cram answers left out. */
  leftOut: number
}

const MANUAL = 4
const RESCHEDULED = 5
const FILTERED = 3
const LEARNING = 0

const isCram = (r: AnkiReview) => r.type === FILTERED && r.factor === 0
const isGrade = (r: AnkiReview) => r.ease >= 1 && r.ease <= 4 && r.type !== MANUAL && r.type !== RESCHEDULED && !isCram(r)
/** Anki logs a Forget as a manual row that leaves the card without an ease factor. */
const isReset = (r: AnkiReview) => r.type === MANUAL && r.factor === 0

const STATES = [State.New, State.Learning, State.Review, State.Relearning] as const

/**
 * Where the card's current memory starts, as Anki finds it walking back from the last answer: the
 * first of its last run of learning answers, else the first answer after its last reset. Undefined
 * when it has not been answered since a reset.
 */
function historyStart(reviews: readonly AnkiReview[]): { start?: number; reset?: number } {
  let firstLearn: number | undefined
  let firstGrade: number | undefined
  for (let i = reviews.length - 1; i >= 0; i--) {
    const r = reviews[i]!
    if (isCram(r)) continue
    const graded = isGrade(r)
    if (graded) firstGrade = i
    if (graded && r.type === LEARNING) firstLearn = i
    else if (firstLearn !== undefined) return { start: firstLearn, ...(isReset(r) ? { reset: i } : {}) }
    else if (isReset(r)) return { ...(firstGrade !== undefined ? { start: firstGrade } : {}), reset: i }
  }
  const start = firstLearn ?? firstGrade
  return start === undefined ? {} : { start }
}

export function importAnkiCard(scheduler: Scheduler, card: AnkiCardHistory, collectionCreated: number, now: number): ImportedCard {
  const { reviews } = card
  const { start, reset } = historyStart(reviews)
  const graded = reviews.filter(isGrade)
  const hasGradeBefore = (index: number) => reviews.slice(0, index).some(isGrade)
  // The reset row: at Anki's own reset entry, or just before learning began again.
  const resetAt = reset !== undefined ? reset : start !== undefined && hasGradeBefore(start) ? start : undefined
  const logs: ImportedCard['logs'] = []
  let current: SchedulingState | null = null
  let leftOut = 0
  for (const [i, review] of reviews.entries()) {
    let resetHere = false
    if (i === resetAt && current) {
      const at = i === reset ? review.at : review.at - 1
      const { log } = forgetState(scheduler, current, at)
      logs.push({ ...log, manual: 'reset', duration: 0 })
      current = null
      resetHere = i === reset
    }
    if (!isGrade(review)) {
      if (!resetHere) leftOut++
      continue
    }
    const before: SchedulingState = current ?? newSchedulingState(review.at)
    const outcome = previewGrades(scheduler, before, review.at)[review.ease as Grade]
    logs.push({
      ...outcome.log,
      state: stateOfAnswer(review, before),
      scheduled_days: review.lastIvl > 0 ? review.lastIvl : 0,
      duration: review.timeMs
    })
    current = outcome.next
  }

  const suspended = card.queue === -1
  const ankiState = STATES[card.type] ?? State.New
  const replayed: SchedulingState | null = start !== undefined ? current : null
  const memory = card.memory ?? (replayed ? { stability: replayed.stability, difficulty: replayed.difficulty } : undefined)
  const counts = { reps: card.reps, lapses: card.lapses }
  const result = { suspended, logs, grades: graded.length, leftOut }
  if (ankiState === State.New || !memory) return { ...result, state: { ...newSchedulingState(now), ...counts } }

  const lastGrade = graded.at(-1)?.at
  const reviewing = ankiState === State.Review
  const lastReview = lastGrade ?? now - Math.max(0, card.ivl) * DAY_MS
  const state: SchedulingState = {
    ...(replayed ?? newSchedulingState(lastReview)),
    ...counts,
    state: ankiState,
    stability: memory.stability,
    difficulty: memory.difficulty,
    due: ankiDue(scheduler, card, collectionCreated, lastReview),
    scheduled_days: reviewing ? Math.max(0, card.ivl) : 0,
    learning_steps: reviewing ? 0 : (replayed?.learning_steps ?? 0),
    last_review: lastReview
  }
  return { ...result, state }
}

/** The card's state before an answer, as Anki's revlog types it (a first learning answer is of a new card). */
function stateOfAnswer(review: AnkiReview, before: SchedulingState): State {
  switch (review.type) {
    case LEARNING:
      return before.state === State.New ? State.New : State.Learning
    case 1:
      return State.Review
    case 2:
      return State.Relearning
    default:
      return review.lastIvl > 0 ? State.Review : State.Learning
  }
}

/**
 * Anki's due as a real time. Learning cards: epoch seconds. Review (and day-learning) cards: a day
 * number counted from the collection's creation day (`col.crt`, the start of that study day),
 * placed on the same study day on Recall's clock at the time of day of the last answer.
 */
function ankiDue(scheduler: Scheduler, card: AnkiCardHistory, collectionCreated: number, lastReview: number): number {
  if (card.due > 1_000_000_000) return card.due * 1000
  const { clock } = scheduler
  const timeOfDay = ((clock.toClock(lastReview) % DAY_MS) + DAY_MS) % DAY_MS
  // Half a day in: `crt` is the start of a study day in the author's time zone, which may be a few hours from ours.
  const day = collectionCreated > 0 ? clock.dayNumber(collectionCreated + DAY_MS / 2) + card.due : clock.dayNumber(lastReview) + card.ivl
  return clock.fromClock(day * DAY_MS + timeOfDay)
}

/** What bringing a package's history did, for the import's message. */
export interface HistorySummary {
  /** Graded answers written to the review log, and the cards they are of. */
  reviews: number
  cards: number
  /** Cards that had Recall progress already: they kept it and took no Anki history. */
  kept: number
  /** Answers of cards that did not come in (not imported, or deleted in Anki). */
  notImportedReviews: number
  notImportedCards: number
  /** Manual changes and cram answers left out. */
  leftOut: number
}

/** "Brought 240 reviews of 30 cards from Anki; 12 reviews of 3 cards that were not imported were left out; …" */
export function describeHistory(s: HistorySummary): string {
  const parts = [`Brought ${plural(s.reviews, 'review')} of ${plural(s.cards, 'card')} from Anki`]
  if (s.notImportedReviews > 0) {
    parts.push(
      `${plural(s.notImportedReviews, 'review')} of ${plural(s.notImportedCards, 'card')} that ${wasWere(s.notImportedCards)} not imported ${wasWere(s.notImportedReviews)} left out`
    )
  }
  if (s.leftOut > 0) {
    parts.push(`${plural(s.leftOut, 'manual change or cram answer', 'manual changes and cram answers')} ${wasWere(s.leftOut)} left out`)
  }
  if (s.kept > 0) parts.push(`${plural(s.kept, 'card')} kept ${s.kept === 1 ? 'its' : 'their'} Recall progress`)
  return `${parts.join('; ')}.`
}
