import { reasonOf } from '@core/errors'
import type { CountingProgress, ReviewFigures, StatsSnapshot } from '@core/stats/snapshot'
import { getSettings } from '@db/options-repository'
import { reviewRollupNeedsWork } from '@db/review-rollup-whole'
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
  /** Before the first snapshot: the review figures, read first, shown while the cards' are counted. */
  early: ReviewFigures | null
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
   * In the background: counts the review log into the statistics' rollup if it is not yet (after
   * an upgrade), or sums its days again after a change of day start or time zone, so that opening
   * the statistics seldom has to. `after`: once start-up is over (when the collection opens), or
   * at the next idle moment (when the day-start hour was just saved).
   */
  prepareStatistics(after?: 'start' | 'idle'): void
  /**
   * The person is about to open the statistics (the pointer is over its button, or the button has
   * focus): the card charts' worker is started and opens its connection, so the click waits for
   * neither. Not at every start: its script would be fetched before the first card (60 kB gzipped).
   */
  warmStatistics(): void
}

/** Waits for an idle moment; after start, a few seconds first, so this work never delays the first screen. */
const whenIdle = (after: 'start' | 'idle'): Promise<void> =>
  new Promise((resolve) =>
    setTimeout(
      () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : resolve()),
      after === 'start' ? 3000 : 0
    )
  )

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
      stats: { status: 'idle', deck: 'all', forecastDays: 30, snapshot: null, early: null, takenAt: 0, counting: null },

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
          // Fetched with the statistics screen (the study path never reads the whole log), while the
          // settings are read; the worker starts as soon as its module is here.
          const repository = import('@db/stats-repository')
          const figures = import('@store/stats-card-figures')
          void figures.then((f) => f.warmCardFigures(db)).catch(() => undefined) // its failure is met below
          const [{ dayStartsAtHour }, { loadReviewFigures }, { countCardFigures, countsOffThePage }] = await Promise.all([
            getSettings(db),
            repository,
            figures
          ])
          const scope = deck === 'all' ? 'all' : { deckIds: [deck] }
          // The cards are counted in a worker, side by side with the review figures. Where they are
          // counted on this thread, a first opening reads the review figures first and shows them at
          // once (the top of the screen), and only then counts the cards, so that the top never
          // waits for them.
          const first = !get().stats.snapshot
          const countCards = () => countCardFigures(db, scope, at, dayStartsAtHour)
          const alongside = first && !countsOffThePage() ? undefined : countCards()
          alongside?.catch(() => undefined) // its failure is met below
          const reviews = await loadReviewFigures(db, scope, at, dayStartsAtHour)
          if (request === latest && first) patch({ early: reviews, takenAt: at, counting: reviews.counting })
          const cards = await (alongside ?? countCards())
          const snapshot: StatsSnapshot = { ...reviews, ...cards }
          if (request === latest) patch({ status: 'ready', snapshot, early: null, takenAt: at, counting: snapshot.counting })
          if (snapshot.counting) void countThenRefresh()
        } catch (error) {
          if (request === latest) patch({ status: 'failed', error: `The statistics could not be read (${reasonOf(error)}).` })
        }
      },

      warmStatistics() {
        void import('@store/stats-card-figures').then((f) => f.warmCardFigures(db)).catch(() => undefined) // started again at the click
      },

      prepareStatistics(after = 'start') {
        void whenIdle(after)
          .then(() => reviewRollupNeedsWork(db))
          .then(async (needed) => needed && (await import('@db/review-rollup-count')).prepareReviewRollup(db))
          .catch(() => undefined) // tried again when the statistics open
      }
    }
  }
