import { trainingHistories } from '@core/optimizer/training-histories'
import type { HistoryEntry } from '@core/scheduling/reschedule'
import type { RecallDatabase } from '@db/database'
import type { OptimizerHistory } from '@shared/optimizer'
import Dexie from 'dexie'

/**
 * The review histories of the given decks, per card, as the optimizer takes them. The optimizer
 * needs every review of these decks, so they are read (through the [deckId+review] index) into
 * compact per-card lists of rating and time.
 */
export async function optimizerHistories(
  db: RecallDatabase,
  deckIds: readonly string[],
  dayStartsAtHour: number
): Promise<OptimizerHistory[]> {
  const byCard = new Map<string, HistoryEntry[]>()
  await db.transaction('r', db.reviews, async () => {
    for (const deckId of deckIds) {
      await db.reviews
        .where('[deckId+review]')
        .between([deckId, Dexie.minKey], [deckId, Dexie.maxKey])
        .each((log) => {
          const entry: HistoryEntry = { rating: log.rating, review: log.review, ...(log.manual ? { manual: log.manual } : {}) }
          const list = byCard.get(log.cardKey)
          if (list) list.push(entry)
          else byCard.set(log.cardKey, [entry])
        })
    }
  })
  return trainingHistories(byCard.values(), dayStartsAtHour)
}

export async function decksUsingPreset(db: RecallDatabase, presetId: string, defaultPresetId: string): Promise<string[]> {
  const decks = await db.decks.toArray()
  return decks.filter((d) => (d.presetId ?? defaultPresetId) === presetId).map((d) => d.id)
}
