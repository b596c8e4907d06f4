import { type CardRecord, DEFAULT_STUDY_OPTIONS, type StudyOptions } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { recordReview } from '@db/study-repository'
import fc from 'fast-check'
import type { Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'
import { fsrs6, type Memory } from '../../helpers/fsrs6-reference'

/**
 * Golden replays: a history of grades goes through Recall's own path (scheduler wrapper, Dexie
 * write, Dexie read). The stored memory must equal an FSRS-6 written for the tests from the
 * formulas (not ts-fsrs), fed the study days counted here from the local calendar (day starts at
 * 4 am), and the stored card must be exactly the outcome the scheduler showed.
 */
const PARAMETER_SETS: Array<{ name: string; options: StudyOptions }> = [
  { name: 'defaults, fuzz on', options: DEFAULT_STUDY_OPTIONS },
  { name: 'defaults, fuzz off', options: { ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false } },
  {
    name: 'custom weights, retention 0.85, steps 5m 30m 1d, cap 180 days',
    options: {
      ...DEFAULT_STUDY_OPTIONS,
      request_retention: 0.85,
      maximum_interval: 180,
      learning_steps: ['5m', '30m', '1d'],
      relearning_steps: ['5m', '1h'],
      // Within the clamps of fsrs-rs for two relearning steps (w17, w18 at most 0.258 here), so the
      // reference needs no clipping of its own.
      w: [0.3, 1.1, 2.9, 14.0, 7.0, 0.6, 2.0, 0.01, 1.5, 0.1, 1.0, 1.9, 0.11, 0.3, 2.3, 0.24, 2.9, 0.25, 0.25, 0.1, 0.15]
    }
  }
]

/** Whole study days from `a` to `b`, counted on the local calendar (the day starts at 4 am). */
function studyDaysBetween(a: number, b: number): number {
  const dayOf = (t: number) => {
    const d = new Date(t)
    if (d.getHours() < DEFAULT_DAY_STARTS_AT_HOUR) d.setDate(d.getDate() - 1)
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000
  }
  return dayOf(b) - dayOf(a)
}

const stateOf = ({
  id,
  deckId,
  cardId,
  reverse,
  ord,
  question,
  answer,
  tags,
  queue,
  createdAt,
  extra,
  flag,
  edited,
  buriedUntil,
  mod,
  ...state
}: CardRecord) => state

/** Grades one card through Recall's storage; each step waits `gapMs[i]` after the card's due (may be negative: early). */
async function replay(db: RecallDatabase, options: StudyOptions, start: number, steps: Array<{ grade: Grade; offsetMs: number }>) {
  const ours = createScheduler(options, DEFAULT_DAY_STARTS_AT_HOUR)
  const reference = fsrs6(options.w ? { w: options.w } : {})
  let memory: Memory | null = null
  let last = start
  let at = start
  for (const { grade, offsetMs } of steps) {
    const card = (await db.cards.get('d/c1'))!
    at = Math.max(at + 1000, card.due + offsetMs)
    const outcome = previewGrades(ours, card, at)[grade]
    await recordReview(db, card, outcome, 3000)
    memory = reference.next(memory, memory ? studyDaysBetween(last, at) : 0, grade)
    last = at
    const stored = stateOf((await db.cards.get('d/c1'))!)
    expect(stored).toEqual(outcome.next)
    // ts-fsrs keeps 8 decimals at each step: the reference agrees to a millionth, relatively.
    expect(Math.abs(stored.stability - memory.stability)).toBeLessThanOrEqual(1e-6 * memory.stability)
    expect(Math.abs(stored.difficulty - memory.difficulty)).toBeLessThanOrEqual(1e-6 * memory.difficulty)
  }
  expect(await db.reviews.count()).toBe(steps.length)
}

describe('golden replays through Dexie', () => {
  const start = Date.UTC(2025, 0, 6, 7, 30)
  // 60 grades with lapses and relearning, on time, late and early.
  const longHistory = Array.from({ length: 60 }, (_, i) => ({
    grade: [3, 3, 1, 3, 2, 3, 4, 1, 1, 3, 3, 3][i % 12] ?? 3,
    offsetMs: [0, 3_600_000, -600_000, 86_400_000 * 3][i % 4]!
  }))

  it.each(PARAMETER_SETS)('$name: a long fixed history', async ({ options }) => {
    const db = freshDatabase()
    await mergeDeck(db, makeDeck('d', makeCards(1)), start)
    await replay(db, options, start, longHistory)
  })

  it.each(PARAMETER_SETS)('$name: random histories (property)', async ({ options }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.array(
          fc.record({
            grade: fc.constantFrom<Grade>(1, 2, 3, 4),
            offsetMs: fc.integer({ min: -2 * 86_400_000, max: 30 * 86_400_000 })
          }),
          { minLength: 1, maxLength: 25 }
        ),
        async (start, steps) => {
          const db = freshDatabase()
          await mergeDeck(db, makeDeck('d', makeCards(1)), start)
          await replay(db, options, start, steps)
          db.close()
        }
      ),
      { numRuns: 40, seed: 20261121 }
    )
  })
})
