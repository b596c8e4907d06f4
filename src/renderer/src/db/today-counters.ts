import { Queue } from '@core/model'
import { tallyStudiedToday, type StudiedToday } from '@core/scheduling/daily-limits'
import type { StudyDay } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import {
  LEARNING_CARDS_ROW,
  nextChangeStamp,
  STUDIED_TODAY_ROW,
  type LearningCardsBookkeeping,
  type StudiedTodayBookkeeping
} from '@db/derived-tables'
import Dexie from 'dexie'

/**
 * The deck list's two costly numbers, kept as counters beside the collection (derived-tables.ts)
 * so a count reads a row instead of walking thousands of index entries per deck:
 *
 * - what each deck studied today (the daily limits' input), from today's logs. New logs are
 *   found by id above the last one counted; the middleware drops a deck from the row when one of
 *   its logs is deleted or rewritten, and the deck is counted again from its logs.
 * - each deck's cards in the learning queue with their due times, patched with the cards written
 *   since (`mod`, as the card columns are); deleting cards drops the row.
 *
 * Both must be called inside one readwrite transaction over `cards`, `reviews` and `derived`, so
 * nothing is written between what they read and the row they write back; with `keep` false (no
 * room left on the disk) they compute the same numbers in a read-only one and write nothing.
 */

/** Patching is idempotent, so re-reading a second's worth of cards costs little and covers clock skew. */
const MARGIN_MS = 1_000

/** What each deck studied on `day`, by deck id. */
export async function studiedTodayOfDecks(
  db: RecallDatabase,
  deckIds: readonly string[],
  day: StudyDay,
  keep = true
): Promise<Map<string, StudiedToday>> {
  const kept = (await db.derived.get(STUDIED_TODAY_ROW)) as StudiedTodayBookkeeping | undefined
  const sameDay = kept !== undefined && kept.dayStart === day.start && kept.dayEnd === day.end
  const row: StudiedTodayBookkeeping = sameDay
    ? { ...kept, decks: new Map(kept.decks) }
    : { name: STUDIED_TODAY_ROW, dayStart: day.start, dayEnd: day.end, lastLogId: 0, decks: new Map() }
  let changed = !sameDay

  // Logs added since the last count, into the decks already counted; others are counted whole below.
  const added = sameDay ? await db.reviews.where(':id').above(row.lastLogId).toArray() : []
  for (const log of added) {
    const counted = row.decks.get(log.deckId)
    if (counted && log.review >= day.start && log.review < day.end) row.decks.set(log.deckId, addStudied(counted, tallyStudiedToday([log])))
  }
  const lastLogId = sameDay
    ? (added.at(-1)?.id ?? row.lastLogId)
    : ((await db.reviews.orderBy(':id').reverse().limit(1).primaryKeys())[0] ?? 0)
  if (lastLogId !== row.lastLogId) changed = true
  row.lastLogId = lastLogId

  const missing = [...new Set(deckIds)].filter((deckId) => !row.decks.has(deckId))
  const recounted = await Promise.all(
    missing.map((deckId) => db.reviews.where('[deckId+review]').between([deckId, day.start], [deckId, day.end], true, false).toArray())
  )
  for (const [i, deckId] of missing.entries()) row.decks.set(deckId, tallyStudiedToday(recounted[i]!))
  if (missing.length > 0) changed = true

  if (changed && keep) await db.derived.put(row)
  return new Map(deckIds.map((deckId) => [deckId, row.decks.get(deckId)!]))
}

const addStudied = (a: StudiedToday, b: StudiedToday): StudiedToday => ({
  newCards: a.newCards + b.newCards,
  reviews: a.reviews + b.reviews
})

/** Each deck's learning cards due before `end` (their keys), by deck id. */
export async function learningDueOfDecks(
  db: RecallDatabase,
  deckIds: readonly string[],
  end: number,
  keep = true
): Promise<Map<string, string[]>> {
  // As the card columns do (card-columns.ts): this window's later writes stamp above `builtFrom`.
  nextChangeStamp()
  const builtFrom = Date.now() - MARGIN_MS
  const stored = (await db.derived.get(LEARNING_CARDS_ROW)) as LearningCardsBookkeeping | undefined
  // A stamp in the future means the clock stepped back: cards written since may carry lower stamps.
  const kept = stored && stored.builtFrom <= Date.now() ? stored : undefined
  const decks = new Map<string, Map<string, number>>()
  for (const [deckId, cards] of kept?.decks ?? []) decks.set(deckId, new Map(cards))

  // Which deck holds each learning card, so a card found in one deck leaves any other.
  const holder = new Map<string, string>()
  for (const [deckId, cards] of decks) for (const id of cards.keys()) holder.set(id, deckId)
  let changed = !kept
  /** Puts a card in its deck's set (due time) or out of every set (null). */
  const place = (deckId: string, id: string, due: number | null) => {
    const before = holder.get(id)
    if (before === deckId && decks.get(deckId)!.get(id) === due) return
    if (before === undefined && due === null) return
    changed = true
    if (before !== undefined) {
      decks.get(before)!.delete(id)
      holder.delete(id)
    }
    if (due === null) return
    decks.get(deckId)!.set(id, due)
    holder.set(id, deckId)
  }

  if (kept) {
    const keptIds = [...decks.keys()]
    const written = await Promise.all(
      keptIds.map((deckId) =>
        db.cards.where('[deckId+mod]').between([deckId, kept.builtFrom], [deckId, Dexie.maxKey], true, true).toArray()
      )
    )
    for (const [i, deckId] of keptIds.entries()) {
      for (const card of written[i]!) {
        place(deckId, card.id, card.queue === Queue.Learning ? card.due : null)
        // Written back with a later `builtFrom`, the row spares the next count reading this card again.
        if ((card.mod ?? 0) < builtFrom) changed = true
      }
    }
  }
  const missing = [...new Set(deckIds)].filter((deckId) => !decks.has(deckId))
  const learning = (deckId: string) =>
    db.cards.where('[deckId+queue+due]').between([deckId, Queue.Learning, Dexie.minKey], [deckId, Queue.Learning, Dexie.maxKey])
  const found = await Promise.all(missing.map((deckId) => Promise.all([learning(deckId).primaryKeys(), learning(deckId).keys()])))
  for (const [i, deckId] of missing.entries()) {
    decks.set(deckId, new Map())
    const [ids, keys] = found[i]!
    for (const [j, id] of ids.entries()) place(deckId, id, (keys[j] as unknown as [string, number, number])[2])
    changed = true
  }

  if (changed && keep) await db.derived.put({ name: LEARNING_CARDS_ROW, builtFrom, decks })
  return new Map(
    deckIds.map((deckId) => {
      const due: string[] = []
      for (const [id, at] of decks.get(deckId)!) if (at < end) due.push(id)
      return [deckId, due]
    })
  )
}
