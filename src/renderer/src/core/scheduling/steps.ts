import type { StepUnit } from 'ts-fsrs'

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
