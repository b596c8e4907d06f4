import { reasonOf } from '@core/errors'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

export interface DeckAdminSlice {
  /** The deck whose details dialog is open, with the result of the last action there. */
  deckAdmin: { deckId: string; message?: string } | null
  openDeckAdmin(deckId: string): void
  closeDeckAdmin(): void
  exportDeckFile(deckId: string, format: 'json' | 'csv' | 'apkg'): Promise<void>
  renameDeck(deckId: string, name: string): Promise<boolean>
  deleteDeck(deckId: string): Promise<void>
}

export const createDeckAdminSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], DeckAdminSlice> =>
  (set, get) => {
    // Exporting, renaming and deleting a deck are fetched with the first of them.
    const later = lazyActions(
      () => import('@store/deck-admin-actions'),
      (code) => code.deckAdminActions(deps, set, get),
      (error) => {
        const current = get().deckAdmin
        if (current) set({ deckAdmin: { ...current, message: `The deck could not be changed (${reasonOf(error)}). Nothing was changed.` } })
        return false
      }
    )
    return {
      deckAdmin: null,
      openDeckAdmin: (deckId) => set({ deckAdmin: { deckId } }),
      closeDeckAdmin: () => set({ deckAdmin: null }),
      ...standIns(later, ['exportDeckFile', 'renameDeck', 'deleteDeck'])
    }
  }
