import { Queue, queueForState, type CardRecord, type ReviewRecord, type SchedulingState } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { gradesSinceReset, type HistoryEntry } from '@core/scheduling/reschedule'
import { nextState, type Scheduler } from '@core/scheduling/scheduler'
import { Rating, State } from 'ts-fsrs'

/**
 * The invariants "Check collection" holds every card to, as pure functions. They follow from how
 * the app writes: a grade adds one log row and one rep (a lapse when it is Again on a Review
 * card); a reset (Manual 'reset') starts reps and lapses at 0; a Manual 'reschedule' row may add
 * a rep (FSRS rescheduling does, sending to relearning does not) but never a lapse.
 */

export type RepairKind = 'cardWithoutDeck' | 'impossibleState' | 'queueMismatch' | 'strayBuriedUntil' | 'countsFromLog'

export const REPAIR_KINDS: readonly RepairKind[] = [
  'cardWithoutDeck',
  'impossibleState',
  'queueMismatch',
  'strayBuriedUntil',
  'countsFromLog'
]

type LogRow = Pick<ReviewRecord, 'review' | 'rating' | 'state' | 'manual'>

/** What one card's review log says about it since its last reset. */
export interface LogSummary {
  /** Every row of the card, resets included. */
  rows: number
  /** Grades (Again–Easy) since the last reset. */
  grades: number
  /** Manual 'reschedule' rows since the last reset: each may or may not have added a rep. */
  reschedules: number
  /** Again on a card that was in Review, since the last reset. */
  lapses: number
}

export const EMPTY_LOG: LogSummary = { rows: 0, grades: 0, reschedules: 0, lapses: 0 }

export function summariseLog(rows: readonly LogRow[]): LogSummary {
  const sorted = [...rows].sort((a, b) => a.review - b.review)
  const lastReset = sorted.findLastIndex((r) => r.rating === Rating.Manual && r.manual === 'reset')
  const summary: LogSummary = { rows: rows.length, grades: 0, reschedules: 0, lapses: 0 }
  for (const row of sorted.slice(lastReset + 1)) {
    if (row.rating === Rating.Manual) {
      summary.reschedules++
      continue
    }
    summary.grades++
    if (row.rating === Rating.Again && row.state === State.Review) summary.lapses++
  }
  return summary
}

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0
const isAmount = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0

/** Values no scheduler could have written, or a New card whose log holds grades (its progress is in the log). */
function hasImpossibleState(card: CardRecord, log: LogSummary): boolean {
  const valid =
    Number.isInteger(card.state) &&
    card.state >= State.New &&
    card.state <= State.Relearning &&
    typeof card.due === 'number' &&
    Number.isFinite(card.due) &&
    isAmount(card.stability) &&
    isAmount(card.difficulty) &&
    card.difficulty <= 10 &&
    isAmount(card.elapsed_days) &&
    isAmount(card.scheduled_days) &&
    isCount(card.learning_steps) &&
    (card.last_review === undefined || (typeof card.last_review === 'number' && Number.isFinite(card.last_review)))
  return !valid || (card.state === State.New && log.grades > 0)
}

const ACTIVE: readonly number[] = [Queue.New, Queue.Learning, Queue.Review]
const KNOWN: readonly number[] = Object.values(Queue)

/** What is wrong with a card, in the order the repairs apply. */
export function problemsOf(card: CardRecord, log: LogSummary, deckExists: boolean): RepairKind[] {
  const kinds: RepairKind[] = []
  if (!deckExists && card.queue !== Queue.Removed) kinds.push('cardWithoutDeck')
  const impossible = hasImpossibleState(card, log)
  if (impossible) kinds.push('impossibleState')
  // A rebuilt card gets its list and counts from the rebuild, so those are not counted twice.
  else {
    if (!KNOWN.includes(card.queue) || (ACTIVE.includes(card.queue) && card.queue !== queueForState(card.state)))
      kinds.push('queueMismatch')
    if (countsFromLog(card, log) !== null) kinds.push('countsFromLog')
  }
  if (card.buriedUntil !== undefined && card.queue !== Queue.Buried) kinds.push('strayBuriedUntil')
  return kinds
}

/** The reps and lapses the log allows, or null when the card's own are within it. */
function countsFromLog(card: Pick<CardRecord, 'reps' | 'lapses'>, log: LogSummary): { reps: number; lapses: number } | null {
  const least = log.grades
  const most = least + log.reschedules
  const reps = isCount(card.reps) ? Math.min(Math.max(card.reps, least), most) : least
  if (reps === card.reps && log.lapses === card.lapses) return null
  return { reps, lapses: log.lapses }
}

/**
 * A card's scheduling state rebuilt from its own grades since the last reset, replayed through
 * the deck's scheduler as ts-fsrs's `reschedule` does; a new card when there are none.
 */
export function rebuildFromLog(scheduler: Scheduler, rows: readonly HistoryEntry[], now: number): SchedulingState {
  const grades = gradesSinceReset(rows)
  const first = grades[0]
  if (!first) return newSchedulingState(now)
  let state = newSchedulingState(first.review)
  for (const grade of grades) state = nextState(scheduler, state, grade.review, grade.rating)
  return state
}

/** The card with every problem mended. `rebuilt` is required when the card has an impossible state. */
export function repairCard(card: CardRecord, kinds: readonly RepairKind[], log: LogSummary, rebuilt?: SchedulingState): CardRecord {
  const next: CardRecord = { ...card }
  // Taken out of study, progress kept: mergeDeck brings it back if its deck file returns.
  if (kinds.includes('cardWithoutDeck')) next.queue = Queue.Removed
  if (kinds.includes('impossibleState')) {
    if (!rebuilt) throw new Error('repairCard: an impossible state needs the state rebuilt from the log')
    delete next.last_review
    Object.assign(next, rebuilt)
  }
  if (kinds.includes('impossibleState') || kinds.includes('queueMismatch')) {
    const outOfStudy = next.queue === Queue.Suspended || next.queue === Queue.Buried || next.queue === Queue.Removed
    if (!outOfStudy) next.queue = queueForState(next.state)
  }
  const counts = countsFromLog(next, log)
  if (counts) Object.assign(next, counts)
  if (next.queue !== Queue.Buried) delete next.buriedUntil
  return next
}

/** What a check found and mended. */
export interface CheckReport {
  cards: number
  logs: number
  /** Cards mended, per kind of problem (a card can have several). */
  repaired: Record<RepairKind, number>
  /**
   * Review-log rows whose card no longer exists. They are kept, not deleted: they are the user's
   * study history, which the statistics and the FSRS optimizer still read, and nothing that shows
   * a card reaches them. (Anki's Check Database keeps such revlog rows too.)
   */
  logsWithoutCard: number
}
