import { hashCardId } from '@core/exam-plan/card-hash'
import { examCountdown } from '@core/exam-plan/exam-day'
import type { SchedulingState } from '@core/model'
import { studyDayOf, type StudyDay } from '@core/time/study-day'

/**
 * Exam mode: no review lands on or after exam day. A grade whose FSRS due falls there is pulled
 * into the final window, the last 7 study days before the exam, onto its least busy day, so the
 * pulled reviews level out instead of piling up on the eve of the exam.
 *
 * - A grade given inside the final window is itself the card's last review and keeps its FSRS due
 *   (it is at or above the requested retention on exam day). Otherwise each card pulled into the
 *   window would be pulled again when reviewed there, and all would end on the last day.
 * - The window does not shrink as the exam nears. A window that grows with the days left
 *   (⌊daysLeft / 4⌋, cutting a pulled interval by a quarter at most) was tried: later grades can
 *   then only reach the last days, and in a replay of 400 cards over 60 days the final week's
 *   load rose from 30 to 87 cards a day, against a level 57 with the fixed window.
 */
export const FINAL_WINDOW_DAYS = 7

export interface ExamModeSettings {
  enabled: boolean
  /** The exam's start (any moment of the exam's study day works for scheduling). */
  examDate?: number
  dayStartsAtHour: number
}

export interface ExamWindow {
  /** Study days left before the exam, today included. */
  daysLeft: number
  /** The days a review may be moved to, oldest first; empty when none may be moved. */
  days: StudyDay[]
}

export function examModeWindow(now: number, examDate: number, dayStartsAtHour: number): ExamWindow {
  const countdown = examCountdown(now, examDate, dayStartsAtHour)
  const daysLeft = countdown.days.length
  if (daysLeft <= FINAL_WINDOW_DAYS) return { daysLeft, days: [] }
  return { daysLeft, days: countdown.days.slice(daysLeft - FINAL_WINDOW_DAYS) }
}

/**
 * Which window day a card goes to. With `load` (cards already due on each window day, from the
 * db) the least busy day wins, so the final week stays level; the card's hash breaks ties. Without
 * `load` the hash alone spreads cards, evenly only on average. No randomness: the same card and
 * loads give the same day on every run and device.
 */
export function pickWindowDay(cardId: string, windowSize: number, load?: readonly number[]): number {
  const first = hashCardId(cardId) % windowSize
  if (!load || load.length !== windowSize) return first
  let best = first
  for (let step = 1; step < windowSize; step++) {
    const i = (first + step) % windowSize
    if (load[i]! < load[best]!) best = i
  }
  return best
}

export interface ExamModeContext {
  cardId: string
  now: number
  exam: ExamModeSettings
  /** Cards due on each day of `examModeWindow(now, …).days`, in the same order. */
  windowLoad?: readonly number[]
}

/**
 * The state to store after a grade: FSRS's proposal, with its due moved before the exam when exam
 * mode is on and the due falls on or after exam day. Off, or with nothing to move, it returns
 * `next` itself. `scheduled_days` becomes the shortened interval in study days.
 */
export function adjustForExam(next: SchedulingState, context: ExamModeContext): SchedulingState {
  const { exam, now } = context
  if (!exam.enabled || exam.examDate === undefined) return next
  if (next.due < studyDayOf(exam.examDate, exam.dayStartsAtHour).start) return next
  const window = examModeWindow(now, exam.examDate, exam.dayStartsAtHour)
  const k = window.days.length
  if (k === 0) return next
  const index = pickWindowDay(context.cardId, k, context.windowLoad)
  const day = window.days[index]!
  // Keep the time of day of the grade, as FSRS's own dues do.
  const timeOfDay = now - studyDayOf(now, exam.dayStartsAtHour).start
  return { ...next, due: Math.min(day.end - 1, day.start + timeOfDay), scheduled_days: window.daysLeft - k + index }
}
