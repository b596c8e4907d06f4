import { isUserDeck, Queue, type BrowseRow } from '@core/model'
import { IdList } from '@core/search/id-list'
import { studyDayOf } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { listDecks } from '@db/deck-records'
import { getSettings, optionsOfDecks } from '@db/options-repository'
import type { BrowseEngineClient } from '@store/browse-engine-client'
import { keepSelection } from '@store/browse-selection'
import type { BrowseDeck, BrowseState } from '@store/browse-state'
import { loadBrowseCode } from '@store/load-browse-code'

/** Rows read beyond each end of what the list shows, so a short scroll finds them there. */
const AROUND = 40
/** Rows kept at most; beyond this, rows far from the list's view are let go. */
const KEEP = 400
/** Rows read before the engine answers: a tall window's screenful (the list says what it shows only once it has rows). */
const FIRST_ROWS = 60

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

const deckNames = (decks: readonly BrowseDeck[]) => Object.fromEntries(decks.map((d) => [d.id, d.name]))

/** Whether the list is to show every card in the default order, the one its first screenful can be read in without the worker. */
const defaultList = ({ query, deckFilter, sort }: BrowseState) =>
  query === '' && deckFilter === '' && sort.column === 'created' && !sort.descending

/**
 * The browser's search box and list: the engine (in its worker) finds the keys in order, and the
 * page reads from IndexedDB only the rows the list shows. A search's results appear together with
 * the rows of the list's view, so the list never shows the new count over the old rows.
 */
