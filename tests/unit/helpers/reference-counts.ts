import { Queue, type StudyOptions } from '@core/model'
import { allowanceFor, tallyStudiedToday, type StudiedToday } from '@core/scheduling/daily-limits'
import type { QueueCounts } from '@core/scheduling/queue'
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
  limits: Pick<StudyOptions, 'newCardsPerDay' | 'reviewsPerDay'>
): Promise<QueueCounts> {
  const allowance = allowanceFor(limits, await referenceStudiedToday(db, deckId, day))
  const cards = (await db.cards.toArray()).filter((card) => card.deckId === deckId)
  const dueToday = (queue: number) => cards.filter((card) => card.queue === queue && card.due < day.end).length
  return {
    learning: dueToday(Queue.Learning),
    review: Math.min(allowance.reviews, dueToday(Queue.Review)),
    fresh: Math.min(allowance.newCards, cards.filter((card) => card.queue === Queue.New).length)
  }
}
