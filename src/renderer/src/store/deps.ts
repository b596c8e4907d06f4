import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'
import type { RecallState } from '@store/index'
import type { SyncEngine } from '@store/sync-engine-port'
import type { StateCreator } from 'zustand'

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

type SliceCreator = StateCreator<RecallState, [], [], unknown>
/** The store's `set` and `get`, as a slice's actions fetched on first use receive them (lazy-actions.ts). */
export type SetRecall = Parameters<SliceCreator>[0]
export type GetRecall = Parameters<SliceCreator>[1]
