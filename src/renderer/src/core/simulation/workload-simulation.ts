import { mulberry32Streams, type Random } from '@core/practice/random'
import { computeDecayFactor, FSRSAlgorithm, Rating, type FSRSState, type Grade, type Steps } from 'ts-fsrs'

/**
 * The workload simulator: what studying a deck every day for the next N days would cost, for one
 * desired retention. Like Anki's simulator (fsrs-rs `simulate`), it is a Monte Carlo walk over
 * whole study days: each review passes with the probability the forgetting curve gives at that
 * day, the grade and the seconds it takes are drawn from typical answer habits, and the card's next
 * memory state and interval follow FSRS-6 (ts-fsrs's `FSRSAlgorithm`). The walk is seeded, so the
 * same deck, settings and seed always give the same days.
 *
 * Written from how fsrs-rs's `simulate` works (its `src/simulation.rs`, read at commit ea20f64),
 * not from its code. The same: a new card's first grade and its same-day steps drawn from Anki's
 * default chances (a Markov chain over the grades), a review recalled with the curve's chance and
 * then Hard, Good or Easy, a lapse followed by relearning steps, the seconds of each answer by
 * state and grade, the interval rounded to whole days, and "memorized" as the sum of every studied
 * card's recall on a day. What differs: days are buckets rather than a priority queue (the same
 * order: a day's reviews before its new cards, and when the review cap bites, the lowest
 * difficulty first, the rest moved to the next day); the formulas are ts-fsrs's, as Recall
 * schedules with them (float64, rounded to 8 decimals, and a same-day Hard counts as a pass in the
 * short-term formula, where fsrs-rs masks from Good); each card draws from a generator of its own
 * rather than all from one; there is no cap on seconds a day, no easy days, no leech suspension
 * and no load balancing; and the per-day recall sum can be skipped when only the last day is
 * wanted (the optimum search), as it is most of the cost of a long run.
 */

/** Seconds per grade, in grade order: Again, Hard, Good, Easy. */
type GradeSeconds = readonly [again: number, hard: number, good: number, easy: number]

/** How a typical learner answers and how long it takes. Anki's simulator fits these to the review log. */
export interface AnswerHabits {
  seconds: {
    /** A new card's first answer and its learning steps. */
    learning: GradeSeconds
    /** A review of a card from an earlier day. */
    review: GradeSeconds
    /** A relearning step after a lapse. */
    relearning: GradeSeconds
  }
  /** The chances of Again, Hard, Good and Easy at a new card's first answer. */
  firstGrade: readonly [number, number, number, number]
  /** Of the reviews recalled, the chances of Hard, Good and Easy. */
  recalledGrade: readonly [number, number, number]
  /**
   * The grade at the next same-day step, given the grade before it (rows: after Again, Hard,
   * Good; Easy always leaves the steps).
   */
  learningSteps: readonly [GradeChances, GradeChances, GradeChances]
  relearningSteps: readonly [GradeChances, GradeChances, GradeChances]
}
type GradeChances = readonly [number, number, number, number]

/**
 * The defaults fsrs-rs's `SimulatorConfig` ships (and Anki's simulator uses without a review log):
 * averages over many Anki users.
 */
export const DEFAULT_ANSWER_HABITS: AnswerHabits = {
  seconds: {
    learning: [19.58, 18.79, 13.78, 10.71],
    review: [19.38, 17.59, 12.38, 8.94],
    relearning: [16.44, 15.25, 12.32, 8.03]
  },
  firstGrade: [0.24, 0.094, 0.495, 0.171],
  recalledGrade: [0.224, 0.631, 0.145],
  learningSteps: [
    [0.3686, 0.0628, 0.5108, 0.0577],
    [0.0442, 0.4553, 0.4457, 0.0549],
    [0.0519, 0.047, 0.8462, 0.055]
  ],
  relearningSteps: [
    [0.2157, 0.0643, 0.6595, 0.0604],
    [0.05, 0.4638, 0.4475, 0.0387],
    [0.1057, 0.1434, 0.7266, 0.0244]
  ]
}

/** A card already studied, in study days counted from today (0 today, -3 three days ago). */
export interface SimulatedCard {
  stability: number
  difficulty: number
  /** The day of its last review (≤ 0). */
  lastDay: number
  /** The day it is due (≥ 0: a card overdue is due today). */
  dueDay: number
}

/** A deck as the simulator takes it: the studied cards' memory states and how many were never studied. */
export interface SimulatedDeck {
  studied: readonly SimulatedCard[]
  /** Cards never studied, introduced at the new-card rate. */
  fresh: number
}

