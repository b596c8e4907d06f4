/** Median and 95th percentile (nearest rank) of a sample. */
export function summarize(samples: readonly number[]): { median: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN
  return { median: rank(0.5), p95: rank(0.95), n: sorted.length }
}

/**
 * Times `run` `reps` times after `warm` unmeasured runs; milliseconds each. `before`, when given,
 * runs untimed ahead of every measured run.
 */
export async function timeRepeated(
  reps: number,
  run: (i: number) => unknown,
  { warm = 1, before }: { warm?: number; before?: () => Promise<unknown> } = {}
): Promise<number[]> {
  for (let i = 0; i < warm; i++) await run(-1 - i)
  const out: number[] = []
  for (let i = 0; i < reps; i++) {
    if (before) await before()
    const start = performance.now()
    await run(i)
    out.push(performance.now() - start)
  }
  return out
}
