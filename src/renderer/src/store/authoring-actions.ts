import { reasonOf } from '@core/errors'
import { isUserDeck } from '@core/model'
import { listDecks } from '@db/deck-records'
import { EMPTY_DRAFT } from '@store/authoring-draft'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import type { AuthoringSlice, AuthoringState } from '@store/authoring-slice'

// Card authoring validates with the deck schema (zod): fetched when the add screen is used, not at start.
const authoringDb = () => import('@db/card-authoring')

/** What the add screen does (authoring-slice.ts holds its draft): fetched when it first opens. */
export type AuthoringActions = Omit<AuthoringSlice, 'authoring' | 'clozeNoteOf' | 'fieldsNoteOf' | 'editDraft' | 'chooseAddDeck'>

export function authoringActions({ db, now }: StoreDeps, set: SetRecall, get: GetRecall): AuthoringActions {
  const authoring = () => get().authoring
  const patch = (p: Partial<AuthoringState>) => set((s) => ({ authoring: { ...s.authoring, ...p } }))

  async function readDecks() {
    const decks = (await listDecks(db)).filter(isUserDeck).map((d) => ({ id: d.id, name: d.name }))
    return decks.sort((a, b) => a.name.localeCompare(b.name))
  }

  return {
    async openAdd(deckId) {
      set({ screen: { name: 'add' } })
      const decks = await readDecks()
      const wanted = [deckId, authoring().deckId].find((id) => id && decks.some((d) => d.id === id))
      patch({ decks, deckId: wanted ?? decks[0]?.id ?? '', message: undefined })
    },

    async addDraft() {
      const { deckId, draft, saving, decks } = authoring()
      if (saving) return false
      if (!deckId) {
        patch({ message: { tone: 'problem', text: 'Pick a deck first, or make one with "New deck…".' } })
        return false
      }
      patch({ saving: true, message: undefined })
      try {
        const result = await (await authoringDb()).addCard(db, deckId, draft, now())
        if (!result.ok) {
          patch({ saving: false, message: { tone: 'problem', text: result.message } })
          return false
        }
        const name = decks.find((d) => d.id === deckId)?.name ?? deckId
        const what = draft.cloze
          ? `Added a cloze note with ${result.ids.length === 1 ? 'one card' : `${result.ids.length} cards`}`
          : result.ids.length === 2
            ? 'Added a card and its reverse'
            : 'Added a card'
        patch({
          saving: false,
          draft: { ...EMPTY_DRAFT, tags: draft.tags, reverse: draft.reverse, cloze: draft.cloze ?? false },
          message: { tone: 'done', text: `${what} to "${name}".` }
        })
        await get().refreshBrowse(result.ids)
        await get().refreshCounts()
        return true
      } catch (error) {
        patch({ saving: false, message: { tone: 'problem', text: `The card was not added (${reasonOf(error)}).` } })
        return false
      }
    },

    async createDeck(name) {
      try {
        const result = await (await authoringDb()).createUserDeck(db, name, now())
        if (!result.ok) return result.message
        patch({
          decks: await readDecks(),
          deckId: result.deck.id,
          message: { tone: 'done', text: `Made the deck "${result.deck.name}".` }
        })
        // Not awaited: the dialog closes as soon as the deck is made and picked, not a count of
        // every deck later (typing meanwhile went into the dialog, still open over the form),
        // and a failed count is not reported as a deck not made (the list then shows the new deck
        // from its next count: the next card added, import or start).
        void get()
          .refreshCounts()
          .catch(() => undefined)
        return undefined
      } catch (error) {
        return `The deck was not made (${reasonOf(error)}).`
      }
    }
  }
}
