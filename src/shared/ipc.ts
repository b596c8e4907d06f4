import type { DeckProblem } from './deck/problems'
import type { Deck } from './deck/schema'

/** Where a deck came from: shipped with the app, or a file in the user's decks folder. */
export type DeckOrigin = 'builtin' | 'user'

export interface LibraryDeck {
  deck: Deck
  origin: DeckOrigin
  /** File name, for messages and "where did this come from". */
  file: string
}

export interface DeckLibrary {
  decks: LibraryDeck[]
  problems: DeckProblem[]
}

/**
 * The one contract between main and renderer. The preload implements it (`satisfies RecallApi`),
 * main registers one handler per method on the channel `recall:<method>`, and the renderer's
 * electron platform calls it through `window.api`.
 */
export interface RecallApi {
  listDecks(): Promise<DeckLibrary>
}

export type RecallMethod = keyof RecallApi

// Listing every method here (the type forces it) lets main and preload derive their wiring.
const methods: { [K in RecallMethod]: true } = { listDecks: true }
export const RECALL_METHODS = Object.keys(methods) as RecallMethod[]

export function channelOf(method: RecallMethod): string {
  return `recall:${method}`
}
