import type { RecallDatabase } from '@db/database'
import { Rating } from 'ts-fsrs'

/** Keys of the cards graded since `since` (the browser's `rated:N`), read through the `review` index from that moment on. */
export async function cardsRatedSince(db: RecallDatabase, since: number): Promise<Set<string>> {
  const keys = new Set<string>()
  await db.reviews
    .where('review')
    .aboveOrEqual(since)
    .each((r) => {
      // Resets and reschedules are not answers, as in Anki's rated:.
      if (r.rating !== Rating.Manual) keys.add(r.cardKey)
    })
  return keys
}
