import { gather } from '@core/stats/accumulator'
import { buildAnswerButtons } from '@core/stats/answer-buttons'
import { Rating, State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { createAnswerButtonsAccumulator } from '../../../helpers/log-scan-stats'
import { local, reviewLog, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

const { Manual, Again, Hard, Good, Easy } = Rating
const now = local(2026, 4, 10, 12)
const logs = [
  reviewLog({ review: local(2026, 4, 10, 9), state: State.New, rating: Good }),
  reviewLog({ review: local(2026, 4, 10, 9), state: State.Learning, rating: Again }),
  reviewLog({ review: local(2026, 4, 9, 9), state: State.Relearning, rating: Hard }),
  reviewLog({ review: local(2026, 4, 8, 9), state: State.Review, scheduled_days: 20, rating: Again }),
  reviewLog({ review: local(2026, 4, 8, 9), state: State.Review, scheduled_days: 20, rating: Easy }),
  reviewLog({ review: local(2026, 4, 4, 9), state: State.Review, scheduled_days: 21, rating: Good }), // 7th day back
  reviewLog({ review: local(2026, 4, 3, 9), state: State.Review, scheduled_days: 60, rating: Good }), // 8th day back
  reviewLog({ review: local(2026, 4, 9, 9), state: State.Review, scheduled_days: 60, rating: Manual })
]

describe('answer buttons', () => {
  it('counts presses by the card state before the grade over the last 7 study days', () => {
    const buttons = gather(createAnswerButtonsAccumulator({ now, dayStartsAtHour: 4, days: 7 }), logs)
    expect(buttons).toEqual({ learning: [1, 1, 1, 0], young: [1, 0, 0, 1], mature: [0, 0, 1, 0] })
  })

  it('counts all time, and gives totals and the correct share per group', () => {
    const series = buildAnswerButtons(gather(createAnswerButtonsAccumulator({ now, dayStartsAtHour: 4 }), logs))
    expect(series).toEqual([
      { group: 'learning', counts: [1, 1, 1, 0], total: 3, correct: 2 / 3 },
      { group: 'young', counts: [1, 0, 0, 1], total: 2, correct: 0.5 },
      { group: 'mature', counts: [0, 0, 2, 0], total: 2, correct: 1 }
    ])
  })

  it('has no correct share for a group without presses', () => {
    const series = buildAnswerButtons(gather(createAnswerButtonsAccumulator({ now, dayStartsAtHour: 4, days: 1 }), logs))
    expect(series.map((s) => s.correct)).toEqual([0.5, null, null])
  })
})
