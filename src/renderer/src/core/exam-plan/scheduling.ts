import { adjustForExam } from '@core/exam-plan/exam-mode'
import { Queue, type CardRecord } from '@core/model'
import { GRADES, type GradeOutcome } from '@core/scheduling/scheduler'
import { dayIndexOf, type StudyDay } from '@core/time/study-day'
import type { Grade } from 'ts-fsrs'

/** What a study session keeps of the exam its deck belongs to, when that exam has exam mode on. */
export interface ExamModeSession {
  examId: string
  examDate: number
  dayStartsAtHour: number
  /** The final-window days the loads were counted for. */
  window: StudyDay[]
  /** Cards of the exam's decks due on each window day, kept up to date after each grade. */
  windowLoad: number[]
}

type Outcomes = Record<Grade, GradeOutcome>

/**
 * The outcomes to show on the answer buttons and to save: FSRS's, each passed through exam mode.
 * Without an exam session (no exam, or exam mode off) the outcomes are returned untouched, so
 * turning exam mode off is plain FSRS. Only `next` changes: the log describes the card before the
 * grade, which exam mode does not alter.
 */
export function applyExamMode(outcomes: Outcomes, cardId: string, now: number, session: ExamModeSession | null): Outcomes {
  if (!session) return outcomes
  const exam = { enabled: true, examDate: session.examDate, dayStartsAtHour: session.dayStartsAtHour }
  // The window is the exam's last 7 study days whatever today is, so loads counted at the start
  // of the session still describe it later on (past midnight too).
  const context = { cardId, now, exam, windowLoad: session.windowLoad }
  let changed = false
  const adjusted = { ...outcomes }
  for (const grade of GRADES) {
    const outcome = outcomes[grade]
    const next = adjustForExam(outcome.next, context)
    if (next !== outcome.next) {
      adjusted[grade] = { ...outcome, next }
      changed = true
    }
  }
  return changed ? adjusted : outcomes
}

type Placed = Pick<CardRecord, 'queue' | 'due'>

const counted = (card: Placed) => card.queue === Queue.Learning || card.queue === Queue.Review

/**
 * The session after a grade moved `before` to `after`: the card leaves the window day it was due
 * on and joins the one it is now due on, so the next pulled card sees the new loads without a
 * database read on the grading path.
 */
export function examModeAfterGrade(session: ExamModeSession | null, before: Placed, after: Placed): ExamModeSession | null {
  if (!session) return null
  const windowLoad = [...session.windowLoad]
  const shift = (card: Placed, by: number) => {
    if (!counted(card)) return
    const i = dayIndexOf(session.window, card.due)
    if (i >= 0 && i < windowLoad.length) windowLoad[i] = Math.max(0, windowLoad[i]! + by)
  }
  shift(before, -1)
  shift(after, +1)
  return { ...session, windowLoad }
}
