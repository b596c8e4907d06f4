import { Queue, type CardRecord, type DeckRecord, type NoteRecord, type ReviewRecord } from '@core/model'
import type { SearchContext } from '@core/search/compile'
import type { SortColumn } from '@core/search/sort'
import { retrievabilityAt } from '@core/stats/retrievability'
import { studyDayOf } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { IdList } from '@core/search/id-list'
import { BrowseCacheDatabase } from '@db/browse-cache'
import { BrowseEngine, type BrowseView, type SearchRequest } from '@renderer/workers/browse-engine'
import { default_w, forgetting_curve, Rating, State } from 'ts-fsrs'

const DAY = 86_400_000
/** Wednesday 15 April 2026, 10:00 local. */
export const NOW = new Date(2026, 3, 15, 10).getTime()

/** Deck names sort in another order than their ids, and two differ only in case. */
export const DECKS: Array<Pick<DeckRecord, 'id' | 'name'>> = [
  { id: 'alpha', name: 'Zulu things' },
  { id: 'beta', name: 'apples' },
  { id: 'gamma', name: 'Apples' },
  { id: 'delta', name: 'Middle' }
]

const WORDS = ['apple', 'Apple', 'banana', 'Cherry', 'cherry', 'date', 'Éclair', 'eclair']

/**
 * 600 cards with many ties: a few questions, stabilities, dates and counts shared by many cards
 * (in different case, too), places in deck repeated across decks, cards never studied (some
 * suspended), buried cards, cards retired from their deck (Removed: never listed), and notes for
 * only some of the cards (Browse lists cards whether or not their note is there).
 */
export function pagingCards(size = 600): CardRecord[] {
  return Array.from({ length: size }, (_, i) => {
    const deckId = DECKS[i % 4]!.id
    const fresh = i % 5 === 0
    const studied = {
      state: State.Review,
      stability: [2, 7.5, 30][i % 3]!,
      difficulty: [3, 5.5][i % 2]!,
      scheduled_days: [1, 9, 40][i % 3]!,
      due: NOW + ((i % 7) - 3) * DAY,
      last_review: NOW - ((i % 4) + 1) * DAY,
      elapsed_days: 1,
      learning_steps: 0,
      reps: i % 6,
      lapses: i % 3
    }
    const card: CardRecord = {
      id: `${deckId}/n${i}`,
      deckId,
      cardId: `n${i}`,
      reverse: false,
      ord: Math.floor(i / 8),
      question: `${WORDS[i % WORDS.length]} ${i % 3 === 0 ? 'pie' : ''}`.trim(),
      answer: `${WORDS[(i * 3) % WORDS.length]} answer`,
      tags: i % 2 ? ['fruit'] : [],
      ...(fresh
        ? {
            state: State.New,
            stability: 0,
            difficulty: 0,
            scheduled_days: 0,
            due: NOW,
            elapsed_days: 0,
            learning_steps: 0,
            reps: 0,
            lapses: 0
          }
        : studied),
      queue: i % 31 === 0 ? Queue.Removed : i % 10 === 0 ? Queue.Suspended : i % 17 === 0 ? Queue.Buried : fresh ? Queue.New : Queue.Review,
      createdAt: NOW - (30 - (i % 4)) * DAY,
      ...(i % 9 === 0 ? { flag: 1 + ((i / 9) % 3) } : {}),
      ...(i % 11 === 0 ? { extra: 'Ünïcode extra' } : {})
    }
    return card
  })
}

/** Stores the decks, the cards, a note for every third card and a few review logs. */
export async function seedPaging(db: RecallDatabase, cards = pagingCards()): Promise<void> {
  const decks: DeckRecord[] = DECKS.map((d) => ({ ...d, origin: 'user', file: '', contentHash: '', cardCount: 0, updatedAt: 0 }))
  const notes: NoteRecord[] = cards
    .filter((_, i) => i % 3 === 0)
    .map((c) => ({
      id: c.id,
      deckId: c.deckId,
      noteId: c.cardId,
      note: { id: c.cardId, type: 'basic', front: c.question, back: c.answer, tags: c.tags },
      createdAt: c.createdAt
    }))
  const reviews: ReviewRecord[] = cards
    .filter((c, i) => c.state !== State.New && i % 4 === 1)
    .map((c, k) => ({
      cardKey: c.id,
      deckId: c.deckId,
      review: NOW - (k % 5) * DAY - 3_600_000,
      rating: k % 7 === 0 ? Rating.Manual : Rating.Good,
      state: State.Review,
      due: NOW,
      stability: 5,
      difficulty: 5,
      elapsed_days: 1,
      last_elapsed_days: 1,
      scheduled_days: 5,
      learning_steps: 0,
      duration: 3000
    }))
  await db.transaction('rw', db.decks, db.cards, db.notes, db.reviews, async () => {
    await db.decks.bulkAdd(decks)
    await db.cards.bulkAdd(cards)
    await db.notes.bulkAdd(notes)
    await db.reviews.bulkAdd(reviews)
  })
}

