import { reasonOf } from '@core/errors'
import type { StatsSnapshot } from '@core/stats/snapshot'
import { getSettings } from '@db/options-repository'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

/** 'all' for the whole collection, otherwise one deck's id. */
type StatsDeckChoice = string

interface StatsView {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  deck: StatsDeckChoice
  forecastDays: 30 | 90
  /** The figures of `deck`, kept on screen while the next ones load. */
  snapshot: StatsSnapshot | null
  /** When the snapshot was taken (the screen labels days from it). */
  takenAt: number
  error?: string
}

export interface StatsSlice {
  stats: StatsView
  /** Opens the statistics screen and reads its figures. */
  openStats(): Promise<void>
  chooseStatsDeck(deck: StatsDeckChoice): Promise<void>
  chooseForecastDays(days: 30 | 90): void
  refreshStats(): Promise<void>
}

export const createStatsSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], StatsSlice> =>
  (set, get) => {
    // A later request wins: switching decks quickly never shows an older deck's figures.
    let latest = 0
    const patch = (p: Partial<StatsView>) => set((s) => ({ stats: { ...s.stats, ...p } }))

    return {
      stats: { status: 'idle', deck: 'all', forecastDays: 30, snapshot: null, takenAt: 0 },

      async openStats() {
        set({ screen: { name: 'stats' } })
        await get().refreshStats()
      },

      async chooseStatsDeck(deck) {
        patch({ deck })
        await get().refreshStats()
      },

      chooseForecastDays: (forecastDays) => patch({ forecastDays }),

      async refreshStats() {
        const request = ++latest
        const { deck } = get().stats
        patch({ status: 'loading', error: undefined })
        try {
          const at = now()
          const { dayStartsAtHour } = await getSettings(db)
          // Fetched with the statistics screen: the study path never reads the whole log.
          const { loadStatistics } = await import('@db/stats-repository')
          const snapshot = await loadStatistics(db, deck === 'all' ? 'all' : { deckIds: [deck] }, at, dayStartsAtHour)
          if (request === latest) patch({ status: 'ready', snapshot, takenAt: at })
        } catch (error) {
          if (request === latest) patch({ status: 'failed', error: `The statistics could not be read (${reasonOf(error)}).` })
        }
      }
    }
  }
