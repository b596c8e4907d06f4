import { IdList } from '@core/search/id-list'
import { gestureOf, nextSelection } from '@screens/browse/selection'
import {
  isSelected,
  keepSelection,
  NO_SELECTION,
  SELECT_ALL,
  selectedIds,
  selectionSize,
  type BrowseSelection
} from '@store/browse-selection'
import { describe, expect, it } from 'vitest'

const results = IdList.of(['a', 'b', 'c', 'd', 'e'])
const ids = (selection: BrowseSelection) => selectedIds(selection, results).sort()

describe('selecting rows in the card browser', () => {
  it('reads the gesture from the modifier keys: Shift for a run, Ctrl or ⌘ to toggle one, else one alone', () => {
    expect(gestureOf({ shiftKey: true, ctrlKey: true, metaKey: false })).toBe('range')
    expect(gestureOf({ shiftKey: false, ctrlKey: false, metaKey: true })).toBe('toggle')
    expect(gestureOf({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('only')
  })

  it('selects one row alone, toggles rows in and out, and selects the run from the anchor either way', () => {
    const one = nextSelection(results, { all: false, ids: new Set(['a', 'b']) }, 'only', 2, -1)
    expect(ids(one)).toEqual(['c'])
    const two = nextSelection(results, one, 'toggle', 4, 2)
    expect(ids(two)).toEqual(['c', 'e'])
    expect(ids(nextSelection(results, two, 'toggle', 2, 4))).toEqual(['e'])
    expect(ids(nextSelection(results, two, 'range', 4, 1))).toEqual(['b', 'c', 'd', 'e'])
    expect(ids(nextSelection(results, two, 'range', 0, 2))).toEqual(['a', 'b', 'c'])
    // No anchor yet: Shift+click selects just that row.
    expect(ids(nextSelection(results, NO_SELECTION, 'range', 3, -1))).toEqual(['d'])
  })

  it('holds Ctrl+A as every result, and a row toggled off as the one left out', () => {
    expect(selectionSize(SELECT_ALL, results)).toBe(5)
    const allButB = nextSelection(results, SELECT_ALL, 'toggle', 1, -1)
    expect(allButB).toEqual({ all: true, ids: new Set(['b']) })
    expect(selectionSize(allButB, results)).toBe(4)
    expect(ids(allButB)).toEqual(['a', 'c', 'd', 'e'])
    expect(isSelected(allButB, 'b')).toBe(false)
    expect(isSelected(allButB, 'c')).toBe(true)
    expect(ids(nextSelection(results, allButB, 'toggle', 1, -1))).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('lets go of selected cards a new search leaves out, whether picked one by one or all at once', () => {
    const narrower = IdList.of(['e', 'c', 'x'])
    expect(keepSelection({ all: false, ids: new Set(['a', 'c']) }, results, narrower)).toEqual({ all: false, ids: new Set(['c']) })
    // All of the old results but b: of the new ones, those that were shown and not left out.
    expect(keepSelection({ all: true, ids: new Set(['e']) }, results, narrower)).toEqual({ all: false, ids: new Set(['c']) })
    expect(keepSelection(SELECT_ALL, results, IdList.of(['d', 'b']))).toBe(SELECT_ALL)
    const many = { all: false, ids: new Set(Array.from({ length: 100 }, (_, i) => `k${i}`)) }
    expect(keepSelection(many, IdList.of([...many.ids]), IdList.of(['k3', 'k99', 'z']))).toEqual({
      all: false,
      ids: new Set(['k3', 'k99'])
    })
  })
})
