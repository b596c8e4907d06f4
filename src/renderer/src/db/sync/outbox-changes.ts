import type { CardRecord } from '@core/model'
import { rowStands, studySchedulers } from '@core/sync/merged-collection'
import { deckOfKey, type SyncState } from '@core/sync/sync-state'
import type { RecallDatabase } from '@db/database'
import { mergedRow } from '@db/sync/merged-rows'
import { rowFields, syncCardState, writeChange } from '@db/sync/row-fields'
import { chainedEntry, chainedStates, chainImportedHistories } from '@db/sync/review-chains'
import { OUTBOX_TABLE, RECORDED_TABLES, ownReviewId, type OutboxEntry, type SyncedReviewRecord } from '@db/sync/sync-records'
import {
  REMOVABLE_OF_TABLE,
  type Fields,
  type ReviewChange,
  type SyncCardState,
  type SyncChange,
  type SyncTable
} from '@shared/sync/changes'
import { formatStamp, historyStamp, tick, type Hlc } from '@shared/sync/hlc'

export interface LocalChanges {
  changes: SyncChange[]
  clock: Hlc
  /** The outbox entries these changes came from: deleted once they are in the folder. */
  consumed: number[]
}

type Row = Record<string, unknown>

/**
 * This machine's changes since its last segment, as change records: the outbox's entries in the
 * order they were made, each stamped by the clock ticked at the write's own time. A row is
 * compared, as it is now, with the fields the folder's changes give it, and only the fields that
 * differ are written (a row gone is a removal). With `whole`, every row and every review of the
 * collection is written too (a 'merge' link): rows the folder already holds as they are cost
 * nothing, reviews it holds are not sent again.
 */
export async function localChanges(
  db: RecallDatabase,
  state: SyncState,
  clock: Hlc,
  options: { whole: boolean; now: number }
): Promise<LocalChanges> {
  const device = clock.device
  const { entries, rows, cards } = await db.transaction(
    'r',
    [db.table(OUTBOX_TABLE), ...RECORDED_TABLES.map((t) => db.table(t)), db.reviews],
    async () => {
      const outbox = (await db.table(OUTBOX_TABLE).toArray()) as OutboxEntry[]
      const whole = options.whole ? await wholeCollection(db, state, options.now) : []
      const all = [...whole, ...outbox]
      // A whole collection already compares every row (and a spread of its keys would overflow the stack).
      if (!options.whole) for (const entry of await revivedDecks(db, state, all)) all.push(entry)
      const keys = new Map<SyncTable, Set<string>>()
      for (const entry of all)
        if (entry.k === 'row') (keys.get(entry.table) ?? keys.set(entry.table, new Set()).get(entry.table)!).add(entry.key)
      // A note or card is written with its deck: a deck gone here is one removal, which covers them.
      for (const key of [...(keys.get('notes') ?? []), ...(keys.get('cards') ?? [])])
        (keys.get('decks') ?? keys.set('decks', new Set()).get('decks')!).add(deckOfKey(key))
      const rows = new Map<string, Row | undefined>()
      for (const [table, tableKeys] of keys) {
        const list = [...tableKeys]
        if (table === 'media') {
          // One row at a time, keeping only the fields: a whole collection's pictures would not fit in memory at once.
          await db.media
            .where(':id')
            .anyOf(list)
            .each((media) => rows.set(`media:${media.name}`, rowFields('media', media as unknown as Row)))
          continue
        }
        const found = (await db.table(table).bulkGet(list)) as Array<Row | undefined>
        list.forEach((key, i) => rows.set(`${table}:${key}`, found[i]))
      }
      // A grade recorded without its card's new state (a write that did not put the card): the card as it is now.
      const missing = [...new Set(all.flatMap((e) => (e.k === 'review' && !e.after ? [e.row.cardKey] : [])))]
      const cards = new Map<string, CardRecord | undefined>()
      const found = await db.cards.bulkGet(missing)
      missing.forEach((key, i) => cards.set(key, found[i]))
      return { entries: all, rows, cards }
    }
  )

  const chained = chainImportedHistories(entries, studySchedulers(state))
  const lastOfRow = new Map<string, number>()
  chained.forEach((entry, i) => entry.k === 'row' && lastOfRow.set(`${entry.table}:${entry.key}`, i))
  const changes: SyncChange[] = []
  const sent = new Set<string>()
  let now = clock
  const stamp = (time: number) => formatStamp((now = tick(now, time)))
  chained.forEach((entry, i) => {
    if (entry.k === 'row') {
      const where = `${entry.table}:${entry.key}`
      if (lastOfRow.get(where) !== i) return
      if ((entry.table === 'notes' || entry.table === 'cards') && !rows.get(`decks:${deckOfKey(entry.key)}`)) return
      const change = rowChange(state, entry.table, entry.key, rows.get(where))
      if (change) changes.push(change(stamp(entry.time)))
    } else if (entry.k === 'review') {
      const id = entry.row.syncId ?? ownReviewId(device, entry.local)
      if (state.reviews.has(id) || sent.has(id)) return
      sent.add(id)
      const after = entry.after ?? (cards.get(entry.row.cardKey) && syncCardState(cards.get(entry.row.cardKey)!))
      if (!after) return
      const at = entry.history ? historyStamp(device, entry.row.review, entry.local) : stamp(entry.time)
      changes.push(reviewChange(id, at, entry.row, entry.before, after))
    } else if (entry.k === 'move') {
      if (state.moves.get(entry.from)?.to !== entry.to) changes.push({ k: 'move', at: stamp(entry.time), card: entry.from, to: entry.to })
    } else {
      const review = entry.syncId ?? ownReviewId(device, entry.local)
      if (!state.undone.has(review)) changes.push({ k: 'undo', at: stamp(entry.time), review })
    }
  })
  // A segment lists its stamps in increasing order; a history is stamped at each review's time.
  changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return { changes, clock: now, consumed: entries.flatMap((e) => (e.id === undefined ? [] : [e.id])) }
}

