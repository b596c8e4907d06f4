import type { LinkChoice, LinkPreview, SyncReport } from '@core/sync/sync-report'
import { reasonOf } from '@core/errors'
import type { LinkedSyncFolder } from '@shared/sync/sync-folder-access'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { forgetAllMedia } from '@store/media-urls'
import { loadSyncEngine, type SyncEngine } from '@store/sync-engine-port'
import type { StateCreator } from 'zustand'

/** Why an exchange runs: shown nowhere, but it decides whether one may run during a study session. */
type SyncReason = 'start' | 'folder' | 'session-end' | 'quit' | 'now' | 'link'

type SyncLinkStep =
  | { step: 'idle' }
  | { step: 'choosing' }
  | { step: 'reading'; label: string }
  | { step: 'preview'; label: string; preview: LinkPreview }
  | { step: 'linking'; label: string; choice: LinkChoice }

interface SyncStatus {
  /** False where this platform has no sync (a browser without the File System Access API). */
  available: boolean
  loaded: boolean
  folder: LinkedSyncFolder | null
  /** An exchange is running. */
  running: boolean
  /** The last exchange's report (this visit's, or the one kept with the collection). */
  report?: SyncReport
  /** When the last exchange that went through ended. */
  lastSuccessAt?: number
  link: SyncLinkStep
  /** What the last action could not do, in words; cleared by the next that works. */
  error?: string
}

export interface SyncSlice {
  sync: SyncStatus
  loadSync(): Promise<void>
  /**
   * One exchange with the folder, one at a time: a call while one runs is remembered and runs once
   * after it. During a study session only "Sync now" and quitting run; the others wait for its end.
   */
  runSync(reason: SyncReason): Promise<void>
  /** Choose a folder, then read what linking would do (the preview); nothing changes yet. */
  chooseSyncFolder(): Promise<void>
  confirmSyncLink(choice: LinkChoice): Promise<void>
  cancelSyncLink(): void
  /** The browser dropped its permission: ask again (from a click). */
  reconnectSync(): Promise<void>
  /** Stops syncing on this computer; the folder's files stay. */
  unlinkSync(): Promise<void>
}

const WAITS_FOR_SESSION: ReadonlySet<SyncReason> = new Set(['start', 'folder', 'session-end'])

