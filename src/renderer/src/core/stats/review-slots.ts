import type { ReviewDayRecord, ReviewSlotsRecord } from '@core/model'
import { BUTTON_GROUPS, buttonGroupOf } from '@core/stats/answer-buttons'
import { countable, emptyReviewDay, type RollupReview } from '@core/stats/review-day-rows'
import { createStudyDayLookup, type StudyDay } from '@core/time/study-day'
import { DAY_MS, MINUTE_MS } from '@shared/durations'

/**
 * The review rollup's grain: per deck, UTC day and quarter hour. Every time zone in use today is
 * a whole number of quarter hours from UTC (+5:30, +5:45, +8:45, +12:45, and their daylight-saving
 * times), so a study day — from a whole local hour to the next day's — begins on a quarter hour of
 * UTC, and any study day under any day-start hour and zone is a run of whole quarter hours.
 *
 * Grades, time and answer buttons add up. Distinct cards and true retention do not: they take
 * each card's first (review-state) grade of its study day, and where a day begins depends on the
 * rule. So each grade also carries its gap, in quarter hours, back to the same card's previous
 * grade (and previous review-state grade): under a rule where the grade's quarter hour lies k
 * quarter hours after its day's start, it is the card's first of that day exactly when the gap is
 * greater than k (the previous grade fell before the day began). Gaps beyond two and a half days
 * are all "far", since no study day is that long.
 *
 * An entry's key: quarter hour of the UTC day (0–95) · 2²⁴ + button (group × 4 + rating − 1, or
 * TIME) · 2¹⁶ + card gap · 2⁸ + review gap. Its value counts grades, or, for TIME, milliseconds.
 */

const SLOT_MS = 15 * MINUTE_MS
const SLOTS_PER_DAY = DAY_MS / SLOT_MS
/** A gap this long or longer, or no previous grade at all: first of its day under any rule. */
const FAR = 254
/** The review gap of a learning grade, which never counts for true retention. */
const NOT_REVIEW = 255
/** The button field of a quarter hour's time entry. */
const TIME = 15

const key = (slot: number, button: number, cardGap: number, reviewGap: number) =>
  slot * 0x1000000 + button * 0x10000 + cardGap * 0x100 + reviewGap

/** A log as the slots read it; `id` orders grades of one card at the same millisecond. */
export type SlotReview = RollupReview & { id?: number }

/** Changes to slot rows, by row: `${day}\0${deckId}` → entry key → amount to add. */
export type SlotChanges = Map<string, { deckId: string; day: number; entries: Map<number, number> }>

export const slotRowKey = (deckId: string, day: number) => `${day}\u0000${deckId}`

/** The ratings a slot can hold (Again…Easy); anything else in a damaged log is left out. */
const graded = (log: SlotReview) => countable(log) && (log.rating as number) >= 1 && (log.rating as number) <= 4

/**
 * Adds (`sign` 1) or takes away (−1) one card's entries: `logs` are every log of that card in one
 * deck, in any order. A card's entries depend on all its logs together, so a change to some of
 * them is the card's entries after less its entries before.
 */
export function addCardEntries(changes: SlotChanges, logs: readonly SlotReview[], sign: 1 | -1): void {
  const ordered = logs.filter(graded).sort((a, b) => a.review - b.review || (a.id ?? Infinity) - (b.id ?? Infinity))
  let previous: number | undefined
  let previousReview: number | undefined
  for (const log of ordered) {
    const q = Math.floor(log.review / SLOT_MS)
    const utcDay = Math.floor(q / SLOTS_PER_DAY)
    const slot = q - utcDay * SLOTS_PER_DAY
    const group = BUTTON_GROUPS.indexOf(buttonGroupOf(log))
    const cardGap = previous === undefined ? FAR : Math.min(FAR, q - previous)
    const reviewGap = group === 0 ? NOT_REVIEW : previousReview === undefined ? FAR : Math.min(FAR, q - previousReview)
    const rowKey = slotRowKey(log.deckId, utcDay * DAY_MS)
    let row = changes.get(rowKey)
    if (!row) changes.set(rowKey, (row = { deckId: log.deckId, day: utcDay * DAY_MS, entries: new Map() }))
    const grade = key(slot, group * 4 + log.rating - 1, cardGap, reviewGap)
    row.entries.set(grade, (row.entries.get(grade) ?? 0) + sign)
    const time = key(slot, TIME, 0, 0)
    const duration = Number.isFinite(log.duration) ? log.duration : 0
    row.entries.set(time, (row.entries.get(time) ?? 0) + sign * duration)
    previous = q
    if (group !== 0) previousReview = q
  }
}

