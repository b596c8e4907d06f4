import { mulberry32 } from '@core/practice/random'
import { DAY_MS } from '@shared/durations'
import { get_fuzz_range } from 'ts-fsrs'

/**
 * Anki's load balancer and easy days (Anki 24.11), in Recall's words. Instead of a uniformly random
 * day in the fuzz range, a review is placed on a day of that range drawn with weights that favour
 * lighter days: a day with n reviews already due weighs (1 / n)² × (1 / interval) — the second
 * factor keeps the choice from drifting late — and an empty day weighs 1. Easy days scale a
 * weekday: 1 normal, 0 "minimum" (never, unless every day of the range is one), anything between
 * "reduced" (a candidate while the day carries less than its share of the range's reviews). In the
 * Anki source read for this (rslib load_balancer.rs) a minimum day only scales its load weight by
 * 0.0001, so it can still win against busy normal days; Recall switches it off instead, so a
 * weekend set to minimum stays empty however busy the week is. Beyond 90 days Anki does not balance,
 * nor does Recall: the fuzz range is wide and the need small.
 */
export const MAX_BALANCED_INTERVAL = 90

/** Easy-day loads by weekday, Sunday first (Date's getUTCDay of a study day's number). */
export type EasyDays = readonly number[]
export const NORMAL_WEEK: EasyDays = [1, 1, 1, 1, 1, 1, 1]

/** The reviews already due on the days ahead, as the study session knows them. */
export interface DayLoads {
  /** Reviews due `days` study days after today. */
  reviewsOn(days: number): number
  /** The weekday (0 Sunday … 6 Saturday) of the study day `days` after today. */
  weekdayOf(days: number): number
}

export interface BalanceInput {
  /** The interval FSRS gives, in days, before fuzz. */
  interval: number
  /** Days since the last review (the fuzz range starts after it, as ts-fsrs's does). */
  elapsedDays: number
  maximumInterval: number
  /** The smallest interval allowed (the previous button's + 1), if any. */
  minimum?: number
  loads: DayLoads
  easyDays: EasyDays
  /** Draws in [0, 1); seeded by the caller so that a preview and its grade agree. */
  random: () => number
}

/** The interval to schedule, in whole days: FSRS's, moved within its fuzz range to a lighter day. */
export function balancedInterval(input: BalanceInput): number {
  const { interval, maximumInterval, loads } = input
  const rounded = Math.min(Math.max(1, Math.round(interval)), maximumInterval)
  if (interval < 2.5) return Math.max(rounded, input.minimum ?? 1)
  const range = get_fuzz_range(rounded, input.elapsedDays, maximumInterval)
  const low = Math.min(Math.max(range.min_ivl, input.minimum ?? 1), maximumInterval)
  const high = Math.max(range.max_ivl, low)
  if (rounded > MAX_BALANCED_INTERVAL || low > MAX_BALANCED_INTERVAL) return low + Math.floor(input.random() * (high - low + 1))

  const days: number[] = []
  for (let d = low; d <= high; d++) days.push(d)
  const counts = days.map((d) => loads.reviewsOn(d))
  const easy = easyDayModifiers(
    days.map((d) => input.easyDays[loads.weekdayOf(d)] ?? 1),
    counts
  )
  // Easy days switch a day off while any day of the range is on (all off: all stay candidates).
  const anyOn = easy.some((on) => on)
  const weights = days.map((d, i) => (anyOn && !easy[i] ? 0 : counts[i] === 0 ? 1 : (1 / counts[i]!) ** 2 / d))
  const total = weights.reduce((a, b) => a + b, 0)
  let draw = input.random() * total
  for (let i = 0; i < days.length; i++) {
    draw -= weights[i]!
    if (draw < 0) return days[i]!
  }
  return days.at(-1)!
}

/**
 * Whether each day takes reviews under easy days: a normal day does, a minimum day does not, and a
 * reduced day does while its reviews, scaled up by its load, stay under the average of the other
 * days (weighted by their loads) — so it ends with about its share.
 */
function easyDayModifiers(loads: readonly number[], counts: readonly number[]): boolean[] {
  const total = counts.reduce((a, b) => a + b, 0)
  const totalLoad = loads.reduce((sum, load) => sum + Math.min(1, Math.max(0, load)), 0)
  return loads.map((load, i) => {
    if (load >= 1) return true
    if (load <= 0) return false
    const othersLoad = totalLoad - load
    return othersLoad <= 0 || counts[i]! / load <= (total - counts[i]!) / othersLoad
  })
}

/** A seeded draw for one card's answer: the same for the preview on the buttons and the grade. */
export function balanceRandom(seed: string): () => number {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  return mulberry32(h >>> 0)
}

/** Reviews due per study day (the clock's day numbers), as a session counts them from the cards. */
export type ReviewLoad = ReadonlyMap<number, number>

/** The session's loads, seen from `today` (a study-day number). */
export function dayLoadsOf(load: ReviewLoad, today: number): DayLoads {
  return {
    reviewsOn: (days) => load.get(today + days) ?? 0,
    weekdayOf: (days) => new Date((today + days) * DAY_MS).getUTCDay()
  }
}

/** The loads after a card moved from one due day to another (undefined: not a review due ahead). */
export function moveLoad(load: ReviewLoad, from: number | undefined, to: number | undefined): ReviewLoad {
  if (from === to) return load
  const next = new Map(load)
  if (from !== undefined && next.has(from)) next.set(from, Math.max(0, next.get(from)! - 1))
  if (to !== undefined) next.set(to, (next.get(to) ?? 0) + 1)
  return next
}
