import { examCountdown } from '@core/exam-plan/exam-day'
import { createGoodDay } from '@core/exam-plan/good-day'
import { addRecall, emptyRecallSum, toRecallEstimate, type RecallEstimate } from '@core/exam-plan/recall-estimate'
import { type CardRecord, Queue, type SchedulingState, type StudyOptions } from '@core/model'
import { allowanceFor, type StudiedToday } from '@core/scheduling/daily-limits'
import { createScheduler } from '@core/scheduling/scheduler'
import { retrievabilityAt } from '@core/stats/retrievability'
import { dayIndexOf } from '@core/time/study-day'
import { default_w, State } from 'ts-fsrs'

export type SimulatedCard = Pick<CardRecord, 'id' | 'ord' | 'queue' | 'buriedUntil' | keyof SchedulingState>

function schedulingStateOf(c: SimulatedCard): SchedulingState {
  const state: SchedulingState = {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state
  }
  // Set rather than spread: a spread copies through a slow generic path, once per card.
  if (c.last_review !== undefined) state.last_review = c.last_review
  return state
}

export interface SimulatedDay {
  start: number
  /** Grades given that day, learning steps included. */
  reviews: number
  newCards: number
}

export interface ExamSimulation {
  days: SimulatedDay[]
  /** Predicted recall at the exam after studying every day as scheduled. */
  recall: RecallEstimate
  /** Cards still never studied when the exam starts. */
  unseenAtExam: number
  meanReviewsPerDay: number
}

export interface ExamPlanInput {
  /** The exam's deck options (FSRS parameters and daily limits). */
  options: StudyOptions
  dayStartsAtHour: number
  now: number
  /** When the exam starts: recall is predicted for this moment. */
  examDate: number
  /** What was already studied today, which the day's limits must leave out. */
  studiedToday?: StudiedToday
}

/**
 * "If you keep studying as scheduled": walks the study days up to the exam, introducing new cards
 * in deck order at the new-card limit and answering every due card Good on its due day (reviews
 * beyond the daily limit wait for the next day), with ts-fsrs and no fuzz, so the same cards give
 * the same forecast. All Good is the plan, not a promise: real lapses lower the figure.
 * Each day's session starts at the time of day of `now`. New cards are taken in `ord` order:
 * under all-Good answers every new card fares alike, so a random order gives the same figures.
 * Suspended cards are not studied but still count at the exam; cards gone from their deck file
 * are ignored.
 */
export function simulateUntilExam(cards: readonly SimulatedCard[], input: ExamPlanInput): ExamSimulation {
  const { options, now, examDate } = input
  const goodDay = createGoodDay(createScheduler({ ...options, enable_fuzz: false }, input.dayStartsAtHour))
  const { days } = examCountdown(now, examDate, input.dayStartsAtHour)
  const kept = cards.filter((c) => c.queue !== Queue.Removed)
  const states = kept.map(schedulingStateOf)
  // Each card's due, which the days' sorts read: a typed array reads faster than the states.
  const dues = Float64Array.from(states, (s) => s.due)
  const buckets: number[][] = days.map(() => [])
  const place = (i: number, due: number) => {
    const day = days.length > 0 && due < days[0]!.start ? 0 : dayIndexOf(days, due)
    if (day >= 0) buckets[day]!.push(i)
  }
  const fresh: number[] = []
  kept.forEach((card, i) => {
    if (card.queue === Queue.Suspended) return
    if (card.state === State.New) fresh.push(i)
    else place(i, card.queue === Queue.Buried && card.buriedUntil !== undefined ? Math.max(card.due, card.buriedUntil) : card.due)
  })
  fresh.sort((a, b) => kept[a]!.ord - kept[b]!.ord)
  let nextFresh = 0

  const series: SimulatedDay[] = days.map((day, d) => {
    const sessionAt = d === 0 ? now : Math.min(day.end - 1, day.start + (now - days[0]!.start))
    const allowance = allowanceFor(options, d === 0 && input.studiedToday ? input.studiedToday : { newCards: 0, reviews: 0 })
    let reviews = 0
    let reviewCards = 0
    const study = (i: number) => {
      const { state, grades } = goodDay(states[i]!, Math.max(sessionAt, states[i]!.due), day.end)
      reviews += grades
      states[i] = state
      dues[i] = state.due
      place(i, state.due)
    }
    const due = buckets[d]!.sort((a, b) => dues[a]! - dues[b]!)
    for (const i of due) {
      if (states[i]!.state === State.Review) {
        if (reviewCards >= allowance.reviews) {
          if (d + 1 < days.length) buckets[d + 1]!.push(i)
          continue
        }
        reviewCards++
      }
      study(i)
    }
    let newCards = 0
    while (newCards < allowance.newCards && nextFresh < fresh.length) {
      study(fresh[nextFresh++]!)
      newCards++
    }
    return { start: day.start, reviews, newCards }
  })

  const w = options.w ?? default_w
  const recall = emptyRecallSum()
  for (const state of states) addRecall(recall, retrievabilityAt(state, examDate, w))
  const totalReviews = series.reduce((sum, day) => sum + day.reviews, 0)
  return {
    days: series,
    recall: toRecallEstimate(recall),
    unseenAtExam: states.filter((s) => s.state === State.New).length,
    meanReviewsPerDay: series.length > 0 ? totalReviews / series.length : 0
  }
}
