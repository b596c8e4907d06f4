/**
 * Seeded randomness for practice modes. Core never calls Math.random: a caller creates a
 * generator from a seed it chose (and may store), so a quiz or an exam can be replayed exactly.
 */

/** Returns numbers in [0, 1), like Math.random. */
export type Random = () => number

/** mulberry32: a tiny, fast 32-bit generator with good spread; not for security. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    return mulberry32Output(a)
  }
}

/** mulberry32's number in [0, 1) for its state `a`. */
function mulberry32Output(a: number): number {
  let t = a
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/**
 * `count` independent mulberry32 generators seeded from `random`, kept in one typed array rather
 * than as `count` closures: `next(i)` is generator i's next number. A simulation gives each card
 * its own, so the card draws the same numbers whatever the other cards do.
 */
export function mulberry32Streams(random: Random, count: number): (i: number) => number {
  const states = new Uint32Array(count)
  for (let i = 0; i < count; i++) states[i] = Math.floor(random() * 0x1_0000_0000)
  return (i) => mulberry32Output((states[i] = (states[i]! + 0x6d2b79f5) >>> 0))
}

/** An integer in [0, maxExclusive). */
export function randomInt(random: Random, maxExclusive: number): number {
  return Math.min(maxExclusive - 1, Math.floor(random() * maxExclusive))
}

/** A shuffled copy (Fisher–Yates); the input is left as it was. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1)
    const swap = out[i]!
    out[i] = out[j]!
    out[j] = swap
  }
  return out
}

/** A standard normal draw (Box–Muller). */
export function randomNormal(random: Random): number {
  const u = 1 - random()
  const v = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}
