import { mulberry32 } from '@core/practice/random'
import {
  simulateWorkload,
  type SimulatedDeck,
  type WorkloadDay,
  type WorkloadSettings,
  type WorkloadSimulation
} from '@core/simulation/workload-simulation'

/**
 * The retention sweep behind the deck options' workload chart, and the minimum recommended
 * retention (CMRR, Anki's "Compute minimum recommended retention").
 *
 * How fsrs-rs finds it (`optimal_retention` in `src/simulation.rs`, read at commit ea20f64):
 * Brent's method over desired retention in [0.70, 0.95], each point the mean of 16 seeded
 * simulations (more for runs under a year) of its default target, "seconds spent over the whole
 * run ÷ cards memorized on its last day"; the retention with the least cost per memorized card is
 * the minimum recommended one (below it, forgetting costs more time than it saves). Here the same
 * target is averaged over seeded runs too, but on a fixed grid of 0.01 steps rather than by
 * Brent's search (the chart needs every point anyway, and Brent's tolerance there is 0.01 too),
 * and with fewer runs for a big deck (`samplesFor`). The seeds are the same at every retention
 * (common random numbers), so the curve is smooth and its minimum stable.
 */

/** The desired retentions the chart shows: 0.70 to 0.97 in steps of 0.01. */
export const SWEEP_RETENTIONS: readonly number[] = Array.from({ length: 28 }, (_, i) => (70 + i) / 100)

/** Where the minimum recommended retention is looked for, as in fsrs-rs. */
export const CMRR_RANGE = { min: 0.7, max: 0.95 } as const

export interface RetentionOutcome {
  retention: number
  /** Means over the days and the seeded runs. */
  reviewsPerDay: number
  minutesPerDay: number
  /** Expected cards remembered on the last day. */
  memorizedAtEnd: number
  /** The CMRR target: seconds over the whole run per card remembered on its last day (Infinity when none is). */
  secondsPerMemorized: number
}

/** A day of the chart's lines, averaged over the seeded runs. */
export type WorkloadLine = { retention: number; days: WorkloadDay[] }

export interface WorkloadSweep {
  outcomes: RetentionOutcome[]
  /** The minimum recommended retention; null when no run remembers anything (an empty deck). */
  cmrr: number | null
  /** Day by day at the retention asked for, then at the CMRR when it differs. */
  lines: WorkloadLine[]
  /** Seeded runs averaged per retention. */
  samples: number
  studied: number
  fresh: number
}

/**
 * Cards simulated per retention, all runs together, that keep a sweep to a few seconds. A card
 * introduced during the run counts twice: it takes about twice the reviews of a studied one.
 */
const CARDS_PER_RETENTION = 12_000
const MAX_SAMPLES = 16

/** How many seeded runs to average: up to fsrs-rs's 16 for a small deck, one for 10,000 cards. */
export function samplesFor(deck: SimulatedDeck, settings: Pick<WorkloadSettings, 'days' | 'newCardsPerDay'>): number {
  const introduced = Math.min(deck.fresh, Math.max(0, Math.floor(settings.newCardsPerDay)) * settings.days)
  const load = deck.studied.length + 2 * introduced
  return Math.max(1, Math.min(MAX_SAMPLES, Math.floor(CARDS_PER_RETENTION / Math.max(load, 1))))
}

const seeded = (seed: number, run: number) => mulberry32((seed + Math.imul(run, 0x9e3779b1)) >>> 0)

