import {
  EMPTY_LOG,
  problemsOf,
  rebuildFromLog,
  REPAIR_KINDS,
  repairCard,
  summariseLog,
  type CheckReport,
  type LogSummary,
  type RepairKind
} from '@core/maintenance/check-rules'
import type { CardRecord, ReviewRecord } from '@core/model'
import type { Scheduler } from '@core/scheduling/scheduler'
import type { RecallDatabase } from '@db/database'
import { schedulerForDeck } from '@db/options-repository'

/**
 * Anki's "Check Database" for Recall: finds cards and logs that break the collection's invariants
 * (see check-collection-rules) and mends them in one transaction, so a failure changes nothing.
 * Memory stays small with a million logs: the log is read once in card order through the
 * `cardKey` index and kept as one small summary per card; only cards that need a rebuild read
 * their own rows again.
 */
export async function checkCollection(db: RecallDatabase, now: number): Promise<CheckReport> {
  return db.transaction('rw', [db.decks, db.presets, db.settings, db.cards, db.reviews], async () => {
    const deckIds = new Set(await db.decks.toCollection().primaryKeys())
    const { summaries, logs } = await summariseLogs(db)

    const flagged: Array<{ card: CardRecord; kinds: RepairKind[]; log: LogSummary }> = []
    let cards = 0
    await db.cards.each((card) => {
      cards++
      const log = summaries.get(card.id) ?? EMPTY_LOG
      summaries.delete(card.id)
      const kinds = problemsOf(card, log, deckIds.has(card.deckId))
      if (kinds.length) flagged.push({ card, kinds, log })
    })

    const schedulers = new Map<string, Scheduler>()
    const schedulerOf = async (deckId: string) =>
      schedulers.get(deckId) ?? schedulers.set(deckId, await schedulerForDeck(db, deckId)).get(deckId)!
    const repaired = Object.fromEntries(REPAIR_KINDS.map((k) => [k, 0])) as Record<RepairKind, number>
    const fixed: CardRecord[] = []
    for (const { card, kinds, log } of flagged) {
      const rebuilt = kinds.includes('impossibleState')
        ? rebuildFromLog(await schedulerOf(card.deckId), await db.reviews.where('cardKey').equals(card.id).toArray(), now)
        : undefined
      fixed.push(repairCard(card, kinds, log, rebuilt))
      for (const kind of kinds) repaired[kind]++
    }
    await db.cards.bulkPut(fixed)

    const logsWithoutCard = [...summaries.values()].reduce((sum, s) => sum + s.rows, 0)
    return { cards, logs, repaired, logsWithoutCard }
  })
}

/** One pass over the review log in `cardKey` order: each card's rows arrive together. */
async function summariseLogs(db: RecallDatabase): Promise<{ summaries: Map<string, LogSummary>; logs: number }> {
  const summaries = new Map<string, LogSummary>()
  let group: ReviewRecord[] = []
  let logs = 0
  const flush = () => {
    if (group[0]) summaries.set(group[0].cardKey, summariseLog(group))
    group = []
  }
  await db.reviews.orderBy('cardKey').each((row) => {
    logs++
    if (group[0] && group[0].cardKey !== row.cardKey) flush()
    group.push(row)
  })
  flush()
  return { summaries, logs }
}
