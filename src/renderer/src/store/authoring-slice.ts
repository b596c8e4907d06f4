import { clozeOfCard, fieldsOfCard } from '@db/note-repository'
import type { CardDraft } from '@core/authoring/card-drafts'
import { reasonOf } from '@core/errors'
import { EMPTY_DRAFT } from '@store/authoring-draft'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

export interface AuthoringState {
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

export const createAuthoringSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], AuthoringSlice> =>
  (set, get) => {
    // Reading the decks, adding cards and making decks are fetched when the add screen first opens.
    const later = lazyActions(
      () => import('@store/authoring-actions'),
      (code) => code.authoringActions(deps, set, get),
      (error, name) => {
        const text = `The add screen could not do that (${reasonOf(error)}).`
        set((s) => ({
          ...(name === 'openAdd' ? { screen: { name: 'add' } } : {}),
          authoring: { ...s.authoring, saving: false, message: { tone: 'problem', text } }
        }))
        return name === 'createDeck' ? text : false
      }
    )
    return {
      authoring: { decks: [], deckId: '', draft: EMPTY_DRAFT, saving: false },

      clozeNoteOf: (card) => clozeOfCard(deps.db, card),
      fieldsNoteOf: (card) => fieldsOfCard(deps.db, card),

      editDraft: (change) =>
        set((s) => ({ authoring: { ...s.authoring, draft: { ...s.authoring.draft, ...change }, message: undefined } })),
      chooseAddDeck: (deckId) => set((s) => ({ authoring: { ...s.authoring, deckId, message: undefined } })),

      // The screen changes at once, its code and the actions' arriving side by side.
      async openAdd(deckId) {
        set({ screen: { name: 'add' } })
        await later('openAdd')(deckId)
      },
      ...standIns(later, ['addDraft', 'createDeck'])
    }
  }
