import type { FinalPassCard } from '@core/exam-plan/final-pass'
import { examCardFigures, examColumnFigures, type ExamCardFigures } from '@core/exam-plan/forecast'
import { buildTopicReadiness, type ExamRecallCard, type ExamRecallSums, type TopicReadiness } from '@core/exam-plan/recall'
import { emptyRecallSum, toRecallEstimate, Z_90, type RecallEstimate, type RecallSum } from '@core/exam-plan/recall-estimate'
import { simulateUntilExam, type ExamSimulation, type SimulatedCard, type SimulatedDay } from '@core/exam-plan/schedule-simulation'
import type { CardColumnsRecord, StudyOptions } from '@core/model'
import type { StudiedToday } from '@core/scheduling/daily-limits'

type ExamCard = SimulatedCard & ExamRecallCard & FinalPassCard

/** One deck of an exam: its cards and the options it is studied with. */
export interface ExamDeckInput {
  deckId: string
  deckName: string
  cards: readonly ExamCard[]
  options: StudyOptions
  studiedToday?: StudiedToday
}

/** One deck of an exam with its cards as the card columns hold them (db/card-columns.ts), not as objects. */
export interface ExamDeckColumns extends Omit<ExamDeckInput, 'cards'> {
  columns: CardColumnsRecord
}

export interface ExamDecksForecast {
  daysLeft: number
  examDayStart: number
  recallIfStopping: RecallEstimate
  recallIfStudying: RecallEstimate
  /** Weakest first. */
  topics: TopicReadiness[]
  /** Cards never studied (suspended ones left out: no limit brings them up). */
  unseen: number
  /** New cards a day, over all the decks, that would show every card before the exam. */
  newCardsPerDayNeeded: number | null
  /** The decks' new-card limits added up. */
  newCardsPerDayAllowed: number
  /** New cards of the decks already met today. */
  newCardsStudiedToday: number
  /** Mean grades a day when studying as scheduled. */
  reviewsPerDay: number
  /** One line per deck whose new-card limit leaves cards unseen on exam day. */
  warnings: string[]
  /** Studied cards below the target recall at the exam that no scheduled review will refresh. */
  belowTarget: number
  plan: SimulatedDay[]
}

/** What the simulation adds to the figures: computed off the page, painted when it arrives. */
export type ExamDecksSimulation = Pick<ExamDecksForecast, 'recallIfStudying' | 'reviewsPerDay' | 'plan'>
/** The figures of one pass over the cards, painted at once. */
export type ExamDecksFigures = Omit<ExamDecksForecast, keyof ExamDecksSimulation>
/** One deck's simulation, as `combineSimulations` adds them up. */
export type DeckSimulation = Pick<ExamSimulation, 'recall' | 'days' | 'meanReviewsPerDay'>

interface ExamParams {
  now: number
  examDate: number
  dayStartsAtHour: number
  targetRecall: number
}

const deckInput = (deck: Omit<ExamDeckInput, 'cards'>, params: ExamParams) => ({
  options: deck.options,
  dayStartsAtHour: params.dayStartsAtHour,
  now: params.now,
  examDate: params.examDate,
  targetRecall: params.targetRecall,
  ...(deck.studiedToday ? { studiedToday: deck.studiedToday } : {})
})

/** "If you keep studying as scheduled" for one deck (its options and limits): the costly part of the forecast. */
export function simulateDeck(deck: ExamDeckInput, params: ExamParams): DeckSimulation {
  const { recall, days, meanReviewsPerDay } = simulateUntilExam(deck.cards, deckInput(deck, params))
  return { recall, days, meanReviewsPerDay }
}

/**
 * The exam forecast over several decks. Each deck is simulated on its own with its own options,
 * because daily limits are per deck: three decks at 20 new cards a day show 60 new cards a day.
 * Recall sums add exactly, so recall if stopping and the topics are exact over all the decks.
 */
export function forecastExamDecks(decks: readonly ExamDeckInput[], params: ExamParams): ExamDecksForecast {
  const figures = examDecksFigures(decks, params)
  return withDecksSimulation(figures, combineSimulations(decks.map((deck) => simulateDeck(deck, params))))
}

/** The whole forecast from its two halves, field for field in the order `forecastExamDecks` has always given. */
export function withDecksSimulation(figures: ExamDecksFigures, simulation: ExamDecksSimulation): ExamDecksForecast {
  return {
    daysLeft: figures.daysLeft,
    examDayStart: figures.examDayStart,
    recallIfStopping: figures.recallIfStopping,
    recallIfStudying: simulation.recallIfStudying,
    topics: figures.topics,
    unseen: figures.unseen,
    newCardsPerDayNeeded: figures.newCardsPerDayNeeded,
    newCardsPerDayAllowed: figures.newCardsPerDayAllowed,
    newCardsStudiedToday: figures.newCardsStudiedToday,
    reviewsPerDay: simulation.reviewsPerDay,
    warnings: figures.warnings,
    belowTarget: figures.belowTarget,
    plan: simulation.plan
  }
}

