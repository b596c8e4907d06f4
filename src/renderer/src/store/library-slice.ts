import { reasonOf } from '@core/errors'
import type { QueueCounts } from '@core/scheduling/queue'
import { studyDayOf } from '@core/time/study-day'
import { unmergedDecks } from '@db/deck-records'
import { getSettings } from '@db/options-repository'
import { countEveryDeck } from '@db/study-repository'
import type { DeckProblem } from '@shared/deck/problems'
import type { DeckOrigin } from '@shared/ipc'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

export interface DeckSummary {
  id: string
  name: string
  description?: string
  origin: DeckOrigin
  /** The file it was read or imported from, and when it last changed: "where did this come from". */
  file: string
  updatedAt: number
  cardCount: number
  counts: QueueCounts
}

export interface LibrarySlice {
  library: {
    status: 'loading' | 'ready' | 'failed'
    decks: DeckSummary[]
    problems: DeckProblem[]
    error?: string
  }
  /** Reads the deck files, merges them into the collection and counts today's cards. */
  loadLibrary(): Promise<void>
  /** Resolves when a `loadLibrary` under way has finished, at once if none is. */
  libraryLoaded(): Promise<void>
  refreshCounts(): Promise<void>
}

export const createLibrarySlice =
  ({ db, platform, now }: StoreDeps): StateCreator<RecallState, [], [], LibrarySlice> =>
  (set) => {
    // The merge under way, so screens that list cards can wait for it instead of showing part of it.
    let loading: Promise<void> = Promise.resolve()

    async function load() {
      set((s) => ({ library: { ...s.library, status: 'loading' } }))
      try {
        // Counted while the deck files are fetched and compared, not after: at every start but the
        // first after an update nothing is merged and these counts stand.
        const counting = countLibrary()
        counting.catch(() => undefined) // awaited below unless a merge makes it stale
        const files = await platform.listDecks()
        // Only decks whose files changed are merged (a first start, or one after an update); the
        // merge's code is fetched for them alone, and the decks are counted again after it.
        const changed = await unmergedDecks(db, files.decks)
        if (changed.length > 0) {
          const { mergeDeck } = await import('@db/deck-repository')
          for (const entry of changed) await mergeDeck(db, entry, now())
        }
        const decks = changed.length > 0 ? await countLibrary() : await counting
        set({ library: { status: 'ready', decks, problems: files.problems } })
      } catch (error) {
        set((s) => ({ library: { ...s.library, status: 'failed', error: reasonOf(error) } }))
      }
    }

    /** Every deck's summary with today's numbers. */
    async function countLibrary(): Promise<DeckSummary[]> {
      const settings = await getSettings(db)
      const day = studyDayOf(now(), settings.dayStartsAtHour)
      const counted = await countEveryDeck(db, day)
      return counted.map(({ deck: d, counts }) => ({
        id: d.id,
        name: d.name,
        ...(d.description ? { description: d.description } : {}),
        origin: d.origin,
        file: d.file,
        updatedAt: d.updatedAt,
        cardCount: d.cardCount,
        counts
      }))
    }

    return {
      library: { status: 'loading', decks: [], problems: [] },

      loadLibrary() {
        loading = load()
        return loading
      },

      libraryLoaded: () => loading,

      async refreshCounts() {
        const decks = await countLibrary()
        set((s) => ({ library: { ...s.library, status: 'ready', decks } }))
      }
    }
  }
