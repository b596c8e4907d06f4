import { examCountdown } from '@core/exam-plan/exam-day'
import { mayNeedFinalPass, type FinalPassCard } from '@core/exam-plan/final-pass'
import { addCardRecall, buildTopicReadiness, type ExamRecallCard, type ExamRecallSums, type TopicReadiness } from '@core/exam-plan/recall'
import { addRecall, emptyRecallSum, toRecallEstimate, type RecallEstimate, type RecallSum } from '@core/exam-plan/recall-estimate'
import {
  simulateUntilExam,
  type ExamPlanInput,
  type ExamSimulation,
  type SimulatedCard,
  type SimulatedDay
} from '@core/exam-plan/schedule-simulation'
import { buildExamWorkload, type ExamWorkload } from '@core/exam-plan/workload'
import { Queue, type CardColumnsRecord } from '@core/model'
import { recallSince, retrievabilityAt } from '@core/stats/retrievability'
import { default_w, State } from 'ts-fsrs'

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
  /** The sums behind the two above, which the forecast of several decks adds up. */
  stopping: ExamRecallSums
  /** Cards never studied (suspended ones left out: no limit brings them up). */
  unseen: number
  /** Studied cards below `targetRecall` at the exam that no scheduled review will refresh (0 without a target). */
  belowTarget: number
  workload: ExamWorkload
  /** The simulated study days, for a workload chart. */
  plan: SimulatedDay[]
}

/** What `forecastExam` gives without the simulation: one pass over the cards, cheap enough to paint at once. */
export type ExamCardFigures = Omit<ExamForecast, 'recallIfStudying' | 'plan'>

/**
 * The exam screen's figures for the exam's cards (one deck or several; the caller chooses). What
 * does not need the simulation (recall if stopping, topics, unseen cards, the final pass's count)
 * comes from one pass over the cards (`examCardFigures`), each card's recall at the exam computed
 * once; the simulation (`simulateUntilExam`) adds recall if studying, the answers a day and the plan.
 */
export function forecastExam(
  cards: ReadonlyArray<SimulatedCard & ExamRecallCard & FinalPassCard>,
  input: ExamPlanInput & { targetRecall?: number }
): ExamForecast {
  return withSimulation(examCardFigures(cards, input), simulateUntilExam(cards, input))
}

/** The figures of one pass over the cards; their workload's answers a day is 0 until `withSimulation` sets it. */
export function examCardFigures(
  cards: ReadonlyArray<SimulatedCard & ExamRecallCard & FinalPassCard>,
  input: ExamPlanInput & { targetRecall?: number }
): ExamCardFigures {
  const { options, now, examDate } = input
  const countdown = examCountdown(now, examDate, input.dayStartsAtHour)
  const w = options.w ?? default_w
  const target = input.targetRecall ?? 0
  const stopping: ExamRecallSums = { all: emptyRecallSum(), byTag: new Map() }
  let unseen = 0
  let belowTarget = 0
  for (const card of cards) {
    if (card.queue === Queue.Removed) continue
    const p = retrievabilityAt(card, examDate, w)
    addCardRecall(stopping, card.tags, p)
    // Suspended cards are left out of the workload: no limit will bring them up.
    if (card.state === State.New && card.queue !== Queue.Suspended) unseen++
    if (p < target && mayNeedFinalPass(card, countdown.examDay.start)) belowTarget++
  }
  return figuresOfSums(countdown, stopping, unseen, belowTarget, options.newCardsPerDay)
}

/**
 * `examCardFigures` of the cards in `columns` (db/card-columns.ts), walked where they lie, with no
 * object per card: the same figures, number for number (each card's recall computed and added in
 * the same order, each tag's sum made when the first card with it is met).
 */
export function examColumnFigures(columns: CardColumnsRecord, input: ExamPlanInput & { targetRecall?: number }): ExamCardFigures {
  const { options, now, examDate } = input
  const countdown = examCountdown(now, examDate, input.dayStartsAtHour)
  const examDayStart = countdown.examDay.start
  const w = options.w ?? default_w
  const target = input.targetRecall ?? 0
  const stopping: ExamRecallSums = { all: emptyRecallSum(), byTag: new Map() }
  const { queue, state, stability, lastReview, due, tagSet, tagSets } = columns
  // Each distinct list of tags' sums, found once (a tag written twice counted once, as addCardRecall does).
  const sumsOfSet = new Array<RecallSum[] | undefined>(tagSets.length)
  const sumsOf = (set: number): RecallSum[] => {
    const tags = tagSets[set]!
    const sums: RecallSum[] = []
    for (let t = 0; t < tags.length; t++) {
      const tag = tags[t]!
      if (tags.indexOf(tag) < t) continue
      let sum = stopping.byTag.get(tag)
      if (!sum) stopping.byTag.set(tag, (sum = emptyRecallSum()))
      sums.push(sum)
    }
    return (sumsOfSet[set] = sums)
  }
  let unseen = 0
  let belowTarget = 0
  for (let i = 0; i < queue.length; i++) {
    const q = queue[i]!
    if (q === Queue.Removed) continue
    const studied = state[i] !== State.New
    const reviewed = lastReview[i]!
    const p = studied && !Number.isNaN(reviewed) ? recallSince(reviewed, stability[i]!, examDate, w) : 0
    addRecall(stopping.all, p)
    const set = tagSet[i]!
    const sums = sumsOfSet[set] ?? sumsOf(set)
    for (let t = 0; t < sums.length; t++) addRecall(sums[t]!, p)
    if (!studied && q !== Queue.Suspended) unseen++
    if (p < target && studied && q !== Queue.Suspended && due[i]! >= examDayStart) belowTarget++
  }
  return figuresOfSums(countdown, stopping, unseen, belowTarget, options.newCardsPerDay)
}

/** The figures of one pass, from its sums and counts (the object pass and the column walk alike). */
function figuresOfSums(
  countdown: ReturnType<typeof examCountdown>,
  stopping: ExamRecallSums,
  unseen: number,
  belowTarget: number,
  newCardsPerDay: number
): ExamCardFigures {
  const daysLeft = countdown.days.length
  return {
    daysLeft,
    examDayStart: countdown.examDay.start,
    recallIfStopping: toRecallEstimate(stopping.all),
    topics: buildTopicReadiness(stopping),
    stopping,
    unseen,
    belowTarget,
    workload: buildExamWorkload({ unseen, daysLeft, newCardsPerDay, reviewsPerDay: 0 })
  }
}

/** The figures with the simulation's: the same object, field for field, as the forecast computed in one go. */
function withSimulation(figures: ExamCardFigures, simulation: Pick<ExamSimulation, 'recall' | 'days' | 'meanReviewsPerDay'>): ExamForecast {
  return {
    daysLeft: figures.daysLeft,
    examDayStart: figures.examDayStart,
    recallIfStopping: figures.recallIfStopping,
    recallIfStudying: simulation.recall,
    topics: figures.topics,
    stopping: figures.stopping,
    unseen: figures.unseen,
    belowTarget: figures.belowTarget,
    workload: { ...figures.workload, reviewsPerDay: simulation.meanReviewsPerDay },
    plan: simulation.days
  }
}
