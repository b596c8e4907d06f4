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
