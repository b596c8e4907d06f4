import { inSlices } from '@shared/slices'
import { describe, expect, it } from 'vitest'

function* busySteps(steps: number, msEach: number, log: string[]): Generator<void, number> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + msEach
    while (performance.now() < until) {
      // busy, as decoding is
    }
    log.push(`step ${i}`)
    yield
  }
  return steps
}

describe('work in slices', () => {
  it('gives the thread back between slices, so that a task queued meanwhile runs before the work ends', async () => {
    const log: string[] = []
    setTimeout(() => log.push('other task'), 0)
    expect(await inSlices(busySteps(8, 5, log), 12)).toBe(8)
    const other = log.indexOf('other task')
    expect(other).toBeGreaterThan(0)
    expect(other).toBeLessThan(log.length - 1)
  })

  it('runs short work in one go', async () => {
    const log: string[] = []
    setTimeout(() => log.push('other task'), 0)
    expect(await inSlices(busySteps(3, 0, log), 1_000)).toBe(3)
    expect(log).toEqual(['step 0', 'step 1', 'step 2'])
  })
})