export const createSyncSlice =
  ({ db, platform, now, appVersion, syncEngine = loadSyncEngine }: StoreDeps): StateCreator<RecallState, [], [], SyncSlice> =>
  (set, get) => {
    const patch = (p: Partial<SyncStatus>) => set((s) => ({ sync: { ...s.sync, ...p } }))
    const sync = platform.sync ?? null
    let engine: Promise<SyncEngine> | null = null
    const theEngine = () => (engine ??= syncEngine())
    let running: Promise<void> | null = null
    let again: SyncReason | null = null

    const noteReport = async (report: SyncReport) => {
      patch({ report, ...(report.ok ? { lastSuccessAt: report.at, error: undefined } : {}) })
      // The deck list's counts follow what arrived.
      if (report.received > 0) await get().refreshCounts()
      // Pictures that arrived (or changed, or went) show on the cards without a restart.
      if ((report.media?.changed ?? 0) > 0) forgetAllMedia()
    }

    const exchange = async (reason: SyncReason): Promise<void> => {
      if (!sync) return
      const folder = get().sync.folder
      if (!folder || folder.needsPermission) return
      if (WAITS_FOR_SESSION.has(reason) && get().session) {
        again = 'session-end'
        return
      }
      patch({ running: true })
      try {
        await noteReport(await (await theEngine()).syncNow(db, sync.folder(), { now: now() }))
      } catch (error) {
        patch({
          error: `Sync did not finish (${reasonOf(error)}). Your collection on this computer is as it was; Recall tries again later.`
        })
      } finally {
        patch({ running: false })
      }
    }

    return {
      sync: { available: sync !== null, loaded: false, folder: null, running: false, link: { step: 'idle' } },

      async loadSync() {
        if (!sync) return patch({ loaded: true })
        try {
          const folder = await sync.linked()
          const report = folder ? await (await theEngine()).lastReport(db) : undefined
          patch({ loaded: true, folder, report, lastSuccessAt: report?.ok ? report.at : undefined })
        } catch (error) {
          patch({ loaded: true, error: `Could not read the sync settings (${reasonOf(error)}).` })
        }
      },

      runSync(reason) {
        if (running) {
          // The exchange under way may have read the folder before this change: one more after it.
          if (reason !== 'start') again = again ?? reason
          return running
        }
        running = (async () => {
          try {
            await exchange(reason)
            while (again) {
              const next: SyncReason = again
              again = null
              if (WAITS_FOR_SESSION.has(next) && get().session) {
                again = next
                break
              }
              await exchange(next)
            }
          } finally {
            running = null
          }
        })()
        return running
      },

      async chooseSyncFolder() {
        if (!sync) return
        patch({ link: { step: 'choosing' }, error: undefined })
        const chosen = await sync.chooseFolder().catch((error: unknown) => ({
          ok: false as const,
          problem: { kind: 'failed' as const, message: `The folder could not be chosen (${reasonOf(error)}).` }
        }))
        if (!chosen) return patch({ link: { step: 'idle' } })
        if (!chosen.ok) return patch({ link: { step: 'idle' }, error: chosen.problem.message })
        const label = chosen.value.label
        patch({ link: { step: 'reading', label } })
        try {
          const preview = await (await theEngine()).previewLink(db, sync.chosenFolder())
          patch({ link: { step: 'preview', label, preview } })
        } catch (error) {
          patch({ link: { step: 'idle' }, error: `Recall could not read the folder ${label} (${reasonOf(error)}). Nothing was linked.` })
        }
      },

      async confirmSyncLink(choice) {
        const step = get().sync.link
        if (!sync || step.step !== 'preview') return
        patch({ link: { step: 'linking', label: step.label, choice }, error: undefined })
        if (choice === 'take-folder' && platform.backups) {
          // This collection is about to be replaced: a backup first, or nothing happens.
          const backup = await platform.backups
            .backupNow()
            .catch((error: unknown) => ({ status: 'failed' as const, message: reasonOf(error) }))
          if (backup.status === 'failed')
            return patch({ link: { step: 'idle' }, error: `No backup could be written (${backup.message}), so nothing was replaced.` })
        }
        const linked = await sync.link()
        if (!linked.ok) return patch({ link: { step: 'idle' }, error: linked.problem.message })
        patch({ folder: linked.value })
        // No other exchange may run while the collection joins the folder.
        await running
        patch({ running: true })
        try {
          const report = await (await theEngine()).linkCollection(db, sync.folder(), choice, { now: now(), appVersion })
          patch({ link: { step: 'idle' } })
          await noteReport(report)
          if (choice === 'take-folder') await get().refreshCounts()
        } catch (error) {
          // The collection side failed before it recorded the link: the folder is not linked either.
          await sync.unlink().catch(() => undefined)
          patch({ folder: null, link: { step: 'idle' }, error: `Linking did not finish (${reasonOf(error)}). Nothing was changed.` })
        } finally {
          patch({ running: false })
        }
      },

      cancelSyncLink: () => patch({ link: { step: 'idle' } }),

      async reconnectSync() {
        if (!sync) return
        const result = await sync.reconnect()
        if (!result.ok) return patch({ error: result.problem.message })
        patch({ folder: result.value, error: undefined })
        await get().runSync('now')
      },

      async unlinkSync() {
        if (!sync) return
        await running
        try {
          await (await theEngine()).unlinkCollection(db)
          await sync.unlink()
          patch({ folder: null, report: undefined, lastSuccessAt: undefined, error: undefined, link: { step: 'idle' } })
        } catch (error) {
          patch({ error: `Could not unlink the folder (${reasonOf(error)}).` })
        }
      }
    }
  }
