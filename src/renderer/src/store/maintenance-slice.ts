import type { CheckReport } from '@core/maintenance/check-rules'
import type { JournalStartReport } from '@db/journal/journal-start'
import { describeJournalStart } from '@db/journal/journal-report'
import { BLOCKED_MESSAGE, CLOSED_ELSEWHERE_MESSAGE, openCollection, watchConnection } from '@db/open-database'
import { describeStorageError } from '@db/storage-errors'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

interface CollectionStatus {
  /** `closed`: another window upgraded the collection and this one must reload. */
  state: 'opening' | 'open' | 'blocked' | 'failed' | 'closed'
  message?: string
}

interface CollectionCheck {
  status: 'idle' | 'running' | 'done' | 'failed'
  report?: CheckReport
  error?: string
}

export interface MaintenanceSlice {
  collection: CollectionStatus
  /** Opens the collection (Dexie would on first use) so that a failure gets a clear message. */
  openCollection(): Promise<void>
  collectionCheck: CollectionCheck
  /** What the journal's start-up check put right, told once (db/journal); undefined when nothing was. */
  journalNotice?: { tone: 'recovered' | 'warning'; message: string }
  noteJournalStart(report: JournalStartReport): void
  dismissJournalNotice(): void
  /** Anki's Check Database: finds and mends broken cards in one transaction, then recounts the decks. */
  checkCollection(): Promise<void>
}

export const createMaintenanceSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], MaintenanceSlice> =>
  (set, get) => {
    // Listening costs nothing and must start before another window can upgrade the collection.
    watchConnection(db, {
      closedElsewhere: () => set({ collection: { state: 'closed', message: CLOSED_ELSEWHERE_MESSAGE } }),
      blocked: () => set({ collection: { state: 'blocked', message: BLOCKED_MESSAGE } })
    })

    return {
      collection: { state: 'opening' },
      collectionCheck: { status: 'idle' },

      noteJournalStart(report) {
        const message = describeJournalStart(report, (date) => new Date(date).toLocaleString())
        if (message) set({ journalNotice: { tone: report.kind === 'unavailable' ? 'warning' : 'recovered', message } })
      },

      dismissJournalNotice() {
        set({ journalNotice: undefined })
      },

      async openCollection() {
        const result = await openCollection(db)
        // A versionchange may have closed the connection meanwhile: that message stays.
        if (get().collection.state === 'closed') return
        set({ collection: result.ok ? { state: 'open' } : { state: 'failed', message: result.message } })
        if (result.ok) get().prepareStatistics()
      },

      async checkCollection() {
        if (get().collectionCheck.status === 'running') return
        set({ collectionCheck: { status: 'running' } })
        try {
          const report = await (await import('@db/check-collection')).checkCollection(db, now())
          set({ collectionCheck: { status: 'done', report } })
        } catch (error) {
          set({ collectionCheck: { status: 'failed', error: `The check stopped and changed nothing. ${describeStorageError(error)}` } })
          return
        }
        try {
          await get().refreshCounts()
        } catch {
          // The report stands; the deck list keeps its previous counts until the next refresh.
        }
      }
    }
  }
