import { forecastExam } from '@core/exam-plan/forecast'
import { simulateUntilExam } from '@core/exam-plan/schedule-simulation'
import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { createEmptyCard, default_w, forgetting_curve, fsrs, generatorParameters, Rating, State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { cardRecord, local, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

// Monday 4 May, 9 am; the exam is on Friday at 9 am: four study days (Mon–Thu).
const now = local(2026, 5, 4, 9)
const examDate = local(2026, 5, 8, 9)
const options = { ...DEFAULT_STUDY_OPTIONS, newCardsPerDay: 2 }
const newCards = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    cardRecord({ id: `aws/c${i}`, ord: i, queue: Queue.New, ...newSchedulingState(now), tags: ['sagemaker'] })
  )

/** Stability after answering a new card Good, Good (learning steps), then Good again, per ts-fsrs without fuzz. */
function referenceStabilities() {
  const f = fsrs(generatorParameters({ enable_fuzz: false }))
  const learnt = f.next(f.next(createEmptyCard(now), now, Rating.Good).card, new Date(now + 600_000), Rating.Good).card
  const reviewed = f.next(learnt, learnt.due, Rating.Good).card
  return { learnt: learnt.stability, reviewed: reviewed.stability, firstInterval: learnt.scheduled_days }
}

describe('studying as scheduled until the exam', () => {
  it('introduces new cards at the limit and answers every due card Good on its day', () => {
    const sim = simulateUntilExam(newCards(5), { options, dayStartsAtHour: 4, now, examDate })
    // Mon: c0, c1 (two learning steps each). Tue: c2, c3. Wed: c0, c1 due after 2 days, and c4. Thu: c2, c3.
    expect(referenceStabilities().firstInterval).toBe(2)
    expect(sim.days.map((d) => [new Date(d.start).getDate(), d.reviews, d.newCards])).toEqual([
      [4, 4, 2],
      [5, 4, 2],
      [6, 4, 1],
      [7, 2, 0]
    ])
    expect(sim.unseenAtExam).toBe(0)
    expect(sim.meanReviewsPerDay).toBe(3.5)
  })

  it('predicts recall at the exam from the simulated memory states (ts-fsrs forgetting curve)', () => {
    const { learnt, reviewed } = referenceStabilities()
    const sim = simulateUntilExam(newCards(5), { options, dayStartsAtHour: 4, now, examDate })
    // c0, c1 reviewed Wed 9:10 → 1 day 23 h 50 min before the exam; c2, c3 reviewed Thu 9:10 →
    // 23 h 50 min; c4 learnt Wed 9:10. Elapsed time counts with its fraction of a day.
    const twoDays = 2 - 10 / (24 * 60)
    const oneDay = 1 - 10 / (24 * 60)
    const expected =
      (2 * forgetting_curve(default_w, twoDays, reviewed) +
        2 * forgetting_curve(default_w, oneDay, reviewed) +
        forgetting_curve(default_w, twoDays, learnt)) /
      5
    expect(sim.recall.mean).toBeCloseTo(expected, 8)
    expect(sim.recall.cards).toBe(5)
  })

  it('leaves cards unseen when the limit is too low, and respects the review limit', () => {
    const tight = { ...options, newCardsPerDay: 1, reviewsPerDay: 1 }
    const sim = simulateUntilExam(newCards(5), { options: tight, dayStartsAtHour: 4, now, examDate })
    expect(sim.unseenAtExam).toBe(1)
    // Mon c0 new; Tue c1 new; Wed c0 due (review) + c2 new; Thu c1 due + c3 new.
    expect(sim.days.map((d) => [d.reviews, d.newCards])).toEqual([
      [2, 1],
      [2, 1],
      [3, 1],
      [3, 1]
    ])
    const limited = simulateUntilExam(newCards(4), { options: { ...options, reviewsPerDay: 1 }, dayStartsAtHour: 4, now, examDate })
    // Wed: only c0 of the two due reviews; c1 waits for Thu, where it takes Thu's one review.
    expect(limited.days.map((d) => d.reviews)).toEqual([4, 4, 1, 1])
  })

  it('takes today’s studied new cards off today’s limit', () => {
    const sim = simulateUntilExam(newCards(5), { options, dayStartsAtHour: 4, now, examDate, studiedToday: { newCards: 2, reviews: 0 } })
    expect(sim.days[0]!.newCards).toBe(0)
  })

  it('does not study suspended cards, and ignores removed ones', () => {
    const cards = [
      ...newCards(2),
      cardRecord({ id: 'aws/s', queue: Queue.Suspended, ...newSchedulingState(now) }),
      cardRecord({ id: 'aws/r', queue: Queue.Removed, ...newSchedulingState(now) })
    ]
    const sim = simulateUntilExam(cards, { options, dayStartsAtHour: 4, now, examDate })
    expect(sim.recall.cards).toBe(3)
    expect(sim.unseenAtExam).toBe(1)
  })
})

describe('forecastExam', () => {
  it('puts the countdown, both predictions, topics and workload together', () => {
    const studied = cardRecord({
      id: 'aws/old',
      tags: ['security'],
      state: State.Review,
      stability: 3,
      last_review: local(2026, 5, 1, 9),
      due: local(2026, 5, 4, 9)
    })
    const forecast = forecastExam([...newCards(10), studied], { options, dayStartsAtHour: 4, now, examDate })
    expect(forecast.daysLeft).toBe(4)
    expect(forecast.examDayStart).toBe(local(2026, 5, 8, 4))
    expect(forecast.recallIfStopping.mean).toBeCloseTo(forgetting_curve(default_w, 7, 3) / 11, 8)
    expect(forecast.recallIfStudying.mean).toBeGreaterThan(forecast.recallIfStopping.mean)
    expect(forecast.topics.map((t) => t.tag)).toEqual(['sagemaker', 'security'])
    expect(forecast.workload).toMatchObject({
      newCardsPerDayNeeded: 3,
      newCardsSeenBeforeExam: 8,
      warning: 'At 2 new cards a day you will see 8 of 10 new cards before the exam; raise the limit to 3.'
    })
    expect(forecast.plan).toHaveLength(4)
  })
})
