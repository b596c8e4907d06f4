import type { BrowseRow } from '@core/model'
import { IdList } from '@core/search/id-list'
import type { SortColumn } from '@core/search/sort'
import type { CardText, UndoEntry } from '@db/card-actions'
import type { DeckOrigin } from '@shared/ipc'
import { NO_SELECTION, type BrowseSelection } from '@store/browse-selection'

/**
 * The card browser's state and actions; browse-slice.ts builds them from browse-search.ts and
 * browse-actions.ts. The page holds the keys of the cards found, in order, and the rows of the
 * part of the list on screen; the search itself runs in a worker (workers/browse-engine.ts).
 */

export interface BrowseDeck {
  id: string
  name: string
  origin: DeckOrigin
  /** The user's own: cards can be added, moved, tagged and deleted. */
  editable: boolean
}

export interface BrowseState {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** Cards read so far while the first opening reads every card, for the progress line. */
  loaded: number
  decks: BrowseDeck[]
  query: string
  /** '' for every deck. */
  deckFilter: string
  queryError?: { message: string; position: number }
  /** The keys of the cards the search matched, in the chosen order. */
  results: IdList
  /**
   * The results are only the first screenful of the default order (every card, by creation), read
   * through its index while the worker orders every card; the worker's answer replaces them.
   */
  early: boolean
  /** Rows read for the part of the list on screen (a little either side), the focused card and the one in the editor. */
  rows: ReadonlyMap<string, BrowseRow>
  sort: { column: SortColumn; descending: boolean }
  selected: BrowseSelection
  /** Whether every card an action would apply to is suspended (the button then unsuspends). */
  targetsSuspended: boolean
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
  /** Opens the browser and brings its columns up to date, keeping the old list on screen meanwhile. */
  openBrowse(): Promise<void>
  /** Browse left the screen: its worker is let go (the next opening starts another). */
  closeBrowse(): void
  setBrowseQuery(query: string): Promise<void>
  setDeckFilter(deckId: string): Promise<void>
  sortBrowse(column: SortColumn): Promise<void>
  /** The list shows positions `from` to `to` (exclusive): their rows are read if they are not yet. */
  showRows(from: number, to: number): Promise<void>
  setSelection(selected: BrowseSelection, focusedId?: string): void
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
  decks: [],
  query: '',
  deckFilter: '',
  results: IdList.empty,
  early: false,
  rows: new Map(),
  sort: { column: 'created', descending: false },
  selected: NO_SELECTION,
  targetsSuspended: false,
  busy: false,
  undo: [],
  view: { now: 0, dayStart: 0, dayStartsAtHour: 4, weights: {} }
}
