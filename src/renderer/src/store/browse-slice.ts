import type { FSRS } from 'ts-fsrs'
import type { StateCreator } from 'zustand'
import { buildCardHistory } from '../core/card-history'
import { studyDayOf } from '../core/day'
import { createScheduler } from '../core/scheduler'
import type { SearchNode } from '../core/search/ast'
import type { SearchContext } from '../core/search/compile'
import { studyDayStart } from '../core/practice/study-days'
import { retrievabilityAt } from '../core/stats/retrievability'
import { DEFAULT_STUDY_OPTIONS } from '../core/study-options'
import type { BrowseRow } from '../db/browse-repository'
import { undo, type CardText, type UndoEntry } from '../db/card-actions'
import type { MembershipChange } from '../db/card-authoring'
import { listDecks } from '../db/deck-repository'
import { getSettings, optionsForDeck } from '../db/options-repository'
import type { CardRecord } from '../db/records'
import { reviewsOfCard } from '../db/study-repository'
import type { DeckOrigin } from '../../../shared/ipc'
import type { StoreDeps } from './deps'
import type { RecallState } from './index'
import { sortRows, type SortColumn, type SortContext } from './browse-sort'
import { describe } from './library-slice'

/** The browser's heavier code, fetched when it is first used (see browse-code.ts). */
const loadCode = () => import('./browse-code')

export type { SortColumn }

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

const UNDO_LIMIT = 30

