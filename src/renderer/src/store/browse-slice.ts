import type { StateCreator } from 'zustand'
import { buildCardHistory } from '@core/card-history'
import { createScheduler } from '@core/scheduler'
import type { BrowseRow } from '@db/browse-repository'
import type { CardText, UndoEntry } from '@db/card-actions'
import { optionsForDeck } from '@db/options-repository'
import type { CardRecord } from '@db/records'
import { reviewsOfCard } from '@db/study-repository'
import type { DeckOrigin } from '@shared/ipc'
import type { StoreDeps } from './deps'
import type { RecallState } from './index'
import { createBrowseActions } from './browse-actions'
import { createBrowseSearch, loadBrowseCode, readBrowseView } from './browse-search'
import { sortRows, type SortColumn } from './browse-sort'
import { describe } from './library-slice'

export type { SortColumn }

export interface BrowseDeck {
  id: string
  name: string
  origin: DeckOrigin
  /** The user's own: cards can be added, moved, tagged and deleted. */
  editable: boolean
}

export interface BrowseState {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** Cards read so far while loading, for the progress line. */
  loaded: number
  rows: BrowseRow[]
  decks: BrowseDeck[]
  query: string
  /** '' for every deck. */
  deckFilter: string
  queryError?: { message: string; position: number }
  /** The rows the search matched, in the chosen order. */
  results: BrowseRow[]
  sort: { column: SortColumn; descending: boolean }
  selected: ReadonlySet<string>
  focusedId?: string
  /** The card open in the side panel. */
  editingId?: string
  busy: boolean
  notice?: string
  problem?: string
  undo: UndoEntry[]
  /** Now, the study day and each deck's FSRS weights, as of the last load: what columns and `prop:r` use. */
  view: { now: number; dayStart: number; dayStartsAtHour: number; weights: Record<string, readonly number[] | undefined> }
}

export interface BrowseSlice {
  browse: BrowseState
  /** Opens the browser and reads every card again, keeping the old rows on screen meanwhile. */
  openBrowse(): Promise<void>
  setBrowseQuery(query: string): Promise<void>
  setDeckFilter(deckId: string): Promise<void>
  sortBrowse(column: SortColumn): void
  setSelection(selected: ReadonlySet<string>, focusedId?: string): void
  focusRow(id: string): void
  /** The cards an action applies to: the selection, or else the focused card. */
  browseTargets(): string[]
  suspendSelected(suspended: boolean): Promise<void>
  forgetSelected(): Promise<void>
  tagSelected(tags: string, mode: 'add' | 'remove'): Promise<boolean>
  moveSelected(deckId: string): Promise<boolean>
  deleteSelected(): Promise<boolean>
  copyDeckToMine(deckId: string): Promise<void>
  undoBrowse(): Promise<void>
  openEditor(id: string): void
  closeEditor(): void
  saveEdit(text: CardText, tags: string): Promise<boolean>
  /** Puts the review history of a card where the history dialog reads it. */
  showBrowseHistory(id: string): Promise<void>
  /** Re-reads changed cards after an action elsewhere (the add screen), if the browser is loaded. */
  refreshBrowse(changed: readonly string[], removed?: readonly string[]): Promise<void>
}

const initial: BrowseState = {
  status: 'idle',
  loaded: 0,
  rows: [],
  decks: [],
  query: '',
  deckFilter: '',
  results: [],
  sort: { column: 'created', descending: false },
  selected: new Set(),
  busy: false,
  undo: [],
  view: { now: 0, dayStart: 0, dayStartsAtHour: 4, weights: {} }
}

export const createBrowseSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], BrowseSlice> =>
  (set, get) => {
    const browse = () => get().browse
    const patch = (p: Partial<BrowseState>) => set((s) => ({ browse: { ...s.browse, ...p } }))
    const search = createBrowseSearch(db, browse, patch)

    /** Replaces changed rows, drops removed ones, and searches again. */
    async function applyChanges(changed: readonly string[], removed: readonly string[] = [], written?: readonly CardRecord[]) {
      const { browseDb } = await loadBrowseCode()
      const fresh = written ? new Map(written.map((c) => [c.id, browseDb.toBrowseRow(c)])) : await browseDb.browseRowsByIds(db, changed)
      const gone = new Set(removed)
      const rows = browse().rows.filter((r) => !gone.has(r.id) && !fresh.has(r.id))
      const decks = (await readBrowseView(db, now)).decks
      patch({ rows: [...rows, ...fresh.values()], decks })
      await search.run()
    }

    return {
      browse: initial,

      async openBrowse() {
        set({ screen: { name: 'browse' } })
        if (browse().status === 'loading') return
        // Cards may have been studied since the last visit: undoing an older action would put back stale state.
        patch({ status: 'loading', loaded: 0, problem: undefined, notice: undefined, undo: [] })
        try {
          // Opened while the built-in decks are merged (first start), it would list part of them.
          await get().libraryLoaded()
          const header = await readBrowseView(db, now)
          search.forgetRated()
          const rows = await (await loadBrowseCode()).browseDb.loadBrowseRows(db, (loaded) => patch({ loaded }))
          patch({ ...header, rows, status: 'ready' })
          const ids = new Set(rows.map((r) => r.id))
          const { focusedId, editingId } = browse()
          if (focusedId && !ids.has(focusedId)) patch({ focusedId: undefined })
          if (editingId && !ids.has(editingId)) patch({ editingId: undefined })
          await search.run()
        } catch (error) {
          patch({ status: 'failed', problem: `Could not read your cards (${describe(error)}).` })
        }
      },

      async setBrowseQuery(query) {
        patch({ query })
        await search.run()
      },

      async setDeckFilter(deckFilter) {
        patch({ deckFilter })
        await search.run()
      },

      sortBrowse(column) {
        const { sort, results, view, decks } = browse()
        const descending = sort.column === column ? !sort.descending : false
        const sorted = [...results]
        sortRows(sorted, column, descending, search.context(view, decks))
        patch({ sort: { column, descending }, results: sorted })
      },

      setSelection: (selected, focusedId) => patch({ selected, ...(focusedId !== undefined ? { focusedId } : {}) }),
      focusRow: (focusedId) => patch({ focusedId }),

      browseTargets() {
        const { selected, focusedId } = browse()
        return selected.size > 0 ? [...selected] : focusedId ? [focusedId] : []
      },

      ...createBrowseActions({ db, now, get, browse, patch, applyChanges }),

      openEditor: (editingId) => patch({ editingId, focusedId: editingId }),
      closeEditor: () => patch({ editingId: undefined }),

      async showBrowseHistory(id) {
        const row = browse().rows.find((r) => r.id === id)
        if (!row) return
        const scheduler = createScheduler(await optionsForDeck(db, row.deckId))
        set({ cardHistory: buildCardHistory(scheduler, await reviewsOfCard(db, id)) })
      },

      async refreshBrowse(changed, removed = []) {
        if (browse().status !== 'ready') return
        await applyChanges(changed, removed)
      }
    }
  }