/** Everything but the simulation's figures, from one pass over each deck's cards. */
export function examDecksFigures(decks: readonly ExamDeckInput[], params: ExamParams): ExamDecksFigures {
  return combineDeckFigures(
    decks,
    decks.map((deck) => examCardFigures(deck.cards, deckInput(deck, params)))
  )
}

/** One deck's figures of one walk over its card columns (what `combineDeckFigures` adds up; a cache can keep them). */
export function deckColumnFigures(deck: ExamDeckColumns, params: ExamParams): ExamCardFigures {
  return examColumnFigures(deck.columns, deckInput(deck, params))
}

/** The decks' figures added up, each deck's (`figures[i]` of `decks[i]`) as its one pass gave them. */
export function combineDeckFigures(
  decks: ReadonlyArray<Omit<ExamDeckInput, 'cards'>>,
  perDeck: readonly ExamCardFigures[]
): ExamDecksFigures {
  const stopping: ExamRecallSums = { all: emptyRecallSum(), byTag: new Map() }
  const warnings: string[] = []
  let daysLeft = 0
  let examDayStart = 0
  let unseen = 0
  let needed: number | null = 0
  let belowTarget = 0

  decks.forEach((deck, i) => {
    const figures = perDeck[i]!
    daysLeft = figures.daysLeft
    examDayStart = figures.examDayStart
    mergeSums(stopping, figures.stopping)
    unseen += figures.unseen
    needed = figures.workload.newCardsPerDayNeeded === null || needed === null ? null : needed + figures.workload.newCardsPerDayNeeded
    if (figures.workload.warning) warnings.push(`${deck.deckName}: ${figures.workload.warning}`)
    belowTarget += figures.belowTarget
  })

  return {
    daysLeft,
    examDayStart,
    recallIfStopping: toRecallEstimate(stopping.all),
    topics: buildTopicReadiness(stopping),
    unseen,
    newCardsPerDayNeeded: decks.length === 0 ? null : needed,
    newCardsPerDayAllowed: decks.reduce((sum, d) => sum + d.options.newCardsPerDay, 0),
    newCardsStudiedToday: decks.reduce((sum, d) => sum + (d.studiedToday?.newCards ?? 0), 0),
    warnings,
    belowTarget
  }
}

/** The decks' simulations added up: recall over every card, the answers a day and the plan's days. */
export function combineSimulations(simulations: readonly DeckSimulation[]): ExamDecksSimulation {
  let plan: SimulatedDay[] = []
  let reviewsPerDay = 0
  for (const simulation of simulations) {
    reviewsPerDay += simulation.meanReviewsPerDay
    plan = addPlans(plan, simulation.days)
  }
  const studying = simulations.map((s) => s.recall)
  return {
    recallIfStudying: studying.length === 1 ? studying[0]! : combineEstimates(studying),
    reviewsPerDay,
    plan
  }
}

function mergeSums(into: ExamRecallSums, from: ExamRecallSums): void {
  addSum(into.all, from.all)
  for (const [tag, sum] of from.byTag) {
    let target = into.byTag.get(tag)
    if (!target) into.byTag.set(tag, (target = emptyRecallSum()))
    addSum(target, sum)
  }
}

function addSum(into: RecallSum, from: RecallSum): void {
  into.cards += from.cards
  into.sumP += from.sumP
  into.sumVariance += from.sumVariance
}

/**
 * Adds estimates of disjoint card sets. The simulation reports an estimate, not its sums: the sum
 * of p is mean × cards and the variance comes back from the interval's half-width, which is exact
 * unless both ends were clamped to 0 and 1 (a handful of cards), where it is an underestimate.
 */
function combineEstimates(estimates: readonly RecallEstimate[]): RecallEstimate {
  const sum = emptyRecallSum()
  for (const e of estimates) {
    if (e.cards === 0) continue
    const margin = Math.max(e.high - e.mean, e.mean - e.low)
    addSum(sum, { cards: e.cards, sumP: e.mean * e.cards, sumVariance: ((margin * e.cards) / Z_90) ** 2 })
  }
  return toRecallEstimate(sum)
}

function addPlans(a: SimulatedDay[], b: readonly SimulatedDay[]): SimulatedDay[] {
  if (a.length === 0) return b.map((d) => ({ ...d }))
  return a.map((day, i) => ({
    start: day.start,
    reviews: day.reviews + (b[i]?.reviews ?? 0),
    newCards: day.newCards + (b[i]?.newCards ?? 0)
  }))
}
