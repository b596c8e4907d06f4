import type { BrowseRow } from '@core/model'
import type { CardText, UndoEntry } from '@db/card-actions'
import type { DeckOrigin } from '@shared/ipc'
import type { SortColumn } from '@store/browse-sort'

/** The card browser's state and actions; browse-slice.ts builds them from browse-search.ts and browse-actions.ts. */

export interface BrowseDeck {
  id: string
  name: string
  origin: DeckOrigin
  /** The user's own: cards can be added, moved, tagged and deleted. */
  editable: boolean
}

export interface BrowseState {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** Cards read so far while loading, for the progress line. */
  loaded: number
  rows: BrowseRow[]
  decks: BrowseDeck[]
  query: string
  /** '' for every deck. */
  deckFilter: string
  queryError?: { message: string; position: number }
  /** The rows the search matched, in the chosen order. */
  results: BrowseRow[]
  sort: { column: SortColumn; descending: boolean }
  selected: ReadonlySet<string>
  focusedId?: string
  /** The card open in the side panel. */
  editingId?: string
  busy: boolean
  notice?: string
  problem?: string
  undo: UndoEntry[]
  /** Now, the study day and each deck's FSRS weights, as of the last load: what columns and `prop:r` use. */
  view: { now: number; dayStart: number; dayStartsAtHour: number; weights: Record<string, readonly number[] | undefined> }
}

export interface BrowseSlice {
  browse: BrowseState
  /** Opens the browser and reads every card again, keeping the old rows on screen meanwhile. */
  openBrowse(): Promise<void>
  setBrowseQuery(query: string): Promise<void>
  setDeckFilter(deckId: string): Promise<void>
  sortBrowse(column: SortColumn): void
  setSelection(selected: ReadonlySet<string>, focusedId?: string): void
  focusRow(id: string): void
  /** The cards an action applies to: the selection, or else the focused card. */
  browseTargets(): string[]
  suspendSelected(suspended: boolean): Promise<void>
  forgetSelected(): Promise<void>
  tagSelected(tags: string, mode: 'add' | 'remove'): Promise<boolean>
  moveSelected(deckId: string): Promise<boolean>
  deleteSelected(): Promise<boolean>
  copyDeckToMine(deckId: string): Promise<void>
  undoBrowse(): Promise<void>
  openEditor(id: string): void
  closeEditor(): void
  saveEdit(text: CardText, tags: string): Promise<boolean>
  /** Puts the review history of a card where the history dialog reads it. */
  showBrowseHistory(id: string): Promise<void>
  /** Re-reads changed cards after an action elsewhere (the add screen), if the browser is loaded. */
  refreshBrowse(changed: readonly string[], removed?: readonly string[]): Promise<void>
}

export const initialBrowseState: BrowseState = {
  status: 'idle',
  loaded: 0,
  rows: [],
  decks: [],
  query: '',
  deckFilter: '',
  results: [],
  sort: { column: 'created', descending: false },
  selected: new Set(),
  busy: false,
  undo: [],
  view: { now: 0, dayStart: 0, dayStartsAtHour: 4, weights: {} }
}
