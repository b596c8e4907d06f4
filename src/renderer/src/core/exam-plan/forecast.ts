import { examCountdown } from '@core/exam-plan/exam-day'
import { buildTopicReadiness, createExamRecallAccumulator, type ExamRecallCard, type TopicReadiness } from '@core/exam-plan/recall'
import { toRecallEstimate, type RecallEstimate } from '@core/exam-plan/recall-estimate'
import { simulateUntilExam, type ExamPlanInput, type SimulatedCard, type SimulatedDay } from '@core/exam-plan/schedule-simulation'
import { buildExamWorkload, type ExamWorkload } from '@core/exam-plan/workload'
import { Queue } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { State } from 'ts-fsrs'

export interface ExamForecast {
  /** Study days left before the exam, today included; 0 on exam day. */
  daysLeft: number
  examDayStart: number
  /** Recall at the exam if nothing more is studied. */
  recallIfStopping: RecallEstimate
  /** Recall at the exam after studying as scheduled until then. */
  recallIfStudying: RecallEstimate
  /** Weakest topics first, as things stand now. */
  topics: TopicReadiness[]
  workload: ExamWorkload
  /** The simulated study days, for a workload chart. */
  plan: SimulatedDay[]
}

/** The exam screen's figures for the exam's cards (one deck or several; the caller chooses). */
export function forecastExam(cards: ReadonlyArray<SimulatedCard & ExamRecallCard>, input: ExamPlanInput): ExamForecast {
  const { options, now, examDate } = input
  const countdown = examCountdown(now, examDate, input.dayStartsAtHour)
  const sums = gather(createExamRecallAccumulator({ examAt: examDate, ...(options.w ? { w: options.w } : {}) }), cards)
  const simulation = simulateUntilExam(cards, input)
  // Suspended cards are left out of the workload: no limit will bring them up.
  const unseen = cards.filter((c) => c.state === State.New && c.queue !== Queue.Removed && c.queue !== Queue.Suspended).length
  return {
    daysLeft: countdown.days.length,
    examDayStart: countdown.examDay.start,
    recallIfStopping: toRecallEstimate(sums.all),
    recallIfStudying: simulation.recall,
    topics: buildTopicReadiness(sums),
    workload: buildExamWorkload({
      unseen,
      daysLeft: countdown.days.length,
      newCardsPerDay: options.newCardsPerDay,
      reviewsPerDay: simulation.meanReviewsPerDay
    }),
    plan: simulation.days
  }
}
