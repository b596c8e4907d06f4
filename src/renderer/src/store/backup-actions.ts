import { reasonOf, RecallError } from '@core/errors'
import { saveAnkiPackage } from '@store/apkg-export'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import { forgetAllMedia } from '@store/media-urls'
import type { BackupSlice, BackupsState } from '@store/backup-slice'

// The backup format's code is fetched when a backup is made or restored, not at start.
const backupCode = () => import('@db/collection-backup')

/** What the backups dialog does (backup-slice.ts holds its state): fetched when it first opens or a backup is asked for. */
export type BackupActions = Omit<BackupSlice, 'backups' | 'openBackups' | 'closeBackups'> & {
  /** Reads the automatic backups again for the open dialog. */
  listBackups(): Promise<void>
}

export function backupActions({ db, platform, now, appVersion = '0.0.0' }: StoreDeps, set: SetRecall, get: GetRecall): BackupActions {
  const patch = (p: Partial<BackupsState>) => set({ backups: { ...get().backups, ...p } })
  const refreshList = async () => {
    try {
      patch({ list: platform.backups ? await platform.backups.list() : [] })
    } catch (error) {
      patch({ list: [], failed: true, message: `The automatic backups could not be listed (${reasonOf(error)}).` })
    }
  }
  const stamp = () => new Date(now()).toISOString().slice(0, 16).replace(/[:T]/g, '-')

  return {
    listBackups: refreshList,

    async backupNow() {
      if (!platform.backups) return
      patch({ busy: true })
      const outcome = await platform.backups.backupNow()
      // The list shows the new backup before the message says it is written.
      await refreshList()
      patch({
        busy: false,
        failed: outcome.status === 'failed',
        message:
          outcome.status === 'written'
            ? 'Backup written.'
            : outcome.status === 'failed'
              ? outcome.message
              : 'Nothing changed since the last backup.'
      })
    },

    async exportBackupFile() {
      patch({ busy: true })
      try {
        const content = await (await backupCode()).encodeCollection(db, appVersion, now())
        const result = await platform.saveFile({ suggestedName: `recall-${stamp()}.recall-backup`, content, kind: 'backup' })
        patch({
          busy: false,
          failed: result.status === 'failed',
          message:
            result.status === 'saved'
              ? `Saved the whole collection to ${result.file}.`
              : result.status === 'failed'
                ? result.message
                : undefined
        })
      } catch (error) {
        patch({ busy: false, failed: true, message: `The backup could not be made (${reasonOf(error)}).` })
      }
    },

    async exportAnkiPackage() {
      patch({ busy: true })
      try {
        const message = await saveAnkiPackage({ db, platform, now }, 'all', `recall-${stamp()}.apkg`)
        patch({ busy: false, failed: false, message: message || undefined })
      } catch (error) {
        patch({ busy: false, failed: true, message: `The Anki package could not be written (${reasonOf(error)}).` })
      }
    },

    askRestore(source) {
      const pending =
        'file' in source
          ? {
              label: `the automatic backup of ${new Date(get().backups.list.find((b) => b.file === source.file)?.date ?? 0).toLocaleString()}`,
              read: async () => {
                const result = await platform.backups!.read(source.file)
                if ('error' in result) throw new RecallError('failed', result.error)
                return result.content
              }
            }
          : { label: source.upload.name, read: () => source.upload.text() }
      patch({ pending, message: undefined, failed: false })
    },
    cancelRestore: () => patch({ pending: undefined }),

    async confirmRestore() {
      const pending = get().backups.pending
      if (!pending) return
      patch({ busy: true, pending: undefined })
      try {
        // First a backup of the collection as it is now, so the restore itself can be undone.
        if (platform.backups) {
          const safety = await platform.backups.backupNow()
          if (safety.status === 'failed') throw new RecallError('failed', `the safety backup failed first: ${safety.message}`)
        }
        const outcome = await (await backupCode()).restoreCollection(db, await pending.read())
        forgetAllMedia()
        if (!outcome.ok) return patch({ busy: false, failed: true, message: `${outcome.message} Your collection was not changed.` })
        set({ session: null, undoStack: [], screen: { name: 'decks' } })
        await get().refreshCounts()
        // The list (with the safety backup) is read before the message says it is done.
        await refreshList()
        patch({ busy: false, failed: false, message: `Restored ${pending.label}.` })
      } catch (error) {
        patch({ busy: false, failed: true, message: `Nothing was restored (${reasonOf(error)}). Your collection was not changed.` })
      }
    }
  }
}
