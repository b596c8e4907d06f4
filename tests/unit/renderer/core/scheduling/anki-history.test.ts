import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { describeHistory, importAnkiCard } from '@core/scheduling/anki-history'
import { newSchedulingState } from '@core/scheduling/card-state'
import { createScheduler, nextState } from '@core/scheduling/scheduler'
import type { AnkiCardHistory, AnkiReview } from '@shared/deck/apkg-history'
import { Rating, State, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, 4)
const day = (n: number) => new Date(2026, 0, 1 + n, 9).getTime()
const now = day(200)
const review = (at: number, ease: number, type: number, extra: Partial<AnkiReview> = {}): AnkiReview => ({
  at,
  ease,
  ivl: 1,
  lastIvl: 0,
  factor: 2500,
  timeMs: 5000,
  type,
  ...extra
})
const card = (reviews: AnkiReview[], extra: Partial<AnkiCardHistory> = {}): AnkiCardHistory => ({
  guid: 'g',
  ord: 0,
  type: 2,
  queue: 2,
  due: Math.floor(day(215) / 1000),
  ivl: 15,
  factor: 2500,
  reps: reviews.length,
  lapses: 0,
  reviews,
  ...extra
})

/** What Recall's FSRS makes of these grades from a new card. */
function replay(grades: Array<[number, Grade]>) {
  return grades.reduce((state, [at, rating]) => nextState(scheduler, state, at, rating), newSchedulingState(grades[0]![0]))
}

describe('importAnkiCard', () => {
  it('replays the grades for the memory state when Anki has none, keeping Anki’s buttons, times and answer kinds', () => {
    const reviews = [review(day(100), 3, 0), review(day(101), 3, 1, { lastIvl: 1 }), review(day(110), 2, 1, { lastIvl: 9 })]
    const imported = importAnkiCard(scheduler, card(reviews), 0, now)
    const expected = replay([
      [day(100), Rating.Good],
      [day(101), Rating.Good],
      [day(110), Rating.Hard]
    ])
    expect(imported.state).toMatchObject({
      state: State.Review,
      stability: expected.stability,
      difficulty: expected.difficulty,
      last_review: day(110)
    })
    expect(imported.logs.map((l) => [l.rating, l.state, l.scheduled_days, l.review, l.duration])).toEqual([
      [Rating.Good, State.New, 0, day(100), 5000],
      [Rating.Good, State.Review, 1, day(101), 5000],
      [Rating.Hard, State.Review, 9, day(110), 5000]
    ])
  })

  it('starts the memory over after a reset, as Anki does, and writes Recall’s reset row there', () => {
    const reviews = [
      review(day(10), 3, 0),
      review(day(12), 1, 1),
      review(day(50), 0, 4, { ivl: 0, factor: 0, timeMs: 0 }), // Forget
      review(day(60), 4, 0),
      review(day(64), 3, 1, { lastIvl: 4 })
    ]
    const imported = importAnkiCard(scheduler, card(reviews), 0, now)
    const expected = replay([
      [day(60), Rating.Easy],
      [day(64), Rating.Good]
    ])
    expect(imported.state.stability).toBeCloseTo(expected.stability, 6)
    expect(imported.logs.map((l) => [l.rating, l.manual])).toEqual([
      [Rating.Good, undefined],
      [Rating.Again, undefined],
      [Rating.Manual, 'reset'],
      [Rating.Easy, undefined],
      [Rating.Good, undefined]
    ])
    expect(imported.logs[2]!.review).toBe(day(50))
    expect(imported).toMatchObject({ grades: 4, leftOut: 0 })
  })

  it('leaves the card new when Anki reset it after its last answer, its answers still in the log', () => {
    const reviews = [review(day(10), 3, 0), review(day(50), 0, 4, { ivl: 0, factor: 0 })]
    const imported = importAnkiCard(scheduler, card(reviews, { type: 0, queue: 0, due: 3 }), 0, now)
    expect(imported.state).toMatchObject({ state: State.New, due: now })
    expect(imported.logs.map((l) => l.rating)).toEqual([Rating.Good, Rating.Manual])
  })

  it('keeps a suspended card suspended, and a learning card due when Anki has it', () => {
    const learning = card([review(day(199), 1, 0)], { type: 1, queue: -1, due: Math.floor(now / 1000) + 600 })
    const imported = importAnkiCard(scheduler, learning, 0, now)
    expect(imported.suspended).toBe(true)
    expect(imported.state).toMatchObject({ state: State.Learning, due: (Math.floor(now / 1000) + 600) * 1000 })
  })
})

describe('describeHistory', () => {
  it('says what came, what was left out and what kept its Recall progress, with correct plurals', () => {
    expect(describeHistory({ reviews: 240, cards: 30, kept: 0, notImportedReviews: 12, notImportedCards: 3, leftOut: 0 })).toBe(
      'Brought 240 reviews of 30 cards from Anki; 12 reviews of 3 cards that were not imported were left out.'
    )
    expect(describeHistory({ reviews: 1, cards: 1, kept: 1, notImportedReviews: 1, notImportedCards: 1, leftOut: 1 })).toBe(
      'Brought 1 review of 1 card from Anki; 1 review of 1 card that was not imported was left out; 1 manual change or cram answer was left out; 1 card kept its Recall progress.'
    )
  })
})
