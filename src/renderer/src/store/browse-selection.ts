import type { IdList } from '@core/search/id-list'

/**
 * The browser's selection, held compactly: some keys, or every card the search found but some.
 * Ctrl+A on 100,000 results is `{ all: true }`, not 100,000 keys.
 */
export interface BrowseSelection {
  all: boolean
  /** The keys selected; with `all`, the keys left out. */
  ids: ReadonlySet<string>
}

export const NO_SELECTION: BrowseSelection = { all: false, ids: new Set() }
export const SELECT_ALL: BrowseSelection = { all: true, ids: new Set() }

export const isSelected = (selection: BrowseSelection, id: string): boolean => selection.all !== selection.ids.has(id)

/** How many cards are selected among `results` (the keys left out are always among them). */
export const selectionSize = (selection: BrowseSelection, results: IdList): number =>
  selection.all ? results.length - selection.ids.size : selection.ids.size

/** The keys selected, in the list's order when all are. */
export function selectedIds(selection: BrowseSelection, results: IdList): string[] {
  if (!selection.all) return [...selection.ids]
  const all = results.toArray()
  return selection.ids.size ? all.filter((id) => !selection.ids.has(id)) : all
}

/**
 * The selection once the results change (a new search, an action): actions apply to what is on
 * screen, so a selected card the new results leave out is let go.
 */
export function keepSelection(selection: BrowseSelection, before: IdList, after: IdList): BrowseSelection {
  if (!selection.all) {
    if (selection.ids.size === 0) return selection
    // A few keys are looked up in the text; more at once through a set.
    const afterSet = selection.ids.size > 32 ? after.toSet() : undefined
    const kept = [...selection.ids].filter((id) => (afterSet ? afterSet.has(id) : after.indexOf(id) >= 0))
    return kept.length === selection.ids.size ? selection : { all: false, ids: new Set(kept) }
  }
  const was = before.toSet()
  const kept = after.toArray().filter((id) => was.has(id) && !selection.ids.has(id))
  return kept.length === after.length ? SELECT_ALL : { all: false, ids: new Set(kept) }
}