export interface WorkloadSettings {
  /** FSRS-6 weights (21). */
  w: readonly number[]
  /** Days to simulate, today first. */
  days: number
  newCardsPerDay: number
  /** Reviews a day at most (new cards do not count against it, as in Recall's study screen). */
  reviewsPerDay: number
  maximumInterval: number
  learningSteps: Steps
  relearningSteps: Steps
  habits?: AnswerHabits
  /**
   * 'daily' sums every card's recall on every day (the lines of the chart); 'last' only on the
   * last day, which is all the optimum search needs and a tenth of the work.
   */
  memorized?: 'daily' | 'last'
}

export interface WorkloadDay {
  /** Reviews of cards from earlier days (same-day steps are in `seconds`, not here). */
  reviews: number
  newCards: number
  /** Time spent that day, steps included. */
  seconds: number
  /** Expected cards remembered at the end of the day: the sum of every studied card's recall (NaN with memorized 'last'). */
  memorized: number
}

export interface WorkloadSimulation {
  retention: number
  days: WorkloadDay[]
  reviews: number
  newCards: number
  seconds: number
  /** Expected cards remembered on the last day. */
  memorizedAtEnd: number
}

/** The steps after a first answer or a lapse: at most this many more same-day answers (as fsrs-rs). */
const MAX_STEP_ANSWERS = 5

/**
 * The FSRS-6 memory model the simulator runs on, for one desired retention: ts-fsrs's formulas,
 * with no fuzz. Exported so that tests can hold each transition against fsrs-rs.
 */
export function createMemoryModel(
  settings: Pick<WorkloadSettings, 'w' | 'maximumInterval' | 'learningSteps' | 'relearningSteps'>,
  retention: number
) {
  const fsrs = new FSRSAlgorithm({
    w: [...settings.w],
    request_retention: retention,
    maximum_interval: settings.maximumInterval,
    learning_steps: settings.learningSteps,
    relearning_steps: settings.relearningSteps,
    enable_fuzz: false,
    enable_short_term: true
  })
  const { decay, factor } = computeDecayFactor(fsrs.parameters.w)
  return {
    /** The chance of recalling a card `elapsedDays` after a review that left it at `stability`. */
    recall: (elapsedDays: number, stability: number): number => fsrs.forgetting_curve(elapsedDays, stability),
    /**
     * The curve's constants as ts-fsrs derives them, R = (1 + factor · t / S)^decay: the memorized
     * sums use them directly, without ts-fsrs's rounding to 8 decimals (so within 1e-8 of
     * `recall`), as a year of 10,000 cards is 3.65 million points.
     */
    curve: { decay, factor },
    /** The memory state after a grade given `elapsedDays` after the last review (null: a new card). */
    next: (state: FSRSState | null, elapsedDays: number, grade: Grade, recall?: number): FSRSState =>
      fsrs.next_state(state, elapsedDays, grade, recall),
    /** Whole days to the next review for the desired retention, 1 to the maximum interval. */
    interval: (stability: number): number => fsrs.next_interval(stability, 0)
  }
}
type MemoryModel = ReturnType<typeof createMemoryModel>

/** The index drawn from `weights` (which need not add up to 1). */
function draw(weights: readonly number[], random: Random): number {
  let total = 0
  for (const w of weights) total += w
  let u = random() * total
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i]!
    if (u < 0) return i
  }
  return weights.length - 1
}

/**
 * Same-day steps after `grade` (a first answer or a lapse), until the card leaves them: `steps`
 * passes in a row from the first step (one fewer after a first Good), Hard repeating the step,
 * Again starting over, Easy leaving at once. Returns the state and the seconds of the extra answers.
 */
function sameDaySteps(
  model: MemoryModel,
  state: FSRSState,
  grade: Grade,
  steps: number,
  chances: AnswerHabits['learningSteps'],
  seconds: GradeSeconds,
  random: Random
): { state: FSRSState; seconds: number } {
  let left = grade === Rating.Easy ? 0 : grade === Rating.Good ? steps - 1 : steps
  let spent = 0
  let last: Grade = grade
  for (let answers = 0; left > 0 && answers < MAX_STEP_ANSWERS; answers++) {
    const next = (draw(chances[last - 1]!, random) + 1) as Grade
    state = model.next(state, 0, next)
    spent += seconds[next - 1]!
    if (next === Rating.Again) left = steps
    else if (next === Rating.Good) left--
    else if (next === Rating.Easy) left = 0
    last = next
  }
  return { state, seconds: spent }
}

/**
 * Simulates `settings.days` study days of `deck` at `retention`. New cards are introduced every
 * day at the new-card rate after the day's reviews; reviews beyond the cap wait for the next day.
 */
