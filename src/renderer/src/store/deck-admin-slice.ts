import { agree, plural, wasWere } from '@shared/plural'
import { reasonOf } from '@core/errors'
import { slugify } from '@shared/deck/ids'
import { mediaOfNotes } from '@db/media-repository'
import { saveAnkiPackage } from '@store/apkg-export'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

// Deck files and their writers (papaparse, the deck parsers) are fetched when a deck is exported or changed.
const importDb = () => import('@db/import-repository')
const deckFiles = () => Promise.all([import('@shared/deck/read-deck-file'), import('@shared/deck/export-csv')])

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
  ({ db, platform, now }: StoreDeps): StateCreator<RecallState, [], [], DeckAdminSlice> =>
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
          if (format === 'apkg') {
            const deck = await db.decks.get(deckId)
            const message = await saveAnkiPackage({ db, platform, now }, [deckId], `${slugify(deck?.name ?? '') || deckId}.apkg`)
            if (message) say(message)
            return
          }
          const [deck, [{ serializeDeck }, { exportDeckCsv }]] = await Promise.all([(await importDb()).exportDeck(db, deckId), deckFiles()])
          if (!deck) return say('This deck no longer exists.')
          const name = slugify(deck.name) || deck.id
          const csv = format === 'csv' ? exportDeckCsv(deck) : undefined
          // Recall JSON carries the deck's images and sounds; a CSV names them, as Anki's text export does.
          const media = csv ? [] : await mediaOfNotes(db, deck.notes)
          const result = await platform.saveFile(
            csv
              ? { suggestedName: `${name}.csv`, content: csv.text, kind: 'deck-csv' }
              : { suggestedName: `${name}.json`, content: serializeDeck(deck, media), kind: 'deck-json' }
          )
          const saved =
            plural(deck.notes.length - (csv?.left ?? 0), 'note') + (media.length ? ` and ${plural(media.length, 'media file')}` : '')
          const left = csv?.left
            ? ` ${plural(csv.left, 'exam-style question')} cannot be written as CSV rows and ${wasWere(csv.left)} left out: export as Recall JSON to keep ${agree(csv.left, 'it', 'them')}.`
            : ''
          if (result.status === 'saved') say(`Saved ${saved} to ${result.file}.${left}`)
          else if (result.status === 'failed') say(result.message)
        } catch (error) {
          say(`The deck could not be exported (${reasonOf(error)}).`)
        }
      },

      async renameDeck(deckId, name) {
        const trimmed = name.trim()
        if (!trimmed) {
          say('A deck needs a name.')
          return false
        }
        await (await importDb()).renameDeck(db, deckId, trimmed.slice(0, 200))
        await get().refreshCounts()
        say('Renamed.')
        return true
      },

      async deleteDeck(deckId) {
        try {
          await (await importDb()).deleteDeck(db, deckId)
          set({ deckAdmin: null })
          await get().refreshCounts()
          void platform.backups?.noteStudyActivity()
        } catch (error) {
          say(`The deck could not be deleted (${reasonOf(error)}). Nothing was changed.`)
        }
      }
    }
  }
