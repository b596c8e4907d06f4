import type { AutoBackupOutcome, BackupInfo, BackupReadResult } from '@shared/backup/backup-types'
import type { CsvChoice } from '@shared/deck/csv-reading'
import type { ImportProgress } from '@shared/deck/import-progress'
import type { ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import type { DeckLibrary, MenuCommand, SaveFileRequest, SaveFileResult } from '@shared/ipc'
import type { JournalStore } from '@shared/journal/journal-store'
import type { OptimizeResult, OptimizerHistory, OptimizerProgress } from '@shared/optimizer'
import type { SyncPlatform } from '@shared/sync/sync-folder-access'

/** How the renderer reaches the outside world: the Electron shell or a plain browser. */
export interface Platform {
  name: 'electron' | 'web'
  listDecks(): Promise<DeckLibrary>
  /** Asks the browser not to evict the collection under storage pressure. */
  requestPersistentStorage(): Promise<boolean>
  /** The save dialog in the desktop app; a download in the browser. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>
  /**
   * Fits FSRS parameters to the histories (fsrs-rs: the native binding in the desktop app's main
   * process, its WebAssembly build in a worker in a browser). After `signal` aborts it resolves at
   * once; the browser's worker is ended, the desktop's training runs on to its end unheard.
   */
  optimizeParameters(histories: OptimizerHistory[], options?: OptimizeOptions): Promise<OptimizeResult>
  /** Whether a cancelled optimization really stops (the browser's worker) or only goes unheard (the desktop's binding). */
  optimizerStops: boolean
  /**
   * Reads a deck file of any supported format, off the UI thread, with its progress. After
   * `signal` aborts it resolves at once with no deck and no problems, and the reading stops.
   */
  readDeckFile(file: { name: string; bytes: Uint8Array }, options?: ReadDeckOptions): Promise<ImportResult<Deck>>
  /**
   * Automatic backups: in the desktop app's user-data folder, or in the browser's Origin Private
   * File System (platform/opfs-backups.ts); null in a browser without OPFS.
   */
  backups: BackupFolder | null
  /**
   * The journal's files outside IndexedDB (db/journal): the desktop app's user-data folder, or the
   * browser's Origin Private File System; null where there is none (a browser without OPFS).
   */
  journal: JournalStore | null
  /** The desktop app's menu bar asks the page to act; the browser has no menu bar. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void
  /** The daily reminder's system notification; absent where none can be shown. */
  notifications?: ReminderNotifications
  /**
   * Sync through a folder (issue 24): the desktop app's main process, or the browser's File System
   * Access API; null (or absent) in a browser without it. `onBeforeQuit`: the desktop app asks for
   * one last sync as it quits.
   */
  sync?: (SyncPlatform & { onBeforeQuit?(run: () => Promise<unknown>): () => void }) | null
}

export interface ReadDeckOptions {
  onProgress?: (progress: ImportProgress) => void
  signal?: AbortSignal
  /** How to read a CSV or TSV file, as chosen in the import preview. */
  csv?: CsvChoice
}

export interface OptimizeOptions {
  onProgress?: (progress: OptimizerProgress) => void
  signal?: AbortSignal
}

/** What an optimization resolves with once its caller gave up on it. */
const CANCELLED_OPTIMIZE: OptimizeResult = { ok: false, message: 'Optimizing was cancelled.' }

/** Resolves with `work`, or with CANCELLED_OPTIMIZE as soon as `signal` aborts (calling `stop` then). */
export function untilAborted(work: Promise<OptimizeResult>, signal: AbortSignal | undefined, stop: () => void = () => undefined) {
  if (!signal) return work
  if (signal.aborted) {
    stop()
    return Promise.resolve(CANCELLED_OPTIMIZE)
  }
  return new Promise<OptimizeResult>((resolve, reject) => {
    const onAbort = () => {
      stop()
      resolve(CANCELLED_OPTIMIZE)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

export interface ReminderNotifications {
  /** Asked when the person turns reminders on (a browser shows its permission prompt). */
  requestPermission(): Promise<boolean>
  showDue(count: number): Promise<void>
}

export interface BackupFolder {
  noteStudyActivity(): Promise<AutoBackupOutcome>
  backupNow(): Promise<AutoBackupOutcome>
  list(): Promise<BackupInfo[]>
  read(file: string): Promise<BackupReadResult>
  /** `encode` makes the encoded collection when a backup is due (the desktop's main process asks the page for it). */
  answerRequests(encode: () => Promise<string>): () => void
}

export async function askForPersistence(storage: StorageManager | undefined): Promise<boolean> {
  try {
    if (!storage?.persist) return false
    return (await storage.persisted()) || (await storage.persist())
  } catch {
    return false
  }
}
