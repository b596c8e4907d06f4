import type { ExamPlan } from '@core/model'
import { studyDayOf } from '@core/time/study-day'

/** The exam form as typed: strings straight from the inputs, so a half-typed value is kept. */
export interface ExamPlanForm {
  name: string
  /** `YYYY-MM-DD`, as `<input type="date">` gives it. */
  date: string
  deckIds: string[]
  /** An exam guide's code, or '' for none. */
  blueprint: string
  examMode: boolean
  /** Percent, 50–99. */
  targetRecall: string
}

export type ExamPlanFormErrors = Partial<Record<'name' | 'date' | 'deckIds' | 'targetRecall', string>>

/**
 * Exams are assumed to start at 9 am: recall is predicted for that moment. A day that starts
 * later than 9 moves it to the day's first hour, so the date picked stays the exam's study day.
 */
const EXAM_START_HOUR = 9

function examDateFromInput(value: string, dayStartsAtHour: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(year, month - 1, day, Math.max(EXAM_START_HOUR, dayStartsAtHour))
  // Rejects 2026-02-31 and the like, which Date would roll into March.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null
  return date.getTime()
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The calendar date of the exam's study day, for the date input. */
export function dateInputOf(date: number, dayStartsAtHour: number): string {
  const d = new Date(studyDayOf(date, dayStartsAtHour).start)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function toExamPlanForm(exam: ExamPlan, dayStartsAtHour: number): ExamPlanForm {
  return {
    name: exam.name,
    date: dateInputOf(exam.date, dayStartsAtHour),
    deckIds: [...exam.deckIds],
    blueprint: exam.blueprint ?? '',
    examMode: exam.examMode,
    targetRecall: String(Math.round(exam.targetRecall * 100))
  }
}

/** Checks the form; every problem gets a message for the field it belongs to. */
export function validateExamPlanForm(
  form: ExamPlanForm,
  params: { now: number; dayStartsAtHour: number }
): { exam: Omit<ExamPlan, 'id'> } | { errors: ExamPlanFormErrors } {
  const errors: ExamPlanFormErrors = {}
  const name = form.name.trim()
  if (!name) errors.name = 'Give the exam a name.'
  const date = examDateFromInput(form.date, params.dayStartsAtHour)
  if (date === null) errors.date = 'Choose the exam date.'
  else if (studyDayOf(date, params.dayStartsAtHour).start < studyDayOf(params.now, params.dayStartsAtHour).start) {
    errors.date = 'That date is in the past: choose today or a later day.'
  }
  if (form.deckIds.length === 0) errors.deckIds = 'Choose at least one deck the exam covers.'
  const target = Number(form.targetRecall)
  if (form.targetRecall.trim() === '' || !Number.isFinite(target) || target < 50 || target > 99) {
    errors.targetRecall = 'Target recall must be a percentage from 50 to 99.'
  }
  if (Object.keys(errors).length > 0) return { errors }
  return {
    exam: {
      name,
      date: date!,
      deckIds: [...form.deckIds],
      ...(form.blueprint ? { blueprint: form.blueprint } : {}),
      examMode: form.examMode,
      targetRecall: target / 100
    }
  }
}
