import { Queue, type CardRecord, type StudyOptions } from '@core/model'
import { allowanceFor, tallyStudiedToday, type StudiedToday } from '@core/scheduling/daily-limits'
import type { QueueCounts } from '@core/scheduling/queue'
import type { BuryOptions } from '@core/scheduling/siblings'
import type { StudyDay } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'

/**
 * The deck list's numbers the slow, obvious way, as the reference for the counters: every card
 * and every log of the deck read and filtered here, no index range and no cache.
 */
/** What the deck studied on `day`, from every log read and filtered here. */
export async function referenceStudiedToday(db: RecallDatabase, deckId: string, day: StudyDay): Promise<StudiedToday> {
  return tallyStudiedToday(
    (await db.reviews.toArray()).filter((log) => log.deckId === deckId && log.review >= day.start && log.review < day.end)
  )
}

export async function referenceCounts(
  db: RecallDatabase,
  deckId: string,
  day: StudyDay,
  limits: Pick<StudyOptions, 'newCardsPerDay' | 'reviewsPerDay'> & Partial<BuryOptions>
): Promise<QueueCounts> {
  const allowance = allowanceFor(limits, await referenceStudiedToday(db, deckId, day))
  const cards = (await db.cards.toArray()).filter((card) => card.deckId === deckId)
  const lists = referenceLists(cards, day, allowance, limits)
  return { learning: lists.learning.length, review: lists.review.length, fresh: lists.fresh.length }
}

/**
 * Today's lists of one deck's cards (in the queues they are in today), worked out here: learning
 * cards due today, then reviews due today by due time, then new cards in deck order, each cut to
 * the allowance, and a review or new card left out when a card of the same note came before it
 * and its burying option is on (absent: on).
 */
export function referenceLists(
  cards: readonly CardRecord[],
  day: StudyDay,
  allowance: { reviews: number; newCards: number },
  bury: Partial<BuryOptions>
): { learning: string[]; review: string[]; fresh: string[] } {
  // A card's note is named by its key's first two parts, deck id and note id (neither holds a '/').
  const noteOf = (card: CardRecord) => card.id.split('/').slice(0, 2).join('/')
  const byKey = (a: CardRecord, b: CardRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const learning = cards.filter((c) => c.queue === Queue.Learning && c.due < day.end).sort((a, b) => a.due - b.due || byKey(a, b))
  const seen = new Set(learning.map(noteOf))
  const take = (candidates: CardRecord[], limit: number, apart: boolean) => {
    const taken: CardRecord[] = []
    for (const card of candidates) {
      if (taken.length >= limit) break
      if (apart && seen.has(noteOf(card))) continue
      taken.push(card)
      seen.add(noteOf(card))
    }
    return taken
  }
  const review = take(
    cards.filter((c) => c.queue === Queue.Review && c.due < day.end).sort((a, b) => a.due - b.due || byKey(a, b)),
    allowance.reviews,
    bury.buryReviewSiblings ?? true
  )
  const fresh = take(
    cards.filter((c) => c.queue === Queue.New).sort((a, b) => a.ord - b.ord || byKey(a, b)),
    allowance.newCards,
    bury.buryNewSiblings ?? true
  )
  return { learning: learning.map((c) => c.id), review: review.map((c) => c.id), fresh: fresh.map((c) => c.id) }
}
