import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'

/** What store actions need from outside; tests pass a fake-indexeddb database and a fixed clock. */
export interface StoreDeps {
  db: RecallDatabase
  platform: Platform
  now: () => number
  /** Recall's version, written into backups. */
  appVersion?: string
}
