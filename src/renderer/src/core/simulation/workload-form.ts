import type { StudyOptions } from '@core/model'

/** The workload simulator's inputs as typed on the deck options screen. */
export interface WorkloadForm {
  days: string
  newCardsPerDay: string
  reviewsPerDay: string
  /** The desired retention the day-by-day lines are drawn for: 0.9 or 90. */
  retention: string
}

export type WorkloadFormErrors = Partial<Record<keyof WorkloadForm, string>>

export interface WorkloadInputs {
  days: number
  newCardsPerDay: number
  reviewsPerDay: number
  retention: number
}

/** Anki's simulator starts at a year; ten years is plenty and keeps a run to seconds. */
const DEFAULT_DAYS = 365
const MAX_DAYS = 3650

/** The form for a deck's options: a year, the deck's own limits and desired retention. */
export function workloadFormOf(options: Pick<StudyOptions, 'newCardsPerDay' | 'reviewsPerDay' | 'request_retention'>): WorkloadForm {
  return {
    days: String(DEFAULT_DAYS),
    newCardsPerDay: String(options.newCardsPerDay),
    reviewsPerDay: String(options.reviewsPerDay),
    retention: String(options.request_retention)
  }
}

function wholeNumber(text: string, label: string, min: number, max: number): number | string {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(value)) return `${label} must be a whole number`
  if (value < min || value > max) return `${label} must be from ${min.toLocaleString()} to ${max.toLocaleString()}`
  return value
}

export function validateWorkloadForm(form: WorkloadForm): { inputs: WorkloadInputs } | { errors: WorkloadFormErrors } {
  const days = wholeNumber(form.days, 'Days to simulate', 1, MAX_DAYS)
  const newCardsPerDay = wholeNumber(form.newCardsPerDay, 'New cards a day', 0, 9999)
  const reviewsPerDay = wholeNumber(form.reviewsPerDay, 'Reviews a day', 0, 99_999)
  const typed = Number(form.retention.trim().replace(/%$/, ''))
  // 90 and 0.9 both mean 90 %.
  const retention = typed > 1 ? typed / 100 : typed
  const retentionError =
    form.retention.trim() === '' || !Number.isFinite(typed) || retention < 0.7 || retention > 0.99
      ? 'Desired retention must be from 0.70 to 0.99'
      : undefined
  const errors: WorkloadFormErrors = {}
  if (typeof days === 'string') errors.days = days
  if (typeof newCardsPerDay === 'string') errors.newCardsPerDay = newCardsPerDay
  if (typeof reviewsPerDay === 'string') errors.reviewsPerDay = reviewsPerDay
  if (retentionError) errors.retention = retentionError
  if (typeof days === 'string' || typeof newCardsPerDay === 'string' || typeof reviewsPerDay === 'string' || retentionError)
    return { errors }
  return { inputs: { days, newCardsPerDay, reviewsPerDay, retention } }
}
