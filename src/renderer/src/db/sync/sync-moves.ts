import type { RecallDatabase } from '@db/database'
import { OUTBOX_TABLE, type OutboxEntry } from '@db/sync/sync-records'
import Dexie, { type Table } from 'dexie'

/**
 * A move gives cards new keys (a card's key holds its deck), which the recorder cannot tell from a
 * removal and an addition: `moveCards` says it here. Add `moveScope(db)` to the transaction's
 * tables; while the collection is linked, `recordMoves` then adds one outbox entry per card, which
 * the next sync sends as a `move` change, so the card's reviews count for its new key everywhere.
 */
export function moveScope(db: RecallDatabase): Table[] {
  return db.syncRecording.linked ? [db.table(OUTBOX_TABLE)] : []
}

export async function recordMoves(db: RecallDatabase, moves: ReadonlyMap<string, string>, time: number): Promise<void> {
  if (moves.size === 0 || !Dexie.currentTransaction?.storeNames.includes(OUTBOX_TABLE)) return
  const entries: OutboxEntry[] = [...moves].map(([from, to]) => ({ k: 'move', time, from, to }))
  await db.table(OUTBOX_TABLE).bulkAdd(entries)
}