export function createBrowseSearch(
  db: RecallDatabase,
  browse: () => BrowseState,
  patch: (p: Partial<BrowseState>) => void,
  engine: () => Promise<BrowseEngineClient>
) {
  let searchToken = 0
  let suspendedToken = 0
  /** The positions the list shows, as it last said. */
  let view = { from: 0, to: FIRST_ROWS }
  let reading: Promise<void> | undefined
  /**
   * Cards an action changed whose rows are held as they were, each with the count of marks when it
   * was marked: read again wherever wanted next, and cleared only by a read begun after the mark.
   */
  const stale = new Map<string, number>()
  let marks = 0

  /**
   * The rows for the positions in view in `results` (and `around` either side), with the focused
   * and edited cards: rows already held are kept (unless stale), the others read in one request.
   */
  async function rowsFor(results: IdList, around: number): Promise<Map<string, BrowseRow>> {
    const { rows, focusedId, editingId } = browse()
    const begun = marks
    const wanted = results.slice(view.from - around, view.to + around)
    for (const pinned of [focusedId, editingId]) if (pinned && !wanted.includes(pinned)) wanted.push(pinned)
    const next = new Map<string, BrowseRow>()
    const missing: string[] = []
    for (const id of wanted) {
      const row = stale.has(id) ? undefined : rows.get(id)
      if (row) next.set(id, row)
      else missing.push(id)
    }
    if (missing.length) for (const [id, row] of await (await loadBrowseCode()).browseDb.browseRowsByIds(db, missing)) next.set(id, row)
    for (const id of missing) if ((stale.get(id) ?? Infinity) <= begun) stale.delete(id)
    // Rows a little way off stay while there is room, so scrolling back finds them.
    if (rows.size + next.size <= KEEP) for (const [id, row] of rows) if (!next.has(id) && !stale.has(id)) next.set(id, row)
    return next
  }

  /**
   * Searches again with the box, the deck filter and the order as they are; only the latest search
   * may write its results. `sameCards` (a new order of the same results) keeps the selection as it is;
   * `stale` are cards an action changed, whose rows are read again (by this search or a later one).
   */
  async function run(options: { sameCards?: boolean; stale?: Iterable<string> } = {}) {
    if (options.stale) {
      marks++
      for (const id of options.stale) stale.set(id, marks)
    }
    const token = ++searchToken
    // The first screenful read early is in the default order only: another search or order shows none meanwhile.
    if (browse().early && !defaultList(browse())) patch({ results: IdList.empty, early: false })
    const { query, deckFilter, sort, view: at, decks } = browse()
    const client = await engine()
    const answer = await client.search({ query, deckFilter, sort, view: { ...at, deckNames: deckNames(decks) } })
    if (token !== searchToken || !answer) return
    if (!answer.ok) return patch({ queryError: { message: answer.message, position: answer.position } })
    const results = IdList.from(answer.ids)
    // The rows in view come with the results; those either side follow (showRows).
    const rows = await rowsFor(results, 0)
    if (token !== searchToken) return
    const { selected, focusedId, results: before } = browse()
    patch({
      results,
      early: false,
      rows,
      queryError: undefined,
      selected: options.sameCards ? selected : keepSelection(selected, before, results),
      // Actions apply to what is on screen: a focused card the search left out is let go.
      ...(focusedId && results.indexOf(focusedId) < 0 ? { focusedId: undefined } : {})
    })
    void showRows(view.from, view.to)
    await updateSuspended()
  }

  /**
   * Shows `at` (the decks, and what the columns are computed with) and, while a new engine reads
   * and orders every card, the first screenful of the default order read through its index: when
   * the list is to show that order and nothing was searched meanwhile (then no rows until the
   * engine answers). The engine's answer lists the same cards first. Returns whether rows were shown.
   */
  async function showFirstRows(at: Promise<Partial<BrowseState>>): Promise<boolean> {
    const token = searchToken
    const wanted = defaultList(browse())
    const count = Math.max(FIRST_ROWS, view.to - view.from)
    // A failure leaves the list to the engine's answer.
    const firstRows = wanted ? (await loadBrowseCode()).browseDb.firstBrowseRows(db, count).catch(() => undefined) : undefined
    const [decks, rows] = await Promise.all([at, firstRows])
    const show = rows !== undefined && token === searchToken && defaultList(browse())
    patch({
      ...decks,
      ...(show ? { results: IdList.of(rows.map((r) => r.id)), rows: new Map(rows.map((r) => [r.id, r])), early: true } : {})
    })
    return show
  }

  /**
   * The list scrolled: reads the rows it shows that are not read yet, then those either side (one
   * request at a time, the rows in view first).
   */
  async function showRows(from: number, to: number) {
    view = { from, to }
    if (reading) return reading
    const held = (around: number) => {
      const { results, rows } = browse()
      return results.slice(view.from - around, view.to + around).every((id) => rows.has(id) && !stale.has(id))
    }
    if (held(AROUND)) return
    reading = (async () => {
      try {
        // Until a read finds the view and the results as they were when it began.
        for (;;) {
          const asked = view
          const { results } = browse()
          for (const around of held(0) ? [AROUND] : [0, AROUND]) {
            const rows = await rowsFor(results, around)
            if (browse().results === results) patch({ rows })
          }
          if (browse().results === results && asked === view) return
        }
      } finally {
        reading = undefined
      }
    })()
    return reading
  }

  /** Whether the selection (or else the focused card) is all suspended: from the rows on screen when they hold every target. */
  async function updateSuspended() {
    const token = ++suspendedToken
    const { selected, focusedId, rows } = browse()
    const ids = selected.all ? undefined : selected.ids.size ? [...selected.ids] : focusedId ? [focusedId] : []
    if (ids?.length === 0) return patch({ targetsSuspended: false })
    if (ids?.every((id) => rows.has(id))) return patch({ targetsSuspended: ids.every((id) => rows.get(id)!.queue === Queue.Suspended) })
    const { count, suspended } = await (await engine()).suspended(ids ? { ids } : { allExcept: [...selected.ids] })
    if (token === suspendedToken) patch({ targetsSuspended: count > 0 && suspended === count })
  }

  return {
    run,
    showFirstRows,
    showRows,
    updateSuspended
  }
}