const initial: BrowseState = {
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

export const createBrowseSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], BrowseSlice> =>
  (set, get) => {
    const browse = () => get().browse
    const patch = (p: Partial<BrowseState>) => set((s) => ({ browse: { ...s.browse, ...p } }))
    // `rated:N` sets, by N, read once per load; a search never reads the review log again.
    let rated = new Map<number, Set<string>>()
    let searchToken = 0

    function context(view: BrowseState['view'], decks: BrowseDeck[]): SearchContext & SortContext {
      const names = new Map(decks.map((d) => [d.id, d.name]))
      return {
        now: view.now,
        dayStart: view.dayStart,
        dayStartsAtHour: view.dayStartsAtHour,
        retrievability: (card: Pick<BrowseRow, 'deckId' | 'state' | 'stability' | 'last_review'>) => retrievabilityAt(card, view.now, view.weights[card.deckId]),
        ratedSince: (key, days) => rated.get(days)?.has(key) ?? false,
        deckName: (id) => names.get(id)
      }
    }

    async function loadRated(ast: SearchNode, view: BrowseState['view']) {
      for (const days of ratedDays(ast)) {
        if (!rated.has(days)) rated.set(days, await (await loadCode()).browseDb.cardsRatedSince(db, studyDayStart(view.dayStart, 1 - days, view.dayStartsAtHour)))
      }
    }

    /** Runs the search box over the rows in memory; only the latest search may write its results. */
    async function runSearch() {
      const { parseSearch, compileSearch } = await loadCode()
      const token = ++searchToken
      const { query, view, decks } = browse()
      const parsed = parseSearch(query)
      if (!parsed.ok) return patch({ queryError: { message: parsed.error, position: parsed.position } })
      await loadRated(parsed.ast, view)
      if (token !== searchToken) return
      const { rows, deckFilter, sort, selected } = browse()
      // compile.ts reads only fields a BrowseRow has (see BrowseRow); it is typed for whole cards.
      const matches = compileSearch(parsed.ast) as unknown as (row: BrowseRow, ctx: SearchContext) => boolean
      const ctx = context(view, decks)
      const results = rows.filter((r) => (!deckFilter || r.deckId === deckFilter) && matches(r, ctx))
      sortRows(results, sort.column, sort.descending, ctx)
      // Actions apply to what is on screen: a selected or focused card the search left out is let go.
      const ids = new Set(results.map((r) => r.id))
      const focusedId = browse().focusedId
      patch({
        results,
        queryError: undefined,
        selected: new Set([...selected].filter((id) => ids.has(id))),
        ...(focusedId && !ids.has(focusedId) ? { focusedId: undefined } : {})
      })
    }

    async function readView(): Promise<Pick<BrowseState, 'view' | 'decks'>> {
      const [decks, settings, { isUserDeck }] = await Promise.all([listDecks(db), getSettings(db), loadCode()])
      const at = now()
      const weights: Record<string, readonly number[] | undefined> = {}
      for (const d of decks) weights[d.id] = (await optionsForDeck(db, d.id)).w
      return {
        decks: decks.map((d) => ({ id: d.id, name: d.name, origin: d.origin, editable: isUserDeck(d) })).sort((a, b) => a.name.localeCompare(b.name)),
        view: { now: at, dayStart: studyDayOf(at, settings.dayStartsAtHour).start, dayStartsAtHour: settings.dayStartsAtHour, weights }
      }
    }

    /** Replaces changed rows, drops removed ones, and searches again. */
    async function applyChanges(changed: readonly string[], removed: readonly string[] = [], written?: readonly CardRecord[]) {
      const { browseDb } = await loadCode()
      const fresh = written ? new Map(written.map((c) => [c.id, browseDb.toBrowseRow(c)])) : await browseDb.browseRowsByIds(db, changed)
      const gone = new Set(removed)
      const rows = browse().rows.filter((r) => !gone.has(r.id) && !fresh.has(r.id))
      const decks = (await readView()).decks
      patch({ rows: [...rows, ...fresh.values()], decks })
      await runSearch()
    }

    type Outcome = { notice: string; changed: string[]; removed?: string[]; undo?: UndoEntry; written?: CardRecord[] }
    async function act(run: () => Promise<Outcome | { problem: string }>) {
      if (browse().busy) return false
      patch({ busy: true, notice: undefined, problem: undefined })
      let outcome: Outcome | { problem: string }
      try {
        outcome = await run()
      } catch (error) {
        // Every action is one transaction: when it fails, it left nothing half-written.
        patch({ busy: false, problem: `That did not work (${describe(error)}). Nothing was changed.` })
        return false
      }
      if ('problem' in outcome) {
        patch({ busy: false, problem: outcome.problem })
        return false
      }
      if (outcome.undo) patch({ undo: [...browse().undo, outcome.undo].slice(-UNDO_LIMIT) })
      try {
        await applyChanges(outcome.changed, outcome.removed, outcome.written)
        patch({ busy: false, notice: outcome.notice })
        await get().refreshCounts()
      } catch (error) {
        patch({ busy: false, problem: `${outcome.notice} The list could not be refreshed (${describe(error)}): open Browse again to see it.` })
      }
      return true
    }

    const cardsWord = (n: number) => `${n} card${n === 1 ? '' : 's'}`
    const undoHint = ' Ctrl+Z undoes.'
    const fromEntry = (entry: UndoEntry, notice: string, written?: CardRecord[]): Outcome => ({
      notice: notice + (entry.before.length ? undoHint : ''),
      changed: entry.before.map((c) => c.id),
      ...(entry.before.length ? { undo: entry } : {}),
      ...(written ? { written } : {})
    })
    const fromMembership = (change: MembershipChange, notice: string) => ({ notice, changed: change.added, removed: change.removed })

    async function schedulers(ids: string[]): Promise<(deckId: string) => FSRS> {
      const wanted = new Set(ids)
      const deckIds = new Set(browse().rows.filter((r) => wanted.has(r.id)).map((r) => r.deckId))
      const made = new Map<string, FSRS>()
      for (const id of deckIds) made.set(id, createScheduler(await optionsForDeck(db, id)))
      return (deckId) => made.get(deckId) ?? createScheduler(DEFAULT_STUDY_OPTIONS)
    }

    return {
      browse: initial,

      async openBrowse() {
        set({ screen: { name: 'browse' } })
        if (browse().status === 'loading') return
        // Cards may have been studied since the last visit: undoing an older action would put back stale state.
        patch({ status: 'loading', loaded: 0, problem: undefined, notice: undefined, undo: [] })
        try {
          const header = await readView()
          rated = new Map()
          const rows = await (await loadCode()).browseDb.loadBrowseRows(db, (loaded) => patch({ loaded }))
          patch({ ...header, rows, status: 'ready' })
          const ids = new Set(rows.map((r) => r.id))
          const { focusedId, editingId } = browse()
          if (focusedId && !ids.has(focusedId)) patch({ focusedId: undefined })
          if (editingId && !ids.has(editingId)) patch({ editingId: undefined })
          await runSearch()
        } catch (error) {
          patch({ status: 'failed', problem: `Could not read your cards (${describe(error)}).` })
        }
      },

      async setBrowseQuery(query) {
        patch({ query })
        await runSearch()
      },

      async setDeckFilter(deckFilter) {
        patch({ deckFilter })
        await runSearch()
      },

      sortBrowse(column) {
        const { sort, results, view, decks } = browse()
        const descending = sort.column === column ? !sort.descending : false
        const sorted = [...results]
        sortRows(sorted, column, descending, context(view, decks))
        patch({ sort: { column, descending }, results: sorted })
      },

      setSelection: (selected, focusedId) => patch({ selected, ...(focusedId !== undefined ? { focusedId } : {}) }),
      focusRow: (focusedId) => patch({ focusedId }),

      browseTargets() {
        const { selected, focusedId } = browse()
        return selected.size > 0 ? [...selected] : focusedId ? [focusedId] : []
      },

      suspendSelected: async (suspended) => {
        const ids = get().browseTargets()
        await act(async () => {
          const { undo, after } = await (await loadCode()).browseDb.suspendCards(db, ids, suspended)
          return fromEntry(undo, `${suspended ? 'Suspended' : 'Unsuspended'} ${cardsWord(after.length)}.`, after)
        })
      },

      forgetSelected: async () => {
        const ids = get().browseTargets()
        const schedulerOf = await schedulers(ids)
        await act(async () => {
          const { undo, after } = await (await loadCode()).browseDb.forgetCards(db, ids, schedulerOf, now())
          return fromEntry(undo, `Reset ${cardsWord(after.length)} to new.`, after)
        })
      },

      async tagSelected(text, mode) {
        const tags = (await loadCode()).parseTags(text)
        if (tags.length === 0) {
          patch({ problem: 'Type at least one tag.' })
          return false
        }
        const ids = get().browseTargets()
        return act(async () => {
          const result = await (await loadCode()).browseDb.changeTags(db, ids, mode === 'add' ? tags : [], mode === 'remove' ? tags : [])
          if (!result.ok) return { problem: result.message }
          return fromEntry(result.undo, `${mode === 'add' ? 'Tagged' : 'Untagged'} ${cardsWord(result.after.length)}.`, result.after)
        })
      },

      moveSelected: (deckId) => {
        const ids = get().browseTargets()
        const name = browse().decks.find((d) => d.id === deckId)?.name ?? deckId
        return act(async () => {
          const result = await (await loadCode()).moveCards(db, ids, deckId)
          return result.ok ? fromMembership(result, `Moved ${cardsWord(result.added.length)} to "${name}".`) : { problem: result.message }
        })
      },

      deleteSelected: () => {
        const ids = get().browseTargets()
        return act(async () => {
          const result = await (await loadCode()).deleteCards(db, ids)
          if (!result.ok) return { problem: result.message }
          patch({ selected: new Set(), ...(result.removed.includes(browse().editingId ?? '') ? { editingId: undefined } : {}) })
          return fromMembership(result, `Deleted ${cardsWord(result.removed.length)} and their history.`)
        })
      },

      async copyDeckToMine(deckId) {
        await act(async () => {
          const result = await (await loadCode()).copyDeck(db, deckId, now())
          if (!result.ok) return { problem: result.message }
          const ids = await db.cards.where('deckId').equals(result.deck.id).primaryKeys()
          patch({ deckFilter: result.deck.id })
          return { notice: `Copied ${cardsWord(result.deck.cardCount)} to your new deck "${result.deck.name}".`, changed: ids }
        })
      },

      async undoBrowse() {
        const entry = browse().undo.at(-1)
        if (!entry || browse().busy) return
        await act(async () => {
          await undo(db, entry)
          patch({ undo: browse().undo.slice(0, -1) })
          return { notice: `Undone: ${entry.label.toLowerCase()}.`, changed: entry.before.map((c: CardRecord) => c.id) }
        })
      },

      openEditor: (editingId) => patch({ editingId, focusedId: editingId }),
      closeEditor: () => patch({ editingId: undefined }),

      async saveEdit(text, tags) {
        const id = browse().editingId
        if (!id) return false
        return act(async () => fromEntry(await (await loadCode()).browseDb.saveCardEdit(db, id, text, tags), 'Card saved; its progress is kept.'))
      },

      async showBrowseHistory(id) {
        const row = browse().rows.find((r) => r.id === id)
        if (!row) return
        const scheduler = createScheduler(await optionsForDeck(db, row.deckId))
        set({ cardHistory: buildCardHistory(scheduler, await reviewsOfCard(db, id)) })
      },

      async refreshBrowse(changed, removed = []) {
        if (browse().status !== 'ready') return
        await applyChanges(changed, removed)
      }
    }
  }

/** Every `rated:N` in a search, so their sets are read before the predicate runs. */
function ratedDays(node: SearchNode): number[] {
  switch (node.kind) {
    case 'rated':
      return [node.days]
    case 'and':
    case 'or':
      return node.children.flatMap(ratedDays)
    case 'not':
      return ratedDays(node.child)
    default:
      return []
  }
}
