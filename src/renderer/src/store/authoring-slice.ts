import { clozeOfCard, fieldsOfCard } from '@db/note-repository'
import type { CardDraft } from '@core/authoring/card-drafts'
import { reasonOf } from '@core/errors'
import { isUserDeck } from '@core/model'
import { listDecks } from '@db/deck-repository'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

// Card authoring validates with the deck schema (zod): fetched when the add screen is used, not at start.
const authoringDb = () => import('@db/card-authoring')

interface AuthoringState {
  /** The decks cards can be added to: the user's own. */
  decks: Array<{ id: string; name: string }>
  deckId: string
  draft: CardDraft
  saving: boolean
  message?: { tone: 'done' | 'problem'; text: string }
}

export interface AuthoringSlice {
  authoring: AuthoringState
  /** Opens the add screen, on `deckId` if it is one of the user's decks. */
  openAdd(deckId?: string): Promise<void>
  editDraft(patch: Partial<CardDraft>): void
  chooseAddDeck(deckId: string): void
  /** Adds the draft and clears its text, keeping deck, tags and the reverse option, as Anki's Add window does. */
  addDraft(): Promise<boolean>
  /** Makes an empty deck of the user's own and picks it; returns a message when the name is refused. */
  createDeck(name: string): Promise<string | undefined>
  /** The cloze note behind a card, as written, for editing it; undefined when it is not a cloze. */
  clozeNoteOf(card: { deckId: string; cardId: string }): Promise<{ text: string; extra: string } | undefined>
  /** The named fields of the Anki-type note behind a card, for editing them; undefined for other cards. */
  fieldsNoteOf(card: { deckId: string; cardId: string }): Promise<{ noteType: string; names: string[]; values: string[] } | undefined>
}

const EMPTY_DRAFT: CardDraft = { front: '', back: '', extra: '', tags: '', reverse: false, cloze: false }

export const createAuthoringSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], AuthoringSlice> =>
  (set, get) => {
    const authoring = () => get().authoring
    const patch = (p: Partial<AuthoringState>) => set((s) => ({ authoring: { ...s.authoring, ...p } }))

    async function readDecks() {
      const decks = (await listDecks(db)).filter(isUserDeck).map((d) => ({ id: d.id, name: d.name }))
      return decks.sort((a, b) => a.name.localeCompare(b.name))
    }

    return {
      authoring: { decks: [], deckId: '', draft: EMPTY_DRAFT, saving: false },

      async openAdd(deckId) {
        set({ screen: { name: 'add' } })
        const decks = await readDecks()
        const wanted = [deckId, authoring().deckId].find((id) => id && decks.some((d) => d.id === id))
        patch({ decks, deckId: wanted ?? decks[0]?.id ?? '', message: undefined })
      },

      clozeNoteOf: (card) => clozeOfCard(db, card),
      fieldsNoteOf: (card) => fieldsOfCard(db, card),

      editDraft: (change) => patch({ draft: { ...authoring().draft, ...change }, message: undefined }),
      chooseAddDeck: (deckId) => patch({ deckId, message: undefined }),

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