/** `row` with `entries` added; null when nothing is left in it. Entries that come to zero go. */
export function withEntries(
  row: ReviewSlotsRecord | undefined,
  deckId: string,
  day: number,
  entries: ReadonlyMap<number, number>
): ReviewSlotsRecord | null {
  const merged = new Map<number, number>()
  if (row) for (let i = 0; i < row.keys.length; i++) merged.set(row.keys[i]!, row.values[i]!)
  for (const [k, v] of entries) merged.set(k, (merged.get(k) ?? 0) + v)
  const keys = [...merged.keys()].filter((k) => merged.get(k) !== 0).sort((a, b) => a - b)
  if (keys.length === 0) return null
  return { deckId, day, keys: Uint32Array.from(keys), values: Float64Array.from(keys, (k) => merged.get(k)!) }
}

/** Adds one slot entry, scaled by its value, to the day rows under the study-day rule of `dayOf`. */
function addEntryToDays(
  days: Map<string, ReviewDayRecord>,
  deckId: string,
  utcDay: number,
  entry: number,
  value: number,
  dayOf: (at: number) => StudyDay
): void {
  const slot = Math.floor(entry / 0x1000000)
  const button = Math.floor(entry / 0x10000) & 0xff
  const start = utcDay + slot * SLOT_MS
  const day = dayOf(start).start
  const rowKey = slotRowKey(deckId, day)
  let row = days.get(rowKey)
  if (!row) days.set(rowKey, (row = emptyReviewDay(deckId, day)))
  if (button === TIME) {
    row.timeMs += value
    return
  }
  // Quarter hours from the day's start to this one. (A start off the quarter-hour grid, in the
  // local mean time of a zone before 1972, counts from the quarter hour it falls in.)
  const k = Math.floor((start - day) / SLOT_MS)
  const cardGap = Math.floor(entry / 0x100) & 0xff
  const reviewGap = entry & 0xff
  const group = BUTTON_GROUPS[button >> 2]!
  const rating = button & 3
  row.grades += value
  row[group][rating]! += value
  if (cardGap > k) row.cards += value
  if (reviewGap !== NOT_REVIEW && reviewGap > k) {
    const passed = rating > 0
    if (group === 'mature') row[passed ? 'maturePassed' : 'matureFailed'] += value
    else row[passed ? 'youngPassed' : 'youngFailed'] += value
  }
}

/**
 * What slot rows (or changes to them) come to per deck and study day, under a day-start hour in
 * the current time zone. Rows of changes can hold negative amounts, and so can what they give.
 */
export function daysOfSlots(
  rows: Iterable<{ deckId: string; day: number; keys: ArrayLike<number>; values: ArrayLike<number> }>,
  dayStartsAtHour: number,
  into = new Map<string, ReviewDayRecord>()
): Map<string, ReviewDayRecord> {
  const dayOf = createStudyDayLookup(dayStartsAtHour)
  for (const row of rows)
    for (let i = 0; i < row.keys.length; i++) addEntryToDays(into, row.deckId, row.day, row.keys[i]!, row.values[i]!, dayOf)
  return into
}

/** The changes as rows `daysOfSlots` reads. */
export function changedRows(changes: SlotChanges): Array<{ deckId: string; day: number; keys: number[]; values: number[] }> {
  return [...changes.values()].map(({ deckId, day, entries }) => ({
    deckId,
    day,
    keys: [...entries.keys()],
    values: [...entries.values()]
  }))
}

/** A stored day row with a change added; null when no grade is left in it. */
export function addToDayRow(row: ReviewDayRecord | undefined, change: ReviewDayRecord): ReviewDayRecord | null {
  const sum = row ? structuredCloneDay(row) : emptyReviewDay(change.deckId, change.day)
  sum.grades += change.grades
  sum.cards += change.cards
  sum.timeMs += change.timeMs
  sum.youngPassed += change.youngPassed
  sum.youngFailed += change.youngFailed
  sum.maturePassed += change.maturePassed
  sum.matureFailed += change.matureFailed
  for (const group of BUTTON_GROUPS) for (let i = 0; i < 4; i++) sum[group][i]! += change[group][i]!
  return sum.grades === 0 ? null : sum
}

const structuredCloneDay = (row: ReviewDayRecord): ReviewDayRecord => ({
  ...row,
  learning: [...row.learning],
  young: [...row.young],
  mature: [...row.mature]
})
