import { deckOfKey, reviewCardKey, type SyncState } from '@core/sync/sync-state'
import type { RecallDatabase } from '@db/database'
import type { SyncedReviewRecord } from '@db/sync/sync-records'

/** Cards whose review rows are read in one request when new reviews are looked for here. */
const CARDS_PER_READ = 1_000

/**
 * The review rows a merge adds: every review new to the merge state that is not taken back, as a
 * row of the card it counts for (`reviewCardKey`), with its sync id. A review already here is not
 * added twice:
 * - this device's own, coming back from its own segments when it links again (found by key);
 * - with `checkHere`, any other: the merge state lacks content this collection applied before
 *   (its files were compacted into a snapshot read fresh now), so reviews it calls new may be
 *   rows here already. Those are found by sync id among the rows of their cards.
 */
export async function newReviewRows(
  db: RecallDatabase,
  state: SyncState,
  write: { newReviews: readonly string[]; ownReviewKey: (id: string) => number | undefined; checkHere?: boolean }
): Promise<Array<Omit<SyncedReviewRecord, 'id'> & { syncId: string }>> {
  const wanted = write.newReviews.filter((id) => state.reviews.has(id) && !state.undone.has(id))
  const own = wanted.flatMap((id) => {
    const key = write.ownReviewKey(id)
    return key === undefined ? [] : [[id, key] as const]
  })
  const ownRows = await db.reviews.bulkGet(own.map(([, key]) => key))
  const here = new Set(own.filter(([id], i) => ownRows[i]?.cardKey === reviewCardKey(state, state.reviews.get(id)!)).map(([id]) => id))
  if (write.checkHere) for (const id of await syncIdsHere(db, state, wanted)) here.add(id)

  const rows: Array<Omit<SyncedReviewRecord, 'id'> & { syncId: string }> = []
  for (const id of wanted) {
    if (here.has(id)) continue
    const change = state.reviews.get(id)!
    const cardKey = reviewCardKey(state, change)
    rows.push({
      ...change.log,
      rating: change.rating,
      review: change.review,
      cardKey,
      deckId: cardKey === change.card ? change.deck : deckOfKey(cardKey),
      duration: change.duration,
      ...(change.manual ? { manual: change.manual } : {}),
      syncId: id,
      ...(change.zone !== undefined ? { zone: change.zone } : {})
    })
  }
  return rows
}

/** The sync ids of the rows here of the cards the reviews `ids` count for (or were given to, before a move). */
async function syncIdsHere(db: RecallDatabase, state: SyncState, ids: readonly string[]): Promise<Set<string>> {
  const cards = new Set<string>()
  for (const id of ids) {
    const change = state.reviews.get(id)!
    cards.add(change.card)
    cards.add(reviewCardKey(state, change))
  }
  const keys = [...cards]
  const found = new Set<string>()
  for (let start = 0; start < keys.length; start += CARDS_PER_READ) {
    const rows = (await db.reviews
      .where('cardKey')
      .anyOf(keys.slice(start, start + CARDS_PER_READ))
      .toArray()) as SyncedReviewRecord[]
    for (const row of rows) if (row.syncId !== undefined) found.add(row.syncId)
  }
  return found
}
