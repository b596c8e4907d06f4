import { type CardRecord, DEFAULT_STUDY_OPTIONS, type StudyOptions } from '@core/model'
import { fromFsrsCard } from '@core/scheduling/card-state'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { recordReview } from '@db/study-repository'
import fc from 'fast-check'
import { createEmptyCard, fsrs, generatorParameters, type Card, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

/**
 * Golden replays: a history of grades goes through Recall's own path (scheduler wrapper, Dexie
 * write, Dexie read) and the stored state must equal what ts-fsrs computes directly.
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
      w: [0.3, 1.1, 2.9, 14.0, 7.0, 0.6, 2.0, 0.01, 1.5, 0.1, 1.0, 1.9, 0.11, 0.3, 2.3, 0.24, 2.9, 0.5, 0.6, 0.1, 0.15]
    }
  }
]

function reference(options: StudyOptions) {
  return fsrs(
    generatorParameters({
      request_retention: options.request_retention,
      maximum_interval: options.maximum_interval,
      learning_steps: options.learning_steps,
      relearning_steps: options.relearning_steps,
      enable_fuzz: options.enable_fuzz,
      ...(options.w ? { w: options.w } : {})
    })
  )
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
  const ours = createScheduler(options)
  const theirs = reference(options)
  let expected: Card = createEmptyCard(new Date(start))
  let at = start
  for (const { grade, offsetMs } of steps) {
    const card = (await db.cards.get('d/c1'))!
    at = Math.max(at + 1000, card.due + offsetMs)
    await recordReview(db, card, previewGrades(ours, card, at)[grade], 3000)
    expected = theirs.next(expected, new Date(at), grade).card
    expect(stateOf((await db.cards.get('d/c1'))!)).toEqual(fromFsrsCard(expected))
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
