/** Numbers as the screens and messages write them. */

/** 0.873 → "87%"; no value → "—". */
export function percent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return `${(value * 100).toFixed(digits)}%`
}

/** "1 card", "2,000 cards": the one plural rule, shared with the importers and scripts. */
export { plural } from '@shared/plural'
