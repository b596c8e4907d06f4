import { Queue, type CardRecord } from '@core/model'
import type { Accumulator } from '@core/stats/accumulator'
import { retrievabilityAt } from '@core/stats/retrievability'
import { default_w, State } from 'ts-fsrs'

export type DistributedCard = Pick<CardRecord, 'queue' | 'state' | 'stability' | 'difficulty' | 'last_review'>

/**
 * Lower edges of the stability buckets in days, doubling: under 1 day, 1–2, 2–4 … 16384–32768,
 * and 32768 or more (the maximum interval is 36500 days).
 */
const STABILITY_EDGES: readonly number[] = [0, ...Array.from({ length: 16 }, (_, i) => 2 ** i)]
const DIFFICULTY_BUCKETS = 10
const RETRIEVABILITY_BUCKETS = 20

export interface MemoryDistributions {
  cards: number
  /** Counts per bucket of STABILITY_EDGES. */
  stability: number[]
  /** Ten buckets over FSRS difficulty 1–10 (Anki shows them as 0–100 %). */
  difficulty: number[]
  /** Twenty 5 % buckets of the recall probability at `now`. */
  retrievability: number[]
  sums: { stability: number; difficulty: number; retrievability: number }
}

export function stabilityBucket(stability: number): number {
  let i = STABILITY_EDGES.length - 1
  while (i > 0 && stability < STABILITY_EDGES[i]!) i--
  return i
}

export function difficultyBucket(difficulty: number): number {
  return Math.min(DIFFICULTY_BUCKETS - 1, Math.max(0, Math.floor(((difficulty - 1) / 9) * DIFFICULTY_BUCKETS)))
}

export function retrievabilityBucket(r: number): number {
  // The epsilon keeps 0.95 in the 95–100 % bucket despite 0.95 × 20 rounding below 19.
  return Math.min(RETRIEVABILITY_BUCKETS - 1, Math.max(0, Math.floor(r * RETRIEVABILITY_BUCKETS + 1e-9)))
}

/**
 * Stability, difficulty and retrievability of every studied card (new cards have no memory yet,
 * cards gone from their deck file are left out). Feed it the cards, any order.
 */
export function createMemoryDistributionsAccumulator(params: {
  now: number
  w?: readonly number[]
}): Accumulator<DistributedCard, MemoryDistributions> {
  const w = params.w ?? default_w
  const gathered: MemoryDistributions = {
    cards: 0,
    stability: STABILITY_EDGES.map(() => 0),
    difficulty: new Array<number>(DIFFICULTY_BUCKETS).fill(0),
    retrievability: new Array<number>(RETRIEVABILITY_BUCKETS).fill(0),
    sums: { stability: 0, difficulty: 0, retrievability: 0 }
  }
  return {
    add(card) {
      if (card.state === State.New || card.queue === Queue.Removed || card.last_review === undefined) return
      const r = retrievabilityAt(card, params.now, w)
      gathered.cards++
      gathered.stability[stabilityBucket(card.stability)]!++
      gathered.difficulty[difficultyBucket(card.difficulty)]!++
      gathered.retrievability[retrievabilityBucket(r)]!++
      gathered.sums.stability += card.stability
      gathered.sums.difficulty += card.difficulty
      gathered.sums.retrievability += r
    },
    result: () => gathered
  }
}

export interface HistogramBin {
  /** Lower edge, inclusive. */
  from: number
  /** Upper edge, exclusive (Infinity for the last stability bucket). */
  to: number
  count: number
}

export interface MemoryHistograms {
  stability: { bins: HistogramBin[]; mean: number | null }
  /** Edges in FSRS difficulty (1–10). */
  difficulty: { bins: HistogramBin[]; mean: number | null }
  /** Edges as fractions 0–1. */
  retrievability: { bins: HistogramBin[]; mean: number | null }
}

export function buildMemoryHistograms(d: MemoryDistributions): MemoryHistograms {
  const mean = (sum: number) => (d.cards > 0 ? sum / d.cards : null)
  const even = (counts: number[], from: number, width: number) =>
    counts.map((count, i) => ({ from: from + i * width, to: from + (i + 1) * width, count }))
  return {
    stability: {
      bins: d.stability.map((count, i) => ({ from: STABILITY_EDGES[i]!, to: STABILITY_EDGES[i + 1] ?? Infinity, count })),
      mean: mean(d.sums.stability)
    },
    difficulty: { bins: even(d.difficulty, 1, 9 / DIFFICULTY_BUCKETS), mean: mean(d.sums.difficulty) },
    retrievability: { bins: even(d.retrievability, 0, 1 / RETRIEVABILITY_BUCKETS), mean: mean(d.sums.retrievability) }
  }
}
