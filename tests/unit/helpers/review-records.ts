import { Queue, type CardRecord, type ReviewRecord } from '@core/model'
import { Rating, State, type Card } from 'ts-fsrs'

/** Epoch ms of a local wall-clock time in the current TZ: local(2026, 3, 10, 9) is 10 March 2026, 09:00. */
export function local(year: number, month: number, day: number, hour = 12, minute = 0): number {
  return new Date(year, month - 1, day, hour, minute).getTime()
}

/** A stored review log with plausible defaults: a Good on a young review card. */
export function reviewLog(fields: Partial<ReviewRecord> & Pick<ReviewRecord, 'review'>): ReviewRecord {
  return {
    cardKey: 'aws/c1',
    deckId: 'aws',
    rating: Rating.Good,
    state: State.Review,
    due: fields.review,
    stability: 10,
    difficulty: 5,
    elapsed_days: 10,
    last_elapsed_days: 5,
    scheduled_days: 10,
    learning_steps: 0,
    duration: 5_000,
    ...fields
  }
}

/** A stored card with plausible defaults: a review card in deck "aws". */
export function cardRecord(fields: Partial<CardRecord> & Pick<CardRecord, 'id'>): CardRecord {
  return {
    deckId: 'aws',
    cardId: fields.id,
    reverse: false,
    ord: 0,
    question: 'What does SageMaker Autopilot do?',
    answer: 'AutoML',
    tags: [],
    queue: Queue.Review,
    createdAt: 0,
    due: 0,
    stability: 10,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: 10,
    learning_steps: 0,
    reps: 3,
    lapses: 0,
    state: State.Review,
    ...fields
  }
}

/** A stored card as a ts-fsrs `Card` in real time, for references on whole UTC days. */
export function plainFsrsCard(card: CardRecord): Card {
  const { due, last_review, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state } = card
  return {
    due: new Date(due),
    stability,
    difficulty,
    elapsed_days,
    scheduled_days,
    learning_steps,
    reps,
    lapses,
    state,
    ...(last_review !== undefined ? { last_review: new Date(last_review) } : {})
  }
}

/**
 * Sets TZ for the rest of a test file (call it at the top, before computing times) and restores
 * it when the file is done. Node applies a change of TZ at once.
 */
export function useTimeZone(tz: string, afterAll: (fn: () => void) => void): void {
  const original = process.env.TZ
  process.env.TZ = tz
  afterAll(() => {
    process.env.TZ = original
  })
}