export const VIEW: BrowseView = {
  now: NOW,
  dayStart: studyDayOf(NOW, 4).start,
  dayStartsAtHour: 4,
  weights: {},
  deckNames: Object.fromEntries(DECKS.map((d) => [d.id, d.name]))
}

/** The search context of a Browse opened at NOW on VIEW: what the compiled predicate is asked with in the tests. */
export const SEARCH_CONTEXT: SearchContext = {
  now: NOW,
  dayStart: VIEW.dayStart,
  dayStartsAtHour: VIEW.dayStartsAtHour,
  retrievability: (c) => retrievabilityAt(c, NOW),
  ratedSince: () => false,
  deckName: (id) => VIEW.deckNames[id]
}

/**
 * The list's order written out plainly, apart from the app's code: each column's value (none for
 * a card never studied, in the memory columns), values ascending or descending, cards without one
 * last, ties by deck id, then place in deck, then key.
 */
export function referenceOrder(cards: readonly CardRecord[], column: SortColumn, descending: boolean): string[] {
  const value = (c: CardRecord): number | string | undefined => {
    const studied = c.state !== State.New
    switch (column) {
      case 'question':
        return c.question.toLowerCase()
      case 'answer':
        return c.answer.toLowerCase()
      case 'deck':
        return DECKS.find((d) => d.id === c.deckId)!.name.toLowerCase()
      case 'due':
        return studied ? c.due : undefined
      case 'interval':
        return studied ? c.scheduled_days : undefined
      case 'difficulty':
        return studied ? c.difficulty : undefined
      case 'stability':
        return studied ? c.stability : undefined
      case 'retrievability':
        return studied ? forgetting_curve(default_w, (NOW - c.last_review!) / DAY, c.stability) : undefined
      case 'reviews':
        return c.reps
      case 'lapses':
        return c.lapses
      case 'created':
        return c.createdAt
    }
  }
  const listed = cards.filter((c) => c.queue !== Queue.Removed).map((c) => ({ c, v: value(c) }))
  listed.sort((a, b) => {
    if (a.v === undefined && b.v !== undefined) return 1
    if (b.v === undefined && a.v !== undefined) return -1
    if (a.v !== undefined && b.v !== undefined && a.v !== b.v) return (a.v < b.v ? -1 : 1) * (descending ? -1 : 1)
    if (a.c.deckId !== b.c.deckId) return a.c.deckId < b.c.deckId ? -1 : 1
    if (a.c.ord !== b.c.ord) return a.c.ord - b.c.ord
    return a.c.id < b.c.id ? -1 : 1
  })
  return listed.map(({ c }) => c.id)
}

export const SORT_COLUMNS: SortColumn[] = [
  'question',
  'answer',
  'deck',
  'due',
  'interval',
  'difficulty',
  'stability',
  'retrievability',
  'reviews',
  'lapses',
  'created'
]

/** A search of every deck's cards in the order they were created, unless told otherwise. */
export const request = (
  query: string,
  sort: SearchRequest['sort'] = { column: 'created', descending: false },
  deckFilter = ''
): SearchRequest => ({
  query,
  deckFilter,
  sort,
  view: VIEW
})

/** The keys a search finds, in order. */
export async function found(engine: BrowseEngine, req: SearchRequest): Promise<string[]> {
  const answer = await engine.search(req)
  if (!answer.ok) throw new Error(answer.message)
  return IdList.from(answer.ids).toArray()
}

/** An engine on the collection, opened (its columns read from the cache named, or built). */
export async function opened(db: RecallDatabase, cacheName = db.name, onProgress?: (read: number) => void) {
  const engine = new BrowseEngine(db, new BrowseCacheDatabase(cacheName))
  await engine.open(onProgress)
  return engine
}
