/**
 * Expected recall over a set of cards. Each card is a Bernoulli trial with its own probability
 * p (its retrievability), so the share recalled has mean Σp / n and variance Σp(1 − p) / n².
 */
export interface RecallSum {
  cards: number
  sumP: number
  sumVariance: number
}

export interface RecallEstimate {
  cards: number
  /** Expected share of the cards recalled, 0–1. */
  mean: number
  /** A 90 % interval around the mean, clamped to 0–1. */
  low: number
  high: number
}

/** z for a two-sided 90 % interval. */
export const Z_90 = 1.645

export const emptyRecallSum = (): RecallSum => ({ cards: 0, sumP: 0, sumVariance: 0 })

export function addRecall(sum: RecallSum, p: number): RecallSum {
  sum.cards++
  sum.sumP += p
  sum.sumVariance += p * (1 - p)
  return sum
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x))

export function toRecallEstimate(sum: RecallSum): RecallEstimate {
  if (sum.cards === 0) return { cards: 0, mean: 0, low: 0, high: 0 }
  const mean = sum.sumP / sum.cards
  const margin = (Z_90 * Math.sqrt(sum.sumVariance)) / sum.cards
  return { cards: sum.cards, mean, low: clamp01(mean - margin), high: clamp01(mean + margin) }
}
