import type { AutoBackupOutcome, BackupContentReply, BackupInfo, BackupReadResult } from '@shared/backup/backup-types'
import type { DeckProblem } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import type { JournalSegment } from '@shared/journal/journal-store'
import type { OptimizeResult, OptimizerHistory, OptimizerProgress } from '@shared/optimizer'
import type { SyncFile } from '@shared/sync/read-sync-folder'
import type { LinkedSyncFolder, SyncFolderResult, SyncListOptions } from '@shared/sync/sync-folder-access'

/** Where a deck came from: shipped with the app, or a file in the user's decks folder. */
export type DeckOrigin = 'builtin' | 'user'

export interface LibraryDeck {
  deck: Deck
  origin: DeckOrigin
  /** File name, for messages and "where did this come from". */
  file: string
}

export interface DeckLibrary {
  decks: LibraryDeck[]
  problems: DeckProblem[]
}

/** The sync folder's methods (main/sync/sync-services.ts serves them, platform/electron-sync.ts calls them). */
export type SyncMethodName =
  | 'syncLinked'
  | 'syncChooseFolder'
  | 'syncLink'
  | 'syncUnlink'
  | 'syncList'
  | 'syncWriteSegment'
  | 'syncWriteSnapshot'
  | 'syncRemoveOwn'
  | 'syncWriteMedia'
  | 'syncReadMedia'
  | 'syncQuitDone'

/**
 * The one contract between main and renderer. The preload implements it (`satisfies RecallApi`),
 * main registers one handler per method on the channel `recall:<method>`, and the renderer's
 * electron platform calls it through `window.api`.
 */
export interface RecallApi {
  listDecks(): Promise<DeckLibrary>
  /**
   * Fits FSRS parameters to the given histories with the native optimizer; its progress comes on
   * OPTIMIZER_PROGRESS_CHANNEL. One at a time: it cannot be stopped once started.
   */
  optimizeParameters(histories: OptimizerHistory[]): Promise<OptimizeResult>
  /** Asks where to save (the system's save dialog) and writes the text (or the bytes of a binary kind) there. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>
  /** Called after the collection changed; main writes a backup if the last is 30+ minutes old. */
  noteStudyActivity(): Promise<AutoBackupOutcome>
  backupNow(): Promise<AutoBackupOutcome>
  listBackups(): Promise<BackupInfo[]>
  readBackup(file: string): Promise<BackupReadResult>
  /** The renderer's answer to a backup request sent on BACKUP_REQUEST_CHANNEL. */
  deliverBackupContent(requestId: string, reply: BackupContentReply): Promise<void>
  /** The daily reminder: a system notification "N cards are due in Recall" (count 1..1e6). */
  showReminder(count: number): Promise<void>
  /**
   * The journal's files in the user-data folder (shared/journal/journal-store.ts). An append is
   * written, in the order the calls were sent, before it resolves; it rejects with a message a
   * person can read (a full disk…), and the next append tries again.
   */
  journalAppend(epoch: string, segment: string, text: string): Promise<void>
  /** The epoch's segments in name order; one that cannot be read is left out (and logged by main). */
  journalRead(epoch: string): Promise<JournalSegment[]>
  journalEpochs(): Promise<string[]>
  /** Deletes the given segments of the epoch, or the whole epoch when none are given. */
  journalRemove(epoch: string, segments?: readonly string[]): Promise<void>
  /**
   * Sync (issue 24, main/sync/). The folder is chosen only in main's folder dialog: no path is
   * ever sent by the page. `which` reads the linked folder, or the one chosen for the link preview.
   */
  syncLinked(): Promise<LinkedSyncFolder | null>
  syncChooseFolder(): Promise<SyncFolderResult<LinkedSyncFolder> | null>
  syncLink(): Promise<SyncFolderResult<LinkedSyncFolder>>
  syncUnlink(): Promise<void>
  syncList(which: SyncFolderWhich, options?: SyncListOptions): Promise<SyncFolderResult<SyncFile[]>>
  syncWriteSegment(device: string, seq: number, text: string): Promise<SyncFolderResult<string>>
  syncWriteSnapshot(device: string, seq: number, text: string): Promise<SyncFolderResult<string>>
  /** Compaction: removes one of this device's own segments or snapshots; one already gone is not an error. */
  syncRemoveOwn(device: string, name: string): Promise<SyncFolderResult<string>>
  /** Written only when the bytes' SHA-256 is `hash`. */
  syncWriteMedia(device: string, hash: string, bytes: Uint8Array): Promise<SyncFolderResult<string>>
  /** Returned only when the bytes' SHA-256 is `hash`. */
  syncReadMedia(device: string, hash: string): Promise<SyncFolderResult<Uint8Array>>
  /** The page's answer to SYNC_BEFORE_QUIT_CHANNEL: its last sync is done (or failed), quitting goes on. */
  syncQuitDone(requestId: string): Promise<void>
}

