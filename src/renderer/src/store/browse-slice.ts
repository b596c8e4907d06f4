import { reasonOf } from '@core/errors'
import type { CardRecord } from '@core/model'
import { buildCardHistory } from '@core/scheduling/card-history'
import { schedulerForDeck } from '@db/options-repository'
import { reviewsOfCard } from '@db/study-repository'
import { createBrowseActions } from '@store/browse-actions'
import { createBrowseSearch, readBrowseView } from '@store/browse-search'
import { sortRows } from '@store/browse-sort'
import { initialBrowseState, type BrowseSlice, type BrowseState } from '@store/browse-state'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { loadBrowseCode } from '@store/load-browse-code'
import type { StateCreator } from 'zustand'

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
      browse: initialBrowseState,

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
          patch({ status: 'failed', problem: `Could not read your cards (${reasonOf(error)}).` })
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
        const scheduler = await schedulerForDeck(db, row.deckId)
        set({ cardHistory: buildCardHistory(scheduler, await reviewsOfCard(db, id)) })
      },

      async refreshBrowse(changed, removed = []) {
        if (browse().status !== 'ready') return
        await applyChanges(changed, removed)
      }
    }
  }
