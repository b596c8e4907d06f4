import { barPaths, niceTicks, plotArea, ringPaths, shownLabels } from '@components/charts/chart-geometry'
import { describe, expect, it } from 'vitest'

describe('the statistics charts’ geometry', () => {
  it('gives a y axis of round whole numbers from 0 that reaches the tallest bar', () => {
    expect(niceTicks(17)).toEqual([0, 5, 10, 15, 20])
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500])
    expect(niceTicks(3)).toEqual([0, 1, 2, 3])
    expect(niceTicks(0)).toEqual([0, 1, 2, 3, 4])
    expect(niceTicks(100, true)).toEqual([0, 25, 50, 75, 100])
    for (const max of [1, 7, 99, 101, 5432, 98765]) {
      const ticks = niceTicks(max)
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max)
      expect(ticks.every(Number.isInteger)).toBe(true)
    }
  })

  it('keeps the first and last category labels and leaves out those that would overlap', () => {
    const labels = Array.from({ length: 90 }, (_, i) => `Dec ${i + 1}`)
    const shown = shownLabels(labels, 8, 24)
    expect(shown[0]).toBe(0)
    expect(shown.at(-1)).toBe(89)
    for (let i = 1; i < shown.length; i++) expect((shown[i]! - shown[i - 1]!) * 8).toBeGreaterThanOrEqual(6 * 7 + 24)
    // Few wide bands: every label.
    expect(shownLabels(['Learning', 'Young', 'Mature'], 300, 5)).toEqual([0, 1, 2])
  })

  it('draws each series as one path with one rectangle per non-zero value, no taller than the plot', () => {
    const plot = plotArea(400, 220)
    const [due] = barPaths([[3, 0, 5, 10]], 10, plot)
    expect(due!.match(/M/g)).toHaveLength(3)
    const heights = [...due!.matchAll(/v([\d.]+)/g)].map((m) => Number(m[1]))
    expect(heights).toEqual([plot.height * 0.3, plot.height * 0.5, plot.height].map((h) => Math.round(h * 100) / 100))
  })

  it('closes a ring whose one slice is everything, and skips empty slices', () => {
    const [all, none] = ringPaths([5, 0], 90, 90, 45, 85)
    expect(all).toMatch(/Z.*Z$/)
    expect(none).toBe('')
  })
})
