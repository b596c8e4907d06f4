import { reasonOf } from '@core/errors'
import type { BackupInfo } from '@shared/backup/backup-types'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

export interface BackupsState {
  /** Automatic backups: the desktop app's, or the browser's in its private storage for the site (none without OPFS). */
  automatic: boolean
  /** Where they are kept: in the browser, clearing the site's data deletes them too. */
  inBrowser: boolean
  open: boolean
  busy: boolean
  list: BackupInfo[]
  /** A restore waiting for the person's confirmation. */
  pending?: { label: string; read: () => Promise<string> }
  message?: string
  failed?: boolean
}

export interface BackupSlice {
  backups: BackupsState
  openBackups(): Promise<void>
  closeBackups(): void
  backupNow(): Promise<void>
  exportBackupFile(): Promise<void>
  /** Every deck, its cards' progress, review history and media, as one Anki package. */
  exportAnkiPackage(): Promise<void>
  /** Asks to restore a backup from the app's folder or from a file; confirmRestore does it. */
  askRestore(source: { file: string } | { upload: File }): void
  cancelRestore(): void
  confirmRestore(): Promise<void>
}

export const createBackupSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], BackupSlice> =>
  (set, get) => {
    // Listing, writing and restoring backups are fetched when the dialog first opens.
    const later = lazyActions(
      () => import('@store/backup-actions'),
      (code) => code.backupActions(deps, set, get),
      (error, name) =>
        set((s) => ({
          backups: {
            ...s.backups,
            open: s.backups.open || name === 'listBackups',
            busy: false,
            failed: true,
            message: `The backups could not be opened (${reasonOf(error)}).`
          }
        }))
    )
    return {
      backups: { automatic: deps.platform.backups !== null, inBrowser: deps.platform.name === 'web', open: false, busy: false, list: [] },

      async openBackups() {
        set((s) => ({ backups: { ...s.backups, open: true, message: undefined, failed: false, pending: undefined } }))
        await later('listBackups')()
      },
      closeBackups: () => set((s) => ({ backups: { ...s.backups, open: false, pending: undefined } })),

      ...standIns(later, ['backupNow', 'exportBackupFile', 'exportAnkiPackage', 'askRestore', 'cancelRestore', 'confirmRestore'])
    }
  }
