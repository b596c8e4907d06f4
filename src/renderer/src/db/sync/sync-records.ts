import type { ReviewRecord } from '@core/model'
import type { SyncReport } from '@core/sync/sync-report'
import type { SyncCardState, SyncTable } from '@shared/sync/changes'
import type { Stamp } from '@shared/sync/hlc'

/** The tables of database version 9 (database.ts): what is waiting to be sent, and where sync stands. */
export const OUTBOX_TABLE = 'syncOutbox'
export const META_TABLE = 'syncMeta'

/** The collection's tables whose changes sync records (for media, the names: their bytes go by content, media-exchange.ts). */
export const RECORDED_TABLES: readonly SyncTable[] = ['decks', 'notes', 'cards', 'presets', 'settings', 'exams', 'simulations', 'media']

/**
 * One local write waiting to be sent, as the recorder (sync-recorder.ts) took it in the write's
 * own transaction. A row's write names only the row: at sync time the row as it is then is
 * compared with what the folder knows, field by field (outbox-changes.ts). A grade cannot wait:
 * the card's state before and after it are only known at that moment.
 */
export type OutboxEntry =
  | { id?: number; k: 'row'; time: number; table: SyncTable; key: string }
  | {
      id?: number
      k: 'review'
      time: number
      /** The review row's key in this collection. */
      local: number
      row: Omit<ReviewRecord, 'id'> & { syncId?: string }
      before: string
      after?: SyncCardState
      /** A review of the collection's history, sent at a link by merging: stamped at its own time (`historyStamp`). */
      history?: true
    }
  /** A review row deleted (Undo): by its sync id when it came from another device, else by its local key. */
  | { id?: number; k: 'undo'; time: number; local: number; syncId?: string }
  /** A card moved to another deck (`moveCards`): its old key and its new one. */
  | { id?: number; k: 'move'; time: number; from: string; to: string }

/** This installation's id: made once, kept when the collection is unlinked. */
export interface DeviceRow {
  key: 'device'
  device: string
}

/** Present while the collection is linked to a folder; the recorder reads it at start. */
export interface LinkRow {
  key: 'link'
  linkedAt: number
  /** The whole collection is still to be written (a 'merge' link): set until all of it is in the folder. */
  wholePending: boolean
}

/** Where the exchange stands: the clock's last stamp, segments written and applied. */
export interface ExchangeRow {
  key: 'exchange'
  clock: Stamp
  /** The highest segment number this device wrote. */
  written: number
  /** The number of the last snapshot this device wrote (snapshot-format.ts); absent before its first. */
  snapshot?: number
  /** `device/seq/checksum` of every segment applied (this device's own included once written). */
  applied: string[]
  /** When a device's segment was last applied (this device: last written), epoch ms. */
  lastExchange: Record<string, number>
  /**
   * Cards the last sync's merge touched but left as a grade given while it ran made them (the
   * replay did not know that grade): the next sync replays them (`writeMerged`).
   */
  replayNext?: string[]
  /**
   * The folder's files as the last complete sync left them, path → signature (`SyncFile.sig`):
   * a sync that finds them so, with nothing here to send, reads nothing (db/sync/unchanged-folder.ts).
   * Dropped by any sync that starts, and written again when one completes.
   */
  files?: Record<string, string>
}

interface ReportRow {
  key: 'report'
  report: SyncReport
}

export type MetaRow = DeviceRow | LinkRow | ExchangeRow | ReportRow

/**
 * A review row that came from another device carries the id it has in the folder, and the UTC
 * offset of the device that gave it (its change's `zone`), so that sending it again sends the same.
 */
export type SyncedReviewRecord = ReviewRecord & { syncId?: string; zone?: number }

/** The sync id of a review this device made: unique, since a device id is, and stable across syncs. */
export function ownReviewId(device: string, local: number): string {
  return `${device}-r${local}`
}