/** The outcome of `samples` seeded runs at one retention, the memorized sum taken on the last day only. */
export function evaluateRetention(
  deck: SimulatedDeck,
  retention: number,
  settings: WorkloadSettings,
  seed: number,
  samples: number
): RetentionOutcome {
  let reviews = 0
  let seconds = 0
  let memorized = 0
  let target = 0
  for (let run = 0; run < samples; run++) {
    const result = simulateWorkload(deck, retention, { ...settings, memorized: 'last' }, seeded(seed, run))
    reviews += result.reviews
    seconds += result.seconds
    memorized += result.memorizedAtEnd
    target += result.memorizedAtEnd > 0 ? result.seconds / result.memorizedAtEnd : Infinity
  }
  const dayRuns = samples * Math.max(settings.days, 1)
  return {
    retention,
    reviewsPerDay: reviews / dayRuns,
    minutesPerDay: seconds / 60 / dayRuns,
    memorizedAtEnd: memorized / samples,
    secondsPerMemorized: target / samples
  }
}

/** The retention in the CMRR range with the least cost per memorized card (the lower one on a tie). */
export function minimumRecommendedRetention(outcomes: readonly RetentionOutcome[]): number | null {
  let best: RetentionOutcome | null = null
  for (const o of outcomes) {
    if (o.retention < CMRR_RANGE.min - 1e-9 || o.retention > CMRR_RANGE.max + 1e-9) continue
    if (!Number.isFinite(o.secondsPerMemorized)) continue
    if (!best || o.secondsPerMemorized < best.secondsPerMemorized) best = o
  }
  return best?.retention ?? null
}

/** Day by day at one retention, averaged over the seeded runs. */
function workloadLine(deck: SimulatedDeck, retention: number, settings: WorkloadSettings, seed: number, samples: number): WorkloadLine {
  const runs: WorkloadSimulation[] = []
  for (let run = 0; run < samples; run++)
    runs.push(simulateWorkload(deck, retention, { ...settings, memorized: 'daily' }, seeded(seed, run)))
  const days = runs[0]!.days.map((_, d) => {
    const mean = (pick: (day: WorkloadDay) => number) => runs.reduce((sum, r) => sum + pick(r.days[d]!), 0) / runs.length
    return {
      reviews: mean((x) => x.reviews),
      newCards: mean((x) => x.newCards),
      seconds: mean((x) => x.seconds),
      memorized: mean((x) => x.memorized)
    }
  })
  return { retention, days }
}

/** A sweep run a step at a time, so the caller can yield to the page between steps and show progress. */
export interface RetentionSweep {
  /** Steps in all: one per retention, then one per line. */
  readonly total: number
  readonly done: number
  /** Runs the next step; false once there is none left. */
  step(): boolean
  result(): WorkloadSweep
}

/**
 * Sweeps SWEEP_RETENTIONS for `deck`, then simulates day by day at `retention` (the deck's own)
 * and at the CMRR found. Deterministic for a seed.
 */
export function startRetentionSweep(deck: SimulatedDeck, settings: WorkloadSettings, retention: number, seed: number): RetentionSweep {
  const samples = samplesFor(deck, settings)
  const outcomes: RetentionOutcome[] = []
  const lines: WorkloadLine[] = []
  let cmrr: number | null = null
  let lineRetentions: number[] | null = null
  const sweep = {
    total: SWEEP_RETENTIONS.length + 2,
    done: 0,
    step(): boolean {
      if (outcomes.length < SWEEP_RETENTIONS.length) {
        outcomes.push(evaluateRetention(deck, SWEEP_RETENTIONS[outcomes.length]!, settings, seed, samples))
      } else {
        if (!lineRetentions) {
          cmrr = minimumRecommendedRetention(outcomes)
          lineRetentions = cmrr === null || Math.abs(cmrr - retention) < 1e-9 ? [retention] : [retention, cmrr]
          sweep.total = SWEEP_RETENTIONS.length + lineRetentions.length
        }
        if (lines.length >= lineRetentions.length) return false
        lines.push(workloadLine(deck, lineRetentions[lines.length]!, settings, seed, samples))
      }
      sweep.done++
      return sweep.done < sweep.total
    },
    result: (): WorkloadSweep => ({ outcomes, cmrr, lines, samples, studied: deck.studied.length, fresh: deck.fresh })
  }
  return sweep
}
