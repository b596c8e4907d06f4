import { Queue } from '@core/model'
import { MAX_BALANCED_INTERVAL, type ReviewLoad } from '@core/scheduling/load-balance'
import type { StudyClock } from '@core/time/study-clock'
import type { RecallDatabase } from '@db/database'
import { DAY_MS } from '@shared/durations'

/**
 * The deck's reviews due on each study day from today to past the load balancer's reach (its
 * fuzz range can end a few days after 90), read from the due index's keys alone: no card is loaded.
 */
export async function reviewLoadAhead(db: RecallDatabase, deckId: string, clock: StudyClock, now: number): Promise<ReviewLoad> {
  const today = clock.dayNumber(now)
  const from = clock.fromClock(today * DAY_MS)
  const to = clock.fromClock((today + Math.ceil(MAX_BALANCED_INTERVAL * 1.1) + 1) * DAY_MS)
  const keys = await db.cards
    .where('[deckId+queue+due]')
    .between([deckId, Queue.Review, from], [deckId, Queue.Review, to], true, false)
    .keys()
  const load = new Map<number, number>()
  for (const key of keys) {
    const day = clock.dayNumber((key as unknown as [string, number, number])[2])
    load.set(day, (load.get(day) ?? 0) + 1)
  }
  return load
}
