import { reasonOf } from '@core/errors'
import { buildCardHistory } from '@core/scheduling/card-history'
import { schedulerForDeck } from '@db/options-repository'
import { reviewsOfCard } from '@db/study-repository'
import { createBrowseActions } from '@store/browse-actions'
import { startBrowseEngine, type BrowseEngineClient } from '@store/browse-engine-client'
import { createBrowseSearch, readBrowseView } from '@store/browse-search'
import { selectedIds, selectionSize } from '@store/browse-selection'
import type { BrowseSlice, BrowseState } from '@store/browse-state'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'

/** How long the engine (its worker and the ~35 MB of columns it holds at 100,000 cards) outlives a visit to Browse. */
const KEEP_ENGINE_MS = 60_000

/** What the card browser does (browse-slice.ts holds its state): fetched when Browse first opens. */
export type BrowseActions = Omit<BrowseSlice, 'browse'>

export function browseSliceActions({ db, now }: StoreDeps, set: SetRecall, get: GetRecall): BrowseActions {
  const browse = () => get().browse
  const patch = (p: Partial<BrowseState>) => set((s) => ({ browse: { ...s.browse, ...p } }))

  /** The engine while Browse is open (and a minute after); started (and opened) by the first thing that needs it. */
  let engine: Promise<BrowseEngineClient> | undefined
  /** Ends the engine a while after Browse left the screen: coming back soon finds it ready. */
  let closing: ReturnType<typeof setTimeout> | undefined
  function openEngine(): Promise<BrowseEngineClient> {
    if (!engine) {
      const client = startBrowseEngine(db)
      engine = client.open((loaded) => patch({ loaded })).then(() => client)
      engine.catch(() => (engine = undefined))
    }
    return engine
  }
  const search = createBrowseSearch(db, browse, patch, openEngine)

  /** After an action: the engine reads the changed cards again, and the list is searched again. */
  async function applyChanges(changed: readonly string[], removed: readonly string[] = []) {
    const client = await openEngine()
    await client.refresh([...changed, ...removed])
    patch({ decks: (await readBrowseView(db, now)).decks })
    await search.run({ stale: [...changed, ...removed] })
    void client.save()
  }

  /** Once the list is on screen: the columns are saved, and checked against cards deleted meanwhile. */
  async function afterOpen(client: BrowseEngineClient) {
    try {
      await client.save()
      if (await client.check()) {
        await search.run()
        await client.save()
      }
    } catch {
      // The list stays as it was read; the next opening checks again.
    }
  }

  return {
    async openBrowse() {
      set({ screen: { name: 'browse' } })
      if (browse().status === 'loading') return
      clearTimeout(closing)
      // Cards may have been studied since the last visit: undoing an older action would put back stale state.
      patch({ status: 'loading', loaded: 0, problem: undefined, notice: undefined, undo: [] })
      try {
        // Opened while the built-in decks are merged (first start), it would list part of them.
        await get().libraryLoaded()
        // The worker starts and reads its columns while the page reads the decks and settings.
        const reopened = engine !== undefined
        const opening = openEngine()
        // A new engine reads and orders every card first: the list's first screenful is read
        // meanwhile through the default order's index, and shown with the decks.
        let fresh = false
        if (reopened) patch(await readBrowseView(db, now))
        else fresh = await search.showFirstRows(readBrowseView(db, now))
        const client = await opening
        // An engine kept from before (Browse never left) catches up with what changed meanwhile.
        if (reopened) await client.open()
        // Rows held from an earlier visit are read again; those just read early are not.
        await search.run({ stale: fresh ? [] : browse().rows.keys() })
        const { editingId, results } = browse()
        patch({ status: 'ready', ...(editingId && results.indexOf(editingId) < 0 ? { editingId: undefined } : {}) })
        void afterOpen(client)
      } catch (error) {
        patch({ status: 'failed', early: false, problem: `Could not read your cards (${reasonOf(error)}).` })
      }
    },

    closeBrowse() {
      // The screen's view unmounts on its way out; React's development double mount does not count.
      if (get().screen.name === 'browse' || !engine) return
      const leaving = engine
      clearTimeout(closing)
      closing = setTimeout(() => {
        if (engine !== leaving || get().screen.name === 'browse') return
        engine = undefined
        void leaving.then((client) => client.close()).catch(() => undefined)
      }, KEEP_ENGINE_MS)
    },

    async setBrowseQuery(query) {
      patch({ query })
      await search.run()
    },

    async setDeckFilter(deckFilter) {
      patch({ deckFilter })
      await search.run()
    },

    async sortBrowse(column) {
      const { sort } = browse()
      patch({ sort: { column, descending: sort.column === column ? !sort.descending : false } })
      await search.run({ sameCards: true })
    },

    showRows: (from, to) => search.showRows(from, to),

    setSelection(selected, focusedId) {
      patch({ selected, ...(focusedId !== undefined ? { focusedId } : {}) })
      void search.updateSuspended()
    },
    focusRow(focusedId) {
      patch({ focusedId })
      void search.updateSuspended()
    },

    browseTargets() {
      const { selected, focusedId, results } = browse()
      return selectionSize(selected, results) > 0 ? selectedIds(selected, results) : focusedId ? [focusedId] : []
    },

    ...createBrowseActions({ db, now, get, browse, patch, applyChanges }),

    openEditor: (editingId) => patch({ editingId, focusedId: editingId }),
    closeEditor: () => patch({ editingId: undefined }),

    async showBrowseHistory(id) {
      const deckId = browse().rows.get(id)?.deckId ?? (await db.cards.get(id))?.deckId
      if (!deckId) return
      const scheduler = await schedulerForDeck(db, deckId)
      set({ cardHistory: buildCardHistory(scheduler, await reviewsOfCard(db, id)) })
    },

    async refreshBrowse(changed, removed = []) {
      // With Browse closed, its next opening catches up with these cards by their change stamps.
      if (browse().status !== 'ready' || !engine) return
      await applyChanges(changed, removed).catch(() => undefined)
    }
  }
}
