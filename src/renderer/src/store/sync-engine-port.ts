import type { RecallDatabase } from '@db/database'
import type { LinkChoice, LinkPreview, SyncReport } from '@core/sync/sync-report'
import type { SyncFolderAccess } from '@shared/sync/sync-folder-access'

/**
 * The collection side of sync (db/sync/) as the sync slice uses it; tests pass a fake. Problems
 * with the folder come back in the report; a thrown error is a bug or a database failure.
 */
export interface SyncEngine {
  syncNow(db: RecallDatabase, folder: SyncFolderAccess, options: { now?: number }): Promise<SyncReport>
  previewLink(db: RecallDatabase, folder: SyncFolderAccess): Promise<LinkPreview>
  linkCollection(
    db: RecallDatabase,
    folder: SyncFolderAccess,
    choice: LinkChoice,
    options: { now?: number; appVersion?: string }
  ): Promise<SyncReport>
  unlinkCollection(db: RecallDatabase): Promise<void>
  /** The last exchange's report, kept with the collection. */
  lastReport(db: RecallDatabase): Promise<SyncReport | undefined>
}

/** The real engine, fetched on first use: sync's code is not part of the first download. */
export async function loadSyncEngine(): Promise<SyncEngine> {
  const [engine, link] = await Promise.all([import('@db/sync/sync-engine'), import('@db/sync/sync-link')])
  return {
    syncNow: engine.syncNow,
    previewLink: link.previewLink,
    linkCollection: link.linkCollection,
    unlinkCollection: link.unlinkCollection,
    lastReport: engine.lastSyncReport
  }
}
