import { describe, expect, it } from 'vitest'
import { thinkTimes } from '../../../../scripts/bench/think-time'

describe('think times before a grade', () => {
  it('are whole milliseconds from 1 to 8 s, the same for the same seed, spread over the range', () => {
    const times = thinkTimes(200, 23)
    expect(times).toEqual(thinkTimes(200, 23))
    expect(times).not.toEqual(thinkTimes(200, 24))
    for (const t of times) {
      expect(Number.isInteger(t)).toBe(true)
      expect(t).toBeGreaterThanOrEqual(1000)
      expect(t).toBeLessThanOrEqual(8000)
    }
    // Spread: some short pauses and some long ones, not all in the middle.
    expect(times.filter((t) => t < 2500).length).toBeGreaterThan(20)
    expect(times.filter((t) => t > 6500).length).toBeGreaterThan(20)
  })

  it('honour another range', () => {
    expect(thinkTimes(50, 1, 200, 300).every((t) => t >= 200 && t <= 300)).toBe(true)
  })
})
