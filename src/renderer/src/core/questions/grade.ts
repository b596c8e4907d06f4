import { paceOf } from '@shared/exam/pace'
import { Rating, type Grade } from 'ts-fsrs'

/**
 * The grade an exam-style question earns, as FSRS reads grades:
 * - wrong in any part → Again: the exam gives no partial credit, so a half-right answer is a lapse;
 * - right, but slower than the exam allows per question → Hard: the answer was there, not fluent;
 * - right in time → Good. Never Easy: one right pick out of four is not evidence enough.
 * The user sees the grade and can change it (1–4) before it is saved, as after any card.
 */
export function gradeOfAnswer(correct: boolean, elapsedMs: number, slowAfterMs: number): Grade {
  if (!correct) return Rating.Again
  return elapsedMs > slowAfterMs ? Rating.Hard : Rating.Good
}

/** Time the exam gives one question when no exam is named: two minutes. */
const DEFAULT_SLOW_AFTER_MS = 120_000

/**
 * The exam's time per question for a note that names its task statements ("AIF-C01 1.1"): the
 * exam's minutes over its questions (AIF-C01: 90 minutes for 65, about 83 s).
 */
export function slowAfterMs(tasks: readonly string[] | undefined): number {
  const exam = tasks?.[0]?.split(' ')[0]
  const pace = exam ? paceOf(exam) : undefined
  if (!pace) return DEFAULT_SLOW_AFTER_MS
  return Math.round((pace.minutes * 60_000) / pace.questions)
}
