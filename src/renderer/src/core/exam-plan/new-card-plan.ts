import { studyDayStart } from '@core/time/study-day'

export interface NewCardPlanInput {
  /** The exam's cards never studied (suspended ones left out), counted from the collection. */
  unseen: number
  /** New cards a day over all the exam's decks. */
  perDay: number
  /** New cards already met today: today's share of `perDay` is what is left of it. */
  studiedToday: number
  /** Study days before the exam, today included (0 on exam day). */
  daysLeft: number
  now: number
  dayStartsAtHour: number
}

export interface NewCardPlan {
  perDay: number
  unseen: number
  /**
   * Study days until every new card has been met, today being the first (0 when none is left);
   * null when they never are (no new card a day).
   */
  daysNeeded: number | null
  /** The start of the study day the last new card is met on; null when none is left or never. */
  lastNewDay: number | null
  /** Every new card is met before the exam day. */
  beforeExam: boolean
  /** Study days left between the last new card and the exam, for review only (0 when short). */
  reviewOnlyDays: number
  /** New cards still never seen when the exam starts. */
  unseenAtExam: number
}

/**
 * "How many days until every new card is in, at X new cards a day?": today takes what is left of
 * X after the new cards already met today, every later study day takes X, and the exam day counts
 * for nothing. Exact, no simulation: new cards come in at the limit whatever the answers.
 */
export function planNewCards(input: NewCardPlanInput): NewCardPlan {
  const unseen = Math.max(0, input.unseen)
  const perDay = Math.max(0, Math.floor(input.perDay))
  const daysLeft = Math.max(0, input.daysLeft)
  const today = Math.max(0, perDay - input.studiedToday)
  /** New cards met on study days 0 … n − 1. */
  const metBy = (n: number) => (n <= 0 ? 0 : today + perDay * (n - 1))
  const unseenAtExam = Math.max(0, unseen - metBy(daysLeft))
  if (unseen === 0) {
    return { perDay, unseen, daysNeeded: 0, lastNewDay: null, beforeExam: true, reviewOnlyDays: daysLeft, unseenAtExam }
  }
  if (perDay === 0) return { perDay, unseen, daysNeeded: null, lastNewDay: null, beforeExam: false, reviewOnlyDays: 0, unseenAtExam }
  // The last new card comes on day index `last`: today if today's share covers them, else after whole days of X.
  const last = unseen <= today ? 0 : Math.ceil((unseen - today) / perDay)
  const daysNeeded = last + 1
  return {
    perDay,
    unseen,
    daysNeeded,
    lastNewDay: studyDayStart(input.now, last, input.dayStartsAtHour),
    beforeExam: last < daysLeft,
    reviewOnlyDays: Math.max(0, daysLeft - daysNeeded),
    unseenAtExam
  }
}
