import { isUserDeck, type BrowseRow } from '@core/model'
import type { SearchNode } from '@core/search/ast'
import type { SearchContext } from '@core/search/compile'
import { retrievabilityAt } from '@core/stats/retrievability'
import { studyDayOf, studyDayStart } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { listDecks } from '@db/deck-repository'
import { getSettings, optionsOfDecks } from '@db/options-repository'
import { sortRows, type SortContext } from '@store/browse-sort'
import type { BrowseDeck, BrowseState } from '@store/browse-state'
import { loadBrowseCode } from '@store/load-browse-code'

/** The decks and what the columns and `prop:r` are computed with: now, the study day, each deck's FSRS weights. */
export async function readBrowseView(db: RecallDatabase, now: () => number): Promise<Pick<BrowseState, 'view' | 'decks'>> {
  const [decks, settings] = await Promise.all([listDecks(db), getSettings(db)])
  const options = await optionsOfDecks(db, decks)
  const at = now()
  const weights: Record<string, readonly number[] | undefined> = {}
  for (const d of decks) weights[d.id] = options.get(d.id)!.w
  return {
    decks: decks
      .map((d) => ({ id: d.id, name: d.name, origin: d.origin, editable: isUserDeck(d) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    view: { now: at, dayStart: studyDayOf(at, settings.dayStartsAtHour).start, dayStartsAtHour: settings.dayStartsAtHour, weights }
  }
}

/**
 * The browser's search box, run over the rows in memory: parse, read the `rated:N` sets it
 * needs, filter by deck and search, sort, and let go of a selection the results no longer show.
 */
export function createBrowseSearch(db: RecallDatabase, browse: () => BrowseState, patch: (p: Partial<BrowseState>) => void) {
  // `rated:N` sets, by N, read once per load; a search never reads the review log again.
  let rated = new Map<number, Set<string>>()
  let searchToken = 0

  function context(view: BrowseState['view'], decks: BrowseDeck[]): SearchContext & SortContext {
    const names = new Map(decks.map((d) => [d.id, d.name]))
    return {
      now: view.now,
      dayStart: view.dayStart,
      dayStartsAtHour: view.dayStartsAtHour,
      retrievability: (card: Pick<BrowseRow, 'deckId' | 'state' | 'stability' | 'last_review'>) =>
        retrievabilityAt(card, view.now, view.weights[card.deckId]),
      ratedSince: (key, days) => rated.get(days)?.has(key) ?? false,
      deckName: (id) => names.get(id)
    }
  }

  async function loadRated(ast: SearchNode, view: BrowseState['view']) {
    for (const days of ratedDays(ast)) {
      if (!rated.has(days))
        rated.set(
          days,
          await (await loadBrowseCode()).browseDb.cardsRatedSince(db, studyDayStart(view.dayStart, 1 - days, view.dayStartsAtHour))
        )
    }
  }

  /** Only the latest search may write its results. */
  async function run() {
    const { parseSearch, compileSearch } = await loadBrowseCode()
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

  return {
    run,
    context,
    /** A new load reads the `rated:N` sets again. */
    forgetRated: () => void (rated = new Map())
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
