/**
 * A count and its noun, as every message writes them: "1 card", "2,000 cards", "1 row was
 * skipped". The one plural rule for the app, the importers and the command line.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${agree(n, one, many)}`
}

/** The word that agrees with a count, without the count: `agree(n, 'is', 'are')`, `agree(n, 'its', 'their')`. */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}

/** "was" or "were", to follow `plural(n, …)`. */
export function wasWere(n: number): string {
  return agree(n, 'was', 'were')
}
