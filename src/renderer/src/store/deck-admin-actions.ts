import { agree, plural, wasWere } from '@shared/plural'
import { reasonOf } from '@core/errors'
import { slugify } from '@shared/deck/ids'
import { mediaOfNotes } from '@db/media-repository'
import { saveAnkiPackage } from '@store/apkg-export'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import type { DeckAdminSlice } from '@store/deck-admin-slice'

// Deck files and their writers (papaparse, the deck parsers) are fetched when a deck is exported or changed.
const importDb = () => import('@db/import-repository')
const deckFiles = () => Promise.all([import('@shared/deck/read-deck-file'), import('@shared/deck/export-csv')])

/** What a deck's details dialog does (deck-admin-slice.ts holds which deck is open): fetched with its first action. */
export type DeckAdminActions = Omit<DeckAdminSlice, 'deckAdmin' | 'openDeckAdmin' | 'closeDeckAdmin'>

export function deckAdminActions({ db, platform, now }: StoreDeps, set: SetRecall, get: GetRecall): DeckAdminActions {
  const say = (message: string) => {
    const current = get().deckAdmin
    if (current) set({ deckAdmin: { ...current, message } })
  }
  return {
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
