import { reasonOf } from '@core/errors'
import type { CountingProgress, StatsSnapshot } from '@core/stats/snapshot'
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
  /** While the review log is still being counted (after an upgrade): how far it has come. */
  counting: CountingProgress | null
  error?: string
}

export interface StatsSlice {
  stats: StatsView
  /** Opens the statistics screen and reads its figures. */
  openStats(): Promise<void>
  chooseStatsDeck(deck: StatsDeckChoice): Promise<void>
  chooseForecastDays(days: 30 | 90): void
  refreshStats(): Promise<void>
  /**
   * Once the collection is open, in idle time: counts the review log into the statistics' rollup
   * if it is not yet (after an upgrade), or sums its days again after a change of day start or
   * time zone, so that opening the statistics seldom has to.
   */
  prepareStatistics(): void
}

/** Waits for the page to be idle (or a second), so start-up work never delays the first screen. */
const whenIdle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 })
    else setTimeout(resolve, 1000)
  })

export const createStatsSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], StatsSlice> =>
  (set, get) => {
    // A later request wins: switching decks quickly never shows an older deck's figures.
    let latest = 0
    const patch = (p: Partial<StatsView>) => set((s) => ({ stats: { ...s.stats, ...p } }))
    // The screen shows the figures counted so far and how far counting has come, then all of them.
    let counting: Promise<void> | undefined
    const countThenRefresh = () =>
      (counting ??= (async () => {
        try {
          const { countReviewHistory } = await import('@db/review-rollup-count')
          await countReviewHistory(db, (progress) => patch({ counting: progress }))
          if (get().screen.name === 'stats') await get().refreshStats()
        } catch {
          // Counting goes on at the next opening; the figures shown say they are partial.
        } finally {
          counting = undefined
        }
      })())

    return {
      stats: { status: 'idle', deck: 'all', forecastDays: 30, snapshot: null, takenAt: 0, counting: null },

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
          if (request === latest) patch({ status: 'ready', snapshot, takenAt: at, counting: snapshot.counting })
          if (snapshot.counting) void countThenRefresh()
        } catch (error) {
          if (request === latest) patch({ status: 'failed', error: `The statistics could not be read (${reasonOf(error)}).` })
        }
      },

      prepareStatistics() {
        void whenIdle()
          .then(() => import('@db/review-rollup-count'))
          .then(({ prepareReviewRollup }) => prepareReviewRollup(db))
          .catch(() => undefined) // tried again when the statistics open
      }
    }
  }
