import type { IdList } from '@core/search/id-list'
import type { BrowseSelection } from '@store/browse-selection'

/**
 * Multi-selection as in a file list: a click selects one row, Ctrl+click and Space toggle one,
 * Shift+click and Shift+arrows select the run from the anchor (the last row picked on its own).
 * Ctrl+A selects every card found (`{ all: true }`); toggling a row then leaves it out.
 */
export type SelectGesture = 'only' | 'toggle' | 'range'

export function nextSelection(
  results: IdList,
  selected: BrowseSelection,
  gesture: SelectGesture,
  index: number,
  anchorIndex: number
): BrowseSelection {
  const id = results.at(index)
  if (id === undefined) return selected
  if (gesture === 'only') return { all: false, ids: new Set([id]) }
  if (gesture === 'toggle') {
    const ids = new Set(selected.ids)
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    return { all: selected.all, ids }
  }
  const from = Math.max(0, Math.min(anchorIndex < 0 ? index : anchorIndex, index))
  const to = Math.max(anchorIndex < 0 ? index : anchorIndex, index)
  return { all: false, ids: new Set(results.slice(from, to + 1)) }
}

export function gestureOf(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectGesture {
  if (event.shiftKey) return 'range'
  if (event.ctrlKey || event.metaKey) return 'toggle'
  return 'only'
}
