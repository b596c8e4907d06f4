import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'
import type { SyncEngine } from '@store/sync-engine-port'

/** What store actions need from outside; tests pass a fake-indexeddb database and a fixed clock. */
export interface StoreDeps {
  db: RecallDatabase
  platform: Platform
  now: () => number
  /** Recall's version, written into backups. */
  appVersion?: string
  /** Sync's collection side (db/sync/); fetched on first use when not given (tests pass a fake). */
  syncEngine?: () => Promise<SyncEngine>
}
