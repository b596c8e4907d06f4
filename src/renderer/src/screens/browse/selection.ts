import type { BrowseRow } from '@core/model'

/**
 * Multi-selection as in a file list: a click selects one row, Ctrl+click and Space toggle one,
 * Shift+click and Shift+arrows select the run from the anchor (the last row picked on its own).
 */
export type SelectGesture = 'only' | 'toggle' | 'range'

export function nextSelection(
  rows: readonly BrowseRow[],
  selected: ReadonlySet<string>,
  gesture: SelectGesture,
  index: number,
  anchorIndex: number
): Set<string> {
  const id = rows[index]?.id
  if (id === undefined) return new Set(selected)
  if (gesture === 'only') return new Set([id])
  if (gesture === 'toggle') {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    return next
  }
  const from = Math.max(0, Math.min(anchorIndex < 0 ? index : anchorIndex, index))
  const to = Math.max(anchorIndex < 0 ? index : anchorIndex, index)
  return new Set(rows.slice(from, to + 1).map((r) => r.id))
}

export function gestureOf(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectGesture {
  if (event.shiftKey) return 'range'
  if (event.ctrlKey || event.metaKey) return 'toggle'
  return 'only'
}