export type SyncFolderWhich = 'linked' | 'chosen'

/** Main → renderer: the linked sync folder's files changed (no payload). */
export const SYNC_FOLDER_CHANGE_CHANNEL = 'recall:sync-folder-change'

/** Main → renderer: Recall is quitting, sync once and answer with `syncQuitDone(requestId)`. */
export const SYNC_BEFORE_QUIT_CHANNEL = 'recall:sync-before-quit'

export type SaveFileKind = 'deck-json' | 'deck-csv' | 'deck-apkg' | 'backup'

export interface SaveFileRequest {
  /** A file name only (no folders); the person chooses the folder. */
  suggestedName: string
  /** The text; for a binary file (`deck-apkg`, an Anki package), its bytes in base64. */
  content: string
  kind: SaveFileKind
}

export type SaveFileResult = { status: 'saved'; file: string } | { status: 'cancelled' } | { status: 'failed'; message: string }

/** Main → renderer: "send me the encoded collection" (payload: a request id). */
export const BACKUP_REQUEST_CHANNEL = 'recall:backup-request'

/** Main → renderer: how far the running optimization has gone (payload: OptimizerProgress). */
export const OPTIMIZER_PROGRESS_CHANNEL = 'recall:optimizer-progress'

/** Only two counts, 0 ≤ done ≤ total, ever reach the page as progress. */
export function isOptimizerProgress(value: unknown): value is OptimizerProgress {
  if (typeof value !== 'object' || value === null) return false
  const { done, total } = value as Partial<OptimizerProgress>
  return Number.isInteger(done) && Number.isInteger(total) && done! >= 0 && done! <= total!
}

/** Main → renderer: a menu item that acts in the page (payload: one of MENU_COMMANDS). */
export const MENU_COMMAND_CHANNEL = 'recall:menu-command'

export const MENU_COMMANDS = [
  'import-deck',
  'open-backups',
  'theme-light',
  'theme-dark',
  'theme-system',
  'go-decks',
  'go-browse',
  'go-stats',
  'go-practice',
  'go-exam-plan',
  'show-shortcuts',
  'sync-now'
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export function isMenuCommand(value: unknown): value is MenuCommand {
  return MENU_COMMANDS.includes(value as MenuCommand)
}

/** What the preload exposes besides the invoke methods: main's requests, as a named listener. */
export interface RecallEvents {
  onBackupRequest(listener: (requestId: string) => void): () => void
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  onOptimizerProgress(listener: (progress: OptimizerProgress) => void): () => void
  onSyncFolderChange(listener: () => void): () => void
  onSyncBeforeQuit(listener: (requestId: string) => void): () => void
}

export type RecallMethod = keyof RecallApi

// Listing every method here (the type forces it) lets main and preload derive their wiring.
const methods: { [K in RecallMethod]: true } = {
  listDecks: true,
  optimizeParameters: true,
  saveFile: true,
  noteStudyActivity: true,
  backupNow: true,
  listBackups: true,
  readBackup: true,
  deliverBackupContent: true,
  showReminder: true,
  journalAppend: true,
  journalRead: true,
  journalEpochs: true,
  journalRemove: true,
  syncLinked: true,
  syncChooseFolder: true,
  syncLink: true,
  syncUnlink: true,
  syncList: true,
  syncWriteSegment: true,
  syncWriteSnapshot: true,
  syncRemoveOwn: true,
  syncWriteMedia: true,
  syncReadMedia: true,
  syncQuitDone: true
}
export const RECALL_METHODS = Object.keys(methods) as RecallMethod[]

export function channelOf(method: RecallMethod): string {
  return `recall:${method}`
}
