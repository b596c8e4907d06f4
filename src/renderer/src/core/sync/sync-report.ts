import type { SyncFolderProblem } from '@shared/sync/sync-folder-access'

/** One device seen in the sync folder, as the sync status shows it. */
export interface DeviceSyncStatus {
  device: string
  /** This computer. */
  self: boolean
  /** Whole segments of the device in the folder, and how many of them this collection has applied. */
  segments: number
  applied: number
  /** Segment numbers below its highest that have not arrived (on their way, or lost). */
  missing: number[]
  /** Its files still arriving (temporary names, segments not closed yet). */
  arriving: number
  /** Its newest whole snapshot's number, when it has one. */
  snapshot?: number
  /** Its segments that only snapshots hold now: compacted away from the folder. */
  compacted?: number
  /** When this collection last applied one of its segments (or, for this computer, last wrote one): epoch ms. */
  lastExchange?: number
}

/** What one exchange with the folder did, in figures and words. */
export interface SyncReport {
  ok: boolean
  /** When it ended, epoch ms. */
  at: number
  /** Changes this computer wrote to the folder, and segments. */
  sent: number
  /** Changes of other devices applied to this collection. */
  received: number
  /** This computer's own files removed by compaction in this exchange. */
  removed?: number
  devices: DeviceSyncStatus[]
  /** The folder's problem (missing, read-only, full…) when the exchange could not be made or was made in part. */
  folderProblem?: SyncFolderProblem
  /** Files that were left alone (damaged, newer, second writer, unknown), in words. */
  notices: string[]
  /** Media names stored or removed here, and contents named by the merge whose bytes have not arrived yet (db/sync/media-exchange.ts). */
  media?: { changed: number; arriving: number }
}

/** What linking this collection to a folder will do, shown before anything changes. */
export interface LinkPreview {
  /** Devices already in the folder (none: this collection is the first). */
  devices: number
  /** What the folder's collection holds, and what this one holds. */
  folder: { decks: number; cards: number; reviews: number }
  here: { decks: number; cards: number; reviews: number }
}

/** How a collection joins a folder: merge both collections, or replace this one by the folder's. */
export type LinkChoice = 'merge' | 'take-folder'
