import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { toForm, validateOptions } from '@core/scheduling/options-validation'
import { parseSteps } from '@core/scheduling/steps'
import { describe, expect, it } from 'vitest'

describe('parseSteps', () => {
  it('reads Anki step syntax', () => {
    expect(parseSteps('1m 10m')).toEqual({ steps: ['1m', '10m'] })
    expect(parseSteps(' 30s  1h,2d ')).toEqual({ error: '"30s": steps in seconds must be whole minutes (60s, 120s…)' })
    expect(parseSteps('120s 1h 2d')).toEqual({ steps: ['2m', '1h', '2d'] })
    expect(parseSteps('')).toEqual({ steps: [] })
    expect(parseSteps('1.5h')).toEqual({ steps: ['1.5h'] })
  })

  it('explains what is wrong with a bad step', () => {
    expect(parseSteps('1m ten')).toEqual({ error: '"ten" is not a step: write numbers with m, h or d, like "1m 10m 1d"' })
    expect(parseSteps('0m')).toEqual({ error: '"0m": a step must be longer than zero' })
    expect(parseSteps('400d')).toEqual({ error: '"400d": a step may be at most 365 days' })
  })
})

describe('validateOptions', () => {
  const form = toForm(DEFAULT_STUDY_OPTIONS)

  it('round-trips the defaults', () => {
    expect(validateOptions(form, DEFAULT_STUDY_OPTIONS)).toEqual({ options: DEFAULT_STUDY_OPTIONS })
  })

  it('puts a message on every invalid field', () => {
    const result = validateOptions(
      { ...form, request_retention: '1.2', maximum_interval: '12.5', learning_steps: '1m x', newCardsPerDay: '', reviewsPerDay: '-1' },
      DEFAULT_STUDY_OPTIONS
    )
    expect(result).toEqual({
      errors: {
        request_retention: 'Desired retention must be between 0.7 and 0.99',
        maximum_interval: 'Maximum interval must be a whole number',
        learning_steps: '"x" is not a step: write numbers with m, h or d, like "1m 10m 1d"',
        newCardsPerDay: 'New cards per day must be a number',
        reviewsPerDay: 'Maximum reviews per day must be between 0 and 99999'
      }
    })
  })

  it('keeps weights it does not edit', () => {
    const base = { ...DEFAULT_STUDY_OPTIONS, w: [1, 2, 3] }
    const result = validateOptions({ ...form, newCardsPerDay: '35' }, base)
    expect(result).toEqual({ options: { ...base, newCardsPerDay: 35 } })
  })
})
