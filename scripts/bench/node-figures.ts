import { createEmptyCard, fsrs, Rating, type Card } from 'ts-fsrs'
import { timeRepeated } from './page/stats-util'

/** ts-fsrs next() per card under Node: the scheduler's cost without a browser around it. */
export async function fsrsNextInNode(cards = 1000, reps = 21): Promise<number[]> {
  const scheduler = fsrs()
  const start = new Date('2025-01-01T10:00:00Z')
  const pool: Card[] = Array.from({ length: cards }, (_, i) => {
    let card = createEmptyCard(start)
    let at = start
    for (let r = 0; r < 1 + (i % 8); r++) {
      card = scheduler.next(card, at, r % 5 === 4 ? Rating.Again : Rating.Good).card
      at = card.due
    }
    return card
  })
  const at = new Date('2026-01-01T10:00:00Z')
  const samples = await timeRepeated(reps, () => {
    for (const card of pool) scheduler.next(card, at, Rating.Good)
  })
  return samples.map((ms) => ms / cards)
}

export interface OptimizerRun {
  /** Seconds for the training alone (items built from the histories included). */
  trainSeconds: number
  /** Seconds for one evaluation (`evaluateParameters`, one parameter set over every review). */
  evaluateSeconds: number
  cards: number
  items: number
  /** Progress reports heard during the training. */
  progressReports: number
  w: number[]
}

/**
 * The desktop app's optimizer on `reviews` synthetic reviews under Node: the native binding
 * (fsrs-rs on libuv's threads) as main runs it, then one evaluation as the store runs it.
 */
export async function optimizerInNode(reviews: number): Promise<OptimizerRun> {
  const [{ optimizeParameters }, binding, { evaluateParameters }, { syntheticHistories }, { countTrainingItems }] = await Promise.all([
    import('@main/optimizer'),
    import('@open-spaced-repetition/binding'),
    import('@core/optimizer/evaluate'),
    import('./synthetic-reviews'),
    import('@shared/optimizer')
  ])
  const histories = syntheticHistories(reviews)
  let progressReports = 0
  let start = performance.now()
  const result = await optimizeParameters(histories, binding as never, () => progressReports++)
  const trainSeconds = (performance.now() - start) / 1000
  if (!result.ok) throw new Error(result.message)
  start = performance.now()
  evaluateParameters(result.w, histories)
  const evaluateSeconds = (performance.now() - start) / 1000
  return { trainSeconds, evaluateSeconds, cards: histories.length, items: countTrainingItems(histories), progressReports, w: result.w }
}
