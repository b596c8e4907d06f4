import { reasonOf } from '@core/errors'
import { initialBrowseState, type BrowseSlice } from '@store/browse-state'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

export const createBrowseSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], BrowseSlice> =>
  (set, get) => {
    // The browser's engine, search and actions are fetched when Browse first opens.
    const later = lazyActions(
      () => import('@store/browse-slice-actions'),
      (code) => code.browseSliceActions(deps, set, get),
      (error) =>
        set((s) => ({
          screen: { name: 'browse' },
          browse: { ...s.browse, status: 'failed', problem: `Could not read your cards (${reasonOf(error)}).` }
        }))
    )
    return {
      browse: initialBrowseState,
      // With Browse never opened, its next opening reads every card as it is then.
      refreshBrowse: async (changed, removed) => {
        if (get().browse.status === 'ready') await later('refreshBrowse')(changed, removed)
      },
      // The screen changes at once, its code and the actions' arriving side by side.
      async openBrowse() {
        set({ screen: { name: 'browse' } })
        await later('openBrowse')()
      },
      ...standIns(later, [
        'closeBrowse',
        'setBrowseQuery',
        'setDeckFilter',
        'sortBrowse',
        'showRows',
        'setSelection',
        'focusRow',
        'browseTargets',
        'suspendSelected',
        'forgetSelected',
        'tagSelected',
        'moveSelected',
        'deleteSelected',
        'copyDeckToMine',
        'undoBrowse',
        'openEditor',
        'closeEditor',
        'saveEdit',
        'showBrowseHistory'
      ])
    }
  }
