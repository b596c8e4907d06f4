import type { NewCardOrder, StudyOptions, StudyOrder } from '@core/model'
import { buryOptionsOf } from '@core/scheduling/siblings'
import { parseSteps } from '@core/scheduling/steps'
import type { StepUnit } from 'ts-fsrs'

/** The deck options form as typed: every field is text until it is validated. */
export interface OptionsForm {
  request_retention: string
  maximum_interval: string
  learning_steps: string
  relearning_steps: string
  newCardsPerDay: string
  reviewsPerDay: string
  newCardOrder: NewCardOrder
  studyOrder: StudyOrder
  enable_fuzz: boolean
  loadBalancing: boolean
  /** Sunday first: 1 normal, 0.5 reduced, 0 minimum. */
  easyDays: number[]
  buryNewSiblings: boolean
  buryReviewSiblings: boolean
  buryInterdayLearningSiblings: boolean
}

export type OptionsErrors = Partial<Record<keyof OptionsForm, string>>

export function toForm(o: StudyOptions): OptionsForm {
  return {
    request_retention: String(o.request_retention),
    maximum_interval: String(o.maximum_interval),
    learning_steps: o.learning_steps.join(' '),
    relearning_steps: o.relearning_steps.join(' '),
    newCardsPerDay: String(o.newCardsPerDay),
    reviewsPerDay: String(o.reviewsPerDay),
    newCardOrder: o.newCardOrder,
    studyOrder: o.studyOrder,
    enable_fuzz: o.enable_fuzz,
    loadBalancing: o.loadBalancing ?? true,
    easyDays: o.easyDays?.length === 7 ? [...o.easyDays] : [1, 1, 1, 1, 1, 1, 1],
    ...buryOptionsOf(o)
  }
}

/** Turns the form into options, or says what is wrong next to each field. */
export function validateOptions(form: OptionsForm, base: StudyOptions): { options: StudyOptions } | { errors: OptionsErrors } {
  const errors: OptionsErrors = {}
  const number = (key: keyof OptionsForm, min: number, max: number, integer: boolean, what: string): number => {
    const text = String(form[key]).trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value)) errors[key] = `${what} must be a number`
    else if (integer && !Number.isInteger(value)) errors[key] = `${what} must be a whole number`
    else if (value < min || value > max) errors[key] = `${what} must be between ${min} and ${max}`
    return value
  }
  const steps = (key: 'learning_steps' | 'relearning_steps'): StepUnit[] => {
    const result = parseSteps(form[key])
    if ('error' in result) {
      errors[key] = result.error
      return []
    }
    return result.steps
  }
  const options: StudyOptions = {
    ...base,
    request_retention: number('request_retention', 0.7, 0.99, false, 'Desired retention'),
    maximum_interval: number('maximum_interval', 1, 36500, true, 'Maximum interval'),
    learning_steps: steps('learning_steps'),
    relearning_steps: steps('relearning_steps'),
    newCardsPerDay: number('newCardsPerDay', 0, 9999, true, 'New cards per day'),
    reviewsPerDay: number('reviewsPerDay', 0, 99999, true, 'Maximum reviews per day'),
    newCardOrder: form.newCardOrder,
    studyOrder: form.studyOrder,
    enable_fuzz: form.enable_fuzz,
    loadBalancing: form.loadBalancing,
    easyDays: form.easyDays.map((load) => Math.min(1, Math.max(0, load))),
    buryNewSiblings: form.buryNewSiblings,
    buryReviewSiblings: form.buryReviewSiblings,
    buryInterdayLearningSiblings: form.buryInterdayLearningSiblings
  }
  if (form.easyDays.length === 7 && form.easyDays.every((load) => load === 0))
    errors.easyDays = 'At least one day of the week must take reviews'
  return Object.keys(errors).length > 0 ? { errors } : { options }
}
