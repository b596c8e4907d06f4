import { mulberry32 } from '@core/practice/random'

/**
 * How long a person looks at an answer before grading: whole milliseconds drawn uniformly from
 * [minMs, maxMs] by a seeded generator, so every run pauses the same way. The bench waits this
 * long before each grade and before each sample of the grade's limit: storage that has been idle
 * for seconds answers a write more slowly than storage written to a moment ago.
 */
export function thinkTimes(count: number, seed: number, minMs = 1000, maxMs = 8000): number[] {
  const random = mulberry32(seed)
  return Array.from({ length: count }, () => Math.round(minMs + random() * (maxMs - minMs)))
}
