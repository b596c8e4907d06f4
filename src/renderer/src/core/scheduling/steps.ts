import { BasicLearningStepsStrategy, ConvertStepUnitToMinutes, Rating, State, type StepUnit, type TLearningStepsStrategy } from 'ts-fsrs'

/**
 * Anki's learning-step syntax: "1m 10m 1h 2d". ts-fsrs takes minutes, hours and days; Anki's
 * seconds are accepted when they make whole minutes.
 */
export type StepsResult = { steps: StepUnit[] } | { error: string }

const MAX_STEP_MINUTES = 365 * 24 * 60

export function parseSteps(text: string): StepsResult {
  const tokens = text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
  const steps: StepUnit[] = []
  for (const token of tokens) {
    const match = /^(\d+(?:\.\d+)?)([smhd])$/i.exec(token)
    if (!match) return { error: `"${token}" is not a step: write numbers with m, h or d, like "1m 10m 1d"` }
    let value = Number(match[1])
    let unit = match[2]!.toLowerCase()
    if (unit === 's') {
      if (value % 60 !== 0) return { error: `"${token}": steps in seconds must be whole minutes (60s, 120s…)` }
      value /= 60
      unit = 'm'
    }
    if (value <= 0) return { error: `"${token}": a step must be longer than zero` }
    const minutes = value * (unit === 'd' ? 1440 : unit === 'h' ? 60 : 1)
    if (minutes > MAX_STEP_MINUTES) return { error: `"${token}": a step may be at most 365 days` }
    steps.push(`${value}${unit}` as StepUnit)
  }
  return { steps }
}

const DAY_SECONDS = 86_400

const stepSeconds = (step: StepUnit) => Math.floor(ConvertStepUnitToMinutes(step) * 60)

/** Anki rounds a step-based delay of more than a day to whole days. */
const roundInDays = (seconds: number) => (seconds > DAY_SECONDS ? Math.round(seconds / DAY_SECONDS) * DAY_SECONDS : seconds)

/**
 * The delay of Hard on a (re)learning step, as Anki computes it (rslib's `LearningSteps`): on the
 * first step the average of the first two steps (1m 10m → 5½ minutes), or 1.5 × a single step, at
 * most a day more; on any later step the current step again (10m on the second step of 1m 10m).
 * ts-fsrs averages the first two steps on every step, so Recall gives it this instead.
 */
export function hardDelaySeconds(steps: readonly StepUnit[], index: number): number | undefined {
  if (steps.length === 0) return undefined
  const at = Math.min(Math.max(0, index), steps.length - 1)
  const current = stepSeconds(steps[at]!)
  if (at > 0) return current
  const next = steps[1]
  return next ? roundInDays(Math.floor((current + stepSeconds(next)) / 2)) : Math.min(Math.floor((current * 3) / 2), current + DAY_SECONDS)
}

/** ts-fsrs's learning-step strategy with Anki's Hard (see `hardDelaySeconds`). */
export const ankiLearningSteps: TLearningStepsStrategy = (params, state, step) => {
  const result = BasicLearningStepsStrategy(params, state, step)
  if (state === State.Review || !result[Rating.Hard]) return result
  const steps = state === State.Relearning ? params.relearning_steps : params.learning_steps
  const seconds = hardDelaySeconds(steps, step)
  return seconds === undefined ? result : { ...result, [Rating.Hard]: { scheduled_minutes: seconds / 60, next_step: step } }
}
