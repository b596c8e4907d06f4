import { Queue, type CardRecord, type DeckRecord, type ReviewRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { Rating, State } from 'ts-fsrs'
import { fakePlatform } from '../../helpers/fake-platform'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Wednesday 15 April 2026, 10:00 local; the study day began at 04:00. */
export const NOW = new Date(2026, 3, 15, 10).getTime()

export const DECKS: DeckRecord[] = [
  {
    id: 'aws-ml-chips',
    name: 'AWS ML: chip → role',
    origin: 'builtin',
    file: 'aws-ml-chips.json',
    contentHash: 'x',
    cardCount: 0,
    updatedAt: 0
  },
  {
    id: 'aws-ml-services',
    name: 'AWS ML: service → purpose',
    origin: 'builtin',
    file: 'aws-ml-services.json',
    contentHash: 'x',
    cardCount: 0,
    updatedAt: 0
  },
  { id: 'my-notes-ab12', name: 'My notes', origin: 'user', file: '', contentHash: '', cardCount: 0, updatedAt: 0 }
]

/** The plan behind card `i`, so tests can say which ids a search must find without running it. */
export function plan(i: number) {
  const deckId = DECKS[i % 3]!.id
  const fresh = i % 4 === 0
  return {
    id: `${deckId}/c${i}`,
    deckId,
    fresh,
    stability: fresh ? 0 : (i % 23) + 0.5,
    tags: i % 5 === 0 ? ['vision'] : i % 5 === 1 ? ['aws::s3', 'storage'] : [],
    suspended: i % 7 === 0,
    /** Graded today (an hour ago), three days ago, or not recently. */
    ratedToday: !fresh && i % 11 === 0,
    ratedThreeDaysAgo: !fresh && i % 13 === 0,
    /** Reset ten minutes ago: a Manual row, which is not an answer. */
    resetToday: !fresh && i % 17 === 0
  }
}

function cardFor(i: number): CardRecord {
  const p = plan(i)
  const studied = p.fresh
    ? newSchedulingState(NOW - 40 * DAY)
    : {
        ...newSchedulingState(NOW - 40 * DAY),
        state: State.Review,
        stability: p.stability,
        difficulty: 5,
        reps: 3,
        scheduled_days: 9,
        due: NOW + (i % 30) * DAY,
        last_review: NOW - 9 * DAY
      }
  return {
    id: p.id,
    deckId: p.deckId,
    cardId: `c${i}`,
    reverse: false,
    ord: i,
    question: `Question ${i}`,
    answer: i % 5 === 0 ? `Image analysis ${i}` : `Answer ${i}`,
    tags: p.tags,
    ...studied,
    queue: p.suspended ? Queue.Suspended : p.fresh ? Queue.New : Queue.Review,
    createdAt: NOW - 40 * DAY + i
  }
}

function log(cardKey: string, deckId: string, review: number, rating: Rating): ReviewRecord {
  return {
    cardKey,
    deckId,
    review,
    rating,
    state: State.Review,
    due: review,
    stability: 5,
    difficulty: 5,
    elapsed_days: 3,
    last_elapsed_days: 3,
    scheduled_days: 9,
    learning_steps: 0,
    duration: 4000
  }
}

/** 10,000 cards in three decks, with review logs spread over the last weeks. */
export async function seedCollection(db: RecallDatabase, size = 10_000): Promise<void> {
  const cards = Array.from({ length: size }, (_, i) => cardFor(i))
  const reviews: ReviewRecord[] = []
  for (let i = 0; i < size; i++) {
    const p = plan(i)
    if (!p.fresh) reviews.push(log(p.id, p.deckId, NOW - 20 * DAY, Rating.Good))
    if (p.ratedToday) reviews.push(log(p.id, p.deckId, NOW - HOUR, Rating.Good))
    if (p.ratedThreeDaysAgo) reviews.push(log(p.id, p.deckId, NOW - 3 * DAY, Rating.Hard))
    if (p.resetToday) reviews.push(log(p.id, p.deckId, NOW - 10 * 60_000, Rating.Manual))
  }
  await db.transaction('rw', db.decks, db.cards, db.reviews, async () => {
    await db.decks.bulkAdd(DECKS.map((d) => ({ ...d, cardCount: cards.filter((c) => c.deckId === d.id).length })))
    await db.cards.bulkAdd(cards)
    await db.reviews.bulkAdd(reviews)
  })
}

const platform: Platform = fakePlatform({ decks: [], problems: [] })

/** A store on the seeded collection with the browser open and loaded. */
export async function browsing(db: RecallDatabase) {
  const clock = { now: NOW }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  await store.getState().openBrowse()
  const state = () => store.getState()
  const ids = () => state().browse.results.toArray()
  return { store, state, clock, ids }
}

export const allPlans = (size = 10_000) => Array.from({ length: size }, (_, i) => plan(i))