export function simulateWorkload(deck: SimulatedDeck, retention: number, settings: WorkloadSettings, random: Random): WorkloadSimulation {
  const { days: span, reviewsPerDay } = settings
  const habits = settings.habits ?? DEFAULT_ANSWER_HABITS
  const daily = (settings.memorized ?? 'daily') === 'daily'
  const model = createMemoryModel(settings, retention)
  const learningSteps = settings.learningSteps.length
  const relearningSteps = settings.relearningSteps.length
  const newPerDay = Math.max(0, Math.floor(settings.newCardsPerDay))

  const studied = deck.studied.length
  const introduced = Math.min(deck.fresh, newPerDay * span)
  const size = studied + introduced
  const stability = new Float64Array(size)
  const difficulty = new Float64Array(size)
  const lastDay = new Int32Array(size)
  const dueOn: number[][] = Array.from({ length: span }, () => [])
  deck.studied.forEach((card, i) => {
    stability[i] = card.stability
    difficulty[i] = card.difficulty
    lastDay[i] = card.lastDay
    const due = Math.max(0, card.dueDay)
    if (due < span) dueOn[due]!.push(i)
  })

  const days: WorkloadDay[] = Array.from({ length: span }, () => ({ reviews: 0, newCards: 0, seconds: 0, memorized: daily ? 0 : NaN }))
  const memorized = new Float64Array(span)
  const { decay, factor } = model.curve
  /** Adds card i's recall, in its current state, to the days [from, to): the hot loop of a daily run. */
  const addRecall = (i: number, from: number, to: number) => {
    const perDay = factor / stability[i]!
    const last = lastDay[i]!
    for (let d = Math.max(from, 0); d < to; d++) memorized[d]! += Math.pow(1 + perDay * (d - last), decay)
  }
  const schedule = (i: number, day: number, state: FSRSState) => {
    stability[i] = state.stability
    difficulty[i] = state.difficulty
    lastDay[i] = day
    const due = day + model.interval(state.stability)
    if (due < span) dueOn[due]!.push(i)
  }

  // Each card draws from a generator of its own, seeded from `random`: the same seed gives every
  // card the same draws at every retention, so the runs of a sweep differ by the retention alone
  // and the cost curve is smooth, where one shared stream would reshuffle every draw after the first change.
  const streams = mulberry32Streams(random, size)

  const review = (i: number, day: number, today: WorkloadDay) => {
    const random = () => streams(i)
    const elapsed = day - lastDay[i]!
    const before: FSRSState = { stability: stability[i]!, difficulty: difficulty[i]! }
    const recall = model.recall(elapsed, before.stability)
    if (daily) addRecall(i, lastDay[i]!, day)
    let state: FSRSState
    if (random() < recall) {
      const grade = (draw(habits.recalledGrade, random) + 2) as Grade
      state = model.next(before, elapsed, grade, recall)
      today.seconds += habits.seconds.review[grade - 1]!
    } else {
      const lapse = model.next(before, elapsed, Rating.Again, recall)
      const steps = sameDaySteps(model, lapse, Rating.Again, relearningSteps, habits.relearningSteps, habits.seconds.relearning, random)
      state = steps.state
      today.seconds += habits.seconds.review[0] + steps.seconds
    }
    today.reviews++
    schedule(i, day, state)
  }

  const learn = (i: number, day: number, today: WorkloadDay) => {
    const random = () => streams(i)
    const grade = (draw(habits.firstGrade, random) + 1) as Grade
    const first = model.next(null, 0, grade)
    const steps = sameDaySteps(model, first, grade, learningSteps, habits.learningSteps, habits.seconds.learning, random)
    today.seconds += habits.seconds.learning[grade - 1]! + steps.seconds
    today.newCards++
    schedule(i, day, steps.state)
  }

  let nextFresh = studied
  for (let day = 0; day < span; day++) {
    const today = days[day]!
    const due = dueOn[day]!
    if (due.length > reviewsPerDay) {
      // The cap bites: the easiest cards first (as fsrs-rs), the rest wait for tomorrow.
      due.sort((a, b) => difficulty[a]! - difficulty[b]! || a - b)
      const waiting = due.splice(Math.max(0, reviewsPerDay))
      if (day + 1 < span) dueOn[day + 1]!.push(...waiting)
    }
    for (const i of due) review(i, day, today)
    dueOn[day] = []
    for (let n = 0; n < newPerDay && nextFresh < size; n++) learn(nextFresh++, day, today)
  }

  let memorizedAtEnd = 0
  if (daily) {
    for (let i = 0; i < nextFresh; i++) addRecall(i, lastDay[i]!, span)
    days.forEach((day, d) => (day.memorized = memorized[d]!))
    memorizedAtEnd = span > 0 ? memorized[span - 1]! : 0
  } else if (span > 0) {
    for (let i = 0; i < nextFresh; i++) memorizedAtEnd += Math.pow(1 + (factor * (span - 1 - lastDay[i]!)) / stability[i]!, decay)
  }

  let reviews = 0
  let newCards = 0
  let seconds = 0
  for (const day of days) {
    reviews += day.reviews
    newCards += day.newCards
    seconds += day.seconds
  }
  return { retention, days, reviews, newCards, seconds, memorizedAtEnd }
}
