import { Queue, queueForState, type CardRecord, type ReviewRecord } from '@core/model'
import { rescheduleCard } from '@core/scheduling/reschedule'
import type { RecallDatabase } from '@db/database'
import type { Scheduler } from '@core/scheduling/scheduler'

/**
 * Reschedules every studied card of a deck from its own review history with new parameters, in
 * one transaction: either every card is rescheduled or none is. Returns how many changed.
 */
export async function rescheduleDeck(db: RecallDatabase, deckId: string, scheduler: Scheduler, now: number): Promise<number> {
  const cards = await db.cards
    .where('deckId')
    .equals(deckId)
    .filter((c) => c.reps > 0)
    .toArray()
  const logs = await db.reviews
    .where('cardKey')
    .anyOf(cards.map((c) => c.id))
    .toArray()
  const byCard = new Map<string, ReviewRecord[]>()
  for (const log of logs) (byCard.get(log.cardKey) ?? byCard.set(log.cardKey, []).get(log.cardKey)!).push(log)

  const updates: CardRecord[] = []
  const newLogs: ReviewRecord[] = []
  for (const card of cards) {
    const result = rescheduleCard(scheduler, card, byCard.get(card.id) ?? [], now)
    if (!result) continue
    const keepsOutOfStudy = card.queue === Queue.Suspended || card.queue === Queue.Buried || card.queue === Queue.Removed
    updates.push({ ...card, ...result.next, queue: keepsOutOfStudy ? card.queue : queueForState(result.next.state) })
    newLogs.push({ ...result.log, manual: 'reschedule', cardKey: card.id, deckId, duration: 0 })
  }
  await db.transaction('rw', db.cards, db.reviews, async () => {
    await db.cards.bulkPut(updates)
    await db.reviews.bulkAdd(newLogs)
  })
  return updates.length
}
