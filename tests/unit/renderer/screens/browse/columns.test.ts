import { COLUMNS, columnsThatFit, minWidthRem } from '@screens/browse/columns'
import { describe, expect, it } from 'vitest'

const ids = (width: number, sortedBy: Parameters<typeof columnsThatFit>[1] = 'question') => columnsThatFit(width, sortedBy).map((c) => c.id)

describe('the columns a browse table of a given width shows', () => {
  it('shows every column when they all fit', () => {
    expect(ids(minWidthRem(COLUMNS))).toEqual(COLUMNS.map((c) => c.id))
    expect(ids(Infinity)).toHaveLength(COLUMNS.length)
  })

  it('gives up the figures first and keeps question, answer, deck and due at 800 px', () => {
    // 800 × 600: the wide column is 752 px, less the grid's border and scrollbar.
    expect(ids(735 / 16)).toEqual(['question', 'answer', 'deck', 'due', 'interval', 'retrievability'])
    // Sorted by the date added, as the list first opens.
    expect(ids(735 / 16, 'created')).toEqual(['question', 'answer', 'deck', 'due', 'created'])
    expect(minWidthRem(columnsThatFit(735 / 16, 'question'))).toBeLessThanOrEqual(735 / 16)
  })

  it('keeps the column the list is sorted by, so its arrow stays in view', () => {
    expect(ids(735 / 16, 'lapses')).toContain('lapses')
    expect(ids(735 / 16, 'lapses')).toEqual(['question', 'answer', 'deck', 'due', 'retrievability', 'lapses'])
  })

  it('never hides the question or the answer: a very narrow table scrolls sideways instead', () => {
    expect(ids(10, 'created')).toEqual(['question', 'answer', 'created'])
    expect(ids(10)).toEqual(['question', 'answer'])
  })

  it('keeps the usual order of the columns it shows', () => {
    const order = COLUMNS.map((c) => c.id)
    for (const width of [20, 40, 55, 65, 70]) {
      const shown = ids(width)
      expect([...shown].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(shown)
    }
  })
})
