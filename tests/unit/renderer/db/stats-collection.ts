import { Queue, queueForState, type CardRecord, type ReviewRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { Rating, State } from 'ts-fsrs'

const DAY = 86_400_000

/** A small seeded generator (mulberry32), so a failing collection can be rebuilt exactly. */
export function seeded(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  }
}

export interface Collection {
  cards: CardRecord[]
  reviews: ReviewRecord[]
}

const TAGS = ['sagemaker', 'bedrock', 'glue', 'inferentia', 'kinesis']

/**
 * `cardsPerDeck` cards in each deck, in every state and queue (suspended, buried, removed too),
 * and about ten logs per studied card over the last 420 days, a few of them today and some
 * Manual rows. Logs are random, not a replay: the stats only read the fields.
 */
export function generateCollection(deckIds: readonly string[], cardsPerDeck: number, now: number, seed = 7): Collection {
  const rnd = seeded(seed)
  const cards: CardRecord[] = []
  const reviews: ReviewRecord[] = []
  for (const deckId of deckIds) {
    for (let i = 0; i < cardsPerDeck; i++) {
      const id = `${deckId}/c${i}`
      const state = rnd.pick([State.New, State.New, State.Learning, State.Review, State.Review, State.Review, State.Relearning])
      const studied = state !== State.New
      const queue = rnd.next() < 0.08 ? rnd.pick([Queue.Suspended, Queue.Buried, Queue.Removed]) : queueForState(state)
      const lastReview = studied ? now - rnd.int(0, 200) * DAY - rnd.int(0, 20) * 3_600_000 : undefined
      cards.push({
        id,
        deckId,
        cardId: `c${i}`,
        reverse: false,
        ord: i,
        question: `Q${i}`,
        answer: `A${i}`,
        tags: [rnd.pick(TAGS), ...(rnd.next() < 0.3 ? [rnd.pick(TAGS)] : [])],
        queue,
        ...(queue === Queue.Buried ? { buriedUntil: now + rnd.int(-1, 1) * DAY } : {}),
        createdAt: now - 400 * DAY,
        due: studied ? now + rnd.int(-15, 120) * DAY + rnd.int(0, 23) * 3_600_000 : now,
        stability: studied ? 0.2 + rnd.next() * rnd.pick([2, 30, 400, 5000]) : 0,
        difficulty: studied ? 1 + rnd.next() * 9 : 0,
        elapsed_days: 0,
        scheduled_days: studied ? rnd.int(0, 200) : 0,
        learning_steps: 0,
        reps: studied ? rnd.int(1, 20) : 0,
        lapses: studied ? rnd.int(0, 4) : 0,
        state,
        ...(lastReview !== undefined ? { last_review: lastReview } : {})
      })
      if (!studied) continue
      const logs = rnd.int(3, 17)
      for (let j = 0; j < logs; j++) {
        const review = now - (rnd.next() < 0.1 ? rnd.int(0, 5) * 600_000 : rnd.int(0, 420) * DAY + rnd.int(0, 86_399) * 1000)
        reviews.push({
          cardKey: id,
          deckId,
          rating: rnd.next() < 0.03 ? Rating.Manual : rnd.pick([Rating.Again, Rating.Hard, Rating.Good, Rating.Good, Rating.Easy]),
          state: rnd.pick([State.New, State.Learning, State.Review, State.Review, State.Review, State.Relearning]),
          due: review,
          stability: 5,
          difficulty: 5,
          elapsed_days: 3,
          last_elapsed_days: 2,
          scheduled_days: rnd.int(0, 60),
          learning_steps: 0,
          review,
          duration: rnd.int(1_000, 30_000)
        })
      }
    }
  }
  return { cards, reviews }
}

export async function storeCollection(db: RecallDatabase, collection: Collection, deckIds: readonly string[]): Promise<void> {
  await db.decks.bulkPut(
    deckIds.map((id) => ({
      id,
      name: `Deck ${id}`,
      origin: 'builtin' as const,
      file: `${id}.json`,
      contentHash: '',
      cardCount: 0,
      updatedAt: 0
    }))
  )
  await db.cards.bulkPut(collection.cards)
  await db.reviews.bulkAdd(collection.reviews)
}
