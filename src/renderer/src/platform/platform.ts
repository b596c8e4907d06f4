import type { AutoBackupOutcome, BackupInfo, BackupReadResult } from '@shared/backup/backup-types'
import type { ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import type { DeckLibrary, MenuCommand, SaveFileRequest, SaveFileResult } from '@shared/ipc'
import type { OptimizeResult, OptimizerHistory } from '@shared/optimizer'

/** How the renderer reaches the outside world: the Electron shell or a plain browser. */
export interface Platform {
  name: 'electron' | 'web'
  listDecks(): Promise<DeckLibrary>
  /** Asks the browser not to evict the collection under storage pressure. */
  requestPersistentStorage(): Promise<boolean>
  /** The save dialog in the desktop app; a download in the browser. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>
  optimizeParameters(histories: OptimizerHistory[]): Promise<OptimizeResult>
  /** Reads a deck file of any supported format, off the UI thread. */
  readDeckFile(file: { name: string; bytes: Uint8Array }): Promise<ImportResult<Deck>>
  /** Automatic backups live in the desktop app's data folder; the browser has none. */
  backups: BackupFolder | null
  /** The desktop app's menu bar asks the page to act; the browser has no menu bar. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void
  /** The daily reminder's system notification; absent where none can be shown. */
  notifications?: ReminderNotifications
}

export interface ReminderNotifications {
  /** Asked when the person turns reminders on (a browser shows its permission prompt). */
  requestPermission(): Promise<boolean>
  showDue(count: number): Promise<void>
}

interface BackupFolder {
  noteStudyActivity(): Promise<AutoBackupOutcome>
  backupNow(): Promise<AutoBackupOutcome>
  list(): Promise<BackupInfo[]>
  read(file: string): Promise<BackupReadResult>
  /** Main asks for the encoded collection (for a backup); `encode` answers. */
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
