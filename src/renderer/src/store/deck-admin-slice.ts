import type { StateCreator } from 'zustand'
import { exportDeckCsv } from '../../../shared/deck/export-csv'
import { serializeDeck } from '../../../shared/deck/read-deck-file'
import { slugify } from '../../../shared/deck/ids'
import { deleteDeck, exportDeck, renameDeck } from '../db/import-repository'
import type { StoreDeps } from './deps'
import type { RecallState } from './index'
import { describe } from './library-slice'

export interface DeckAdminSlice {
  /** The deck whose details dialog is open, with the result of the last action there. */
  deckAdmin: { deckId: string; message?: string } | null
  openDeckAdmin(deckId: string): void
  closeDeckAdmin(): void
  exportDeckFile(deckId: string, format: 'json' | 'csv'): Promise<void>
  renameDeck(deckId: string, name: string): Promise<boolean>
  deleteDeck(deckId: string): Promise<void>
}

export const createDeckAdminSlice =
  ({ db, platform }: StoreDeps): StateCreator<RecallState, [], [], DeckAdminSlice> =>
  (set, get) => {
    const say = (message: string) => {
      const current = get().deckAdmin
      if (current) set({ deckAdmin: { ...current, message } })
    }
    return {
      deckAdmin: null,
      openDeckAdmin: (deckId) => set({ deckAdmin: { deckId } }),
      closeDeckAdmin: () => set({ deckAdmin: null }),

      async exportDeckFile(deckId, format) {
        try {
          const deck = await exportDeck(db, deckId)
          if (!deck) return say('This deck no longer exists.')
          const name = slugify(deck.name) || deck.id
          const result = await platform.saveFile(
            format === 'json'
              ? { suggestedName: `${name}.json`, content: serializeDeck(deck), kind: 'deck-json' }
              : { suggestedName: `${name}.csv`, content: exportDeckCsv(deck), kind: 'deck-csv' }
          )
          if (result.status === 'saved') say(`Saved ${deck.cards.length} cards to ${result.file}.`)
          else if (result.status === 'failed') say(result.message)
        } catch (error) {
          say(`The deck could not be exported (${describe(error)}).`)
        }
      },

      async renameDeck(deckId, name) {
        const trimmed = name.trim()
        if (!trimmed) {
          say('A deck needs a name.')
          return false
        }
        await renameDeck(db, deckId, trimmed.slice(0, 200))
        await get().refreshCounts()
        say('Renamed.')
        return true
      },

      async deleteDeck(deckId) {
        try {
          await deleteDeck(db, deckId)
          set({ deckAdmin: null })
          await get().refreshCounts()
          void platform.backups?.noteStudyActivity()
        } catch (error) {
          say(`The deck could not be deleted (${describe(error)}). Nothing was changed.`)
        }
      }
    }
  }
