import type { BrowseRow } from '@core/model'
import { gestureOf, nextSelection } from '@screens/browse/selection'
import { describe, expect, it } from 'vitest'

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }) as BrowseRow)
const ids = (set: Set<string>) => [...set].sort()

describe('selecting rows in the card browser', () => {
  it('reads the gesture from the modifier keys: Shift for a run, Ctrl or ⌘ to toggle one, else one alone', () => {
    expect(gestureOf({ shiftKey: true, ctrlKey: true, metaKey: false })).toBe('range')
    expect(gestureOf({ shiftKey: false, ctrlKey: false, metaKey: true })).toBe('toggle')
    expect(gestureOf({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('only')
  })

  it('selects one row alone, toggles rows in and out, and selects the run from the anchor either way', () => {
    const one = nextSelection(rows, new Set(['a', 'b']), 'only', 2, -1)
    expect(ids(one)).toEqual(['c'])
    const two = nextSelection(rows, one, 'toggle', 4, 2)
    expect(ids(two)).toEqual(['c', 'e'])
    expect(ids(nextSelection(rows, two, 'toggle', 2, 4))).toEqual(['e'])
    expect(ids(nextSelection(rows, two, 'range', 4, 1))).toEqual(['b', 'c', 'd', 'e'])
    expect(ids(nextSelection(rows, two, 'range', 0, 2))).toEqual(['a', 'b', 'c'])
    // No anchor yet: Shift+click selects just that row.
    expect(ids(nextSelection(rows, new Set(), 'range', 3, -1))).toEqual(['d'])
  })
})