/**
 * A deck written here that the folder has removed or never had: every note and card of it is
 * compared again, so that fields the folder lacks are sent. A deck imported again after Delete
 * deck brings back its set-aside notes and cards with their fields, and that changes no synced
 * field: a flag given before the deck was deleted was skipped at a sync while the deck was gone,
 * and would never be sent. (A new deck's rows are all in the outbox already; reading its keys
 * again is the cost of telling the two apart.)
 */
async function revivedDecks(db: RecallDatabase, state: SyncState, entries: readonly OutboxEntry[]): Promise<OutboxEntry[]> {
  const written = new Map<string, number>()
  for (const entry of entries) if (entry.k === 'row' && entry.table === 'decks') written.set(entry.key, entry.time)
  const revived: OutboxEntry[] = []
  for (const [deckId, time] of written) {
    const known = state.rows.decks.get(deckId)
    if ((known && rowStands(state, 'decks', deckId, known)) || !(await db.decks.get(deckId))) continue
    for (const table of ['notes', 'cards'] as const) {
      const keys = (await db.table(table).where('deckId').equals(deckId).primaryKeys()) as string[]
      for (const key of keys) revived.push({ k: 'row', time, table, key })
    }
  }
  return revived
}

/** The write (or removal) that brings the folder's row to the row here; undefined when they agree. */
function rowChange(state: SyncState, table: SyncTable, key: string, row: Row | undefined): ((at: string) => SyncChange) | undefined {
  const merged = mergedRow(state, table, key)
  if (!row) {
    const what = REMOVABLE_OF_TABLE[table]
    return merged.kind === 'stands' && what ? (at) => ({ k: 'remove', at, what, key }) : undefined
  }
  const local = rowFields(table, row)
  const known = state.rows[table].get(key)
  const standing = known !== undefined && rowStands(state, table, key, known)
  const fields: Fields = {}
  for (const [name, value] of Object.entries(local)) {
    const current = known?.fields.get(name)
    if (!standing || !current || JSON.stringify(current.value) !== JSON.stringify(value)) fields[name] = value
  }
  for (const [name, current] of known?.fields ?? []) if (!(name in local) && current.value !== null) fields[name] = null
  if (Object.keys(fields).length === 0) return undefined
  // A media change names its whole content (hash, type and size at one stamp), never one field of it.
  return (at) => writeChange(table, key, at, table === 'media' ? local : fields)
}

function reviewChange(id: string, at: string, row: Omit<SyncedReviewRecord, 'id'>, before: string, after: SyncCardState): ReviewChange {
  const { state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps } = row
  return {
    k: 'review',
    at,
    id,
    card: row.cardKey,
    deck: row.deckId,
    rating: row.rating,
    ...(row.manual ? { manual: row.manual } : {}),
    review: row.review,
    // A review of this machine's: its offset at the grade (the outbox is read where it was graded).
    zone: row.zone ?? -new Date(row.review).getTimezoneOffset(),
    duration: row.duration,
    before,
    log: { state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps },
    after
  }
}

/**
 * The whole collection as outbox entries: every row, and every review with the states it went
 * between, each card's history chained (`chainedStates` in review-chains.ts), its last review's
 * `after` the card as it is. Every device's replay then keeps each recorded state, and the card
 * ends exactly as it is here.
 */
async function wholeCollection(db: RecallDatabase, state: SyncState, now: number): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = []
  for (const table of RECORDED_TABLES) {
    const keys = (await db.table(table).toCollection().primaryKeys()) as unknown[]
    for (const key of keys) entries.push({ k: 'row', time: now, table, key: String(key) })
  }
  const reviews = (await db.reviews.toArray()) as SyncedReviewRecord[]
  const byCard = new Map<string, SyncedReviewRecord[]>()
  for (const review of reviews) (byCard.get(review.cardKey) ?? byCard.set(review.cardKey, []).get(review.cardKey)!).push(review)
  const cards = await db.cards.bulkGet([...byCard.keys()])
  const schedulerOf = studySchedulers(state)
  ;[...byCard.values()].forEach((logs, c) => {
    logs.sort((a, b) => a.review - b.review || (a.id ?? 0) - (b.id ?? 0))
    const card = cards[c]
    const states = chainedStates(schedulerOf(deckOfKey(logs[0]!.cardKey)), logs, card && syncCardState(card))
    logs.forEach(({ id, ...row }, i) => {
      const entry: OutboxEntry = { k: 'review', time: now, local: id!, row, before: '', history: true }
      entries.push(chainedEntry(entry, states, i))
    })
  })
  return entries
}
