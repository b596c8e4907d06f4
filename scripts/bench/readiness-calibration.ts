import { mulberry32, randomNormal, type Random } from '@core/practice/random'
import type { ReviewEvidence } from '@core/readiness/calibration'
import { forecastReadiness, type ReadinessCard } from '@core/readiness/exam-readiness'
import { addRecall, emptyRecallSum, toRecallEstimate } from '@core/exam-plan/recall-estimate'
import { Queue } from '@core/model'
import { blueprintOf } from '@shared/exam/blueprints'
import { taskStatements } from '@shared/exam/task-statements'
import { clipParameters, default_w, forgetting_curve, fsrs, generatorParameters, Rating, State, type FSRSState } from 'ts-fsrs'

/**
 * Does the exam-readiness range hold what it promises? Simulated learners whose memory is known:
 * each has FSRS weights drawn around the defaults, notes that are easier or harder than average
 * (a note's two directions alike), and task statements that are. They study AIF-C01 decks for
 * a few weeks on the schedule Recall gives them (the default weights, 90 % retention), answering
 * by their own memory; then the forecast sees only what the app sees (each card's state under the
 * default weights and the review log) and predicts the exam-day score. The truth is each card's
 * real recall on exam day under the learner's own memory. A 90 % range should hold it 85–95 % of
 * the time, at every size.
 */

const DAY = 86_400_000
const GUESS = 0.25

interface SimCard {
  note: number
  task: string
  /** Elapsed-time factor of the note, task and card: > 1 forgets faster than the weights say. */
  speed: number
  app: FSRSState | null
  truth: FSRSState | null
  last: number
  due: number
}

interface LearnerOutcome {
  truth: number
  mean: number
  low: number
  high: number
  /** The range today's exam screen gives (each card a coin with its recall). */
  binomialLow: number
  binomialHigh: number
}

function perturbedWeights(random: Random): number[] {
  const w = default_w.map((x, i) => {
    if (i <= 3) return x * Math.exp(0.35 * randomNormal(random))
    if (i === 20) return x * Math.exp(0.2 * randomNormal(random))
    return x * Math.exp(0.12 * randomNormal(random))
  })
  return clipParameters(w, 1)
}

function grade(random: Random, recalled: boolean): number {
  if (!recalled) return Rating.Again
  const u = random()
  return u < 0.1 ? Rating.Hard : u < 0.9 ? Rating.Good : Rating.Easy
}

/** One learner, `size` cards, from the first study day to the exam. */
function simulateLearner(size: number, seed: number): LearnerOutcome {
  const random = mulberry32(seed)
  const blueprint = blueprintOf('AIF-C01')!
  const tasks = taskStatements(blueprint)
  const app = fsrs(generatorParameters({ w: default_w, enable_fuzz: false }))
  const truth = fsrs(generatorParameters({ w: perturbedWeights(random), enable_fuzz: false }))
  const truthW = truth.parameters.w
  const taskSpeed = new Map(tasks.map((t) => [t.key, Math.exp(0.4 * randomNormal(random))]))

  const cards: SimCard[] = []
  for (let note = 0; cards.length < size; note++) {
    const task = tasks[Math.floor(random() * tasks.length)]!.key
    const noteSpeed = taskSpeed.get(task)! * Math.exp(0.6 * randomNormal(random))
    const directions = random() < 0.5 ? 2 : 1
    for (let d = 0; d < directions && cards.length < size; d++) {
      cards.push({ note, task, speed: noteSpeed * Math.exp(0.2 * randomNormal(random)), app: null, truth: null, last: 0, due: 0 })
    }
  }
  // Some learners see every card before the exam, some do not.
  const studyDays = 30 + Math.floor(random() * 40)
  const coverage = 0.6 + 0.4 * random()
  const perDay = Math.max(1, Math.ceil((size * coverage) / studyDays))
  const start = Date.UTC(2026, 0, 5)
  const examAt = start + (studyDays + 1 + Math.floor(random() * 10)) * DAY + 9 * 3_600_000
  const order = cards.map((_, i) => i).sort(() => random() - 0.5)
  const evidence: ReviewEvidence[] = []
  let introduced = 0

  for (let day = 0; day < studyDays; day++) {
    const at = start + day * DAY + (8 + 12 * random()) * 3_600_000
    for (const card of cards) {
      if (card.app === null || card.due > at) continue
      const elapsed = (at - card.last) / DAY
      const predicted = forgetting_curve(default_w, elapsed, card.app.stability)
      const real = forgetting_curve(truthW, elapsed * card.speed, card.truth!.stability)
      const recalled = random() < real
      const g = grade(random, recalled)
      evidence.push({ predicted, recalled, task: card.task })
      card.app = app.next_state(card.app, elapsed, g)
      card.truth = truth.next_state(card.truth, elapsed * card.speed, g)
      card.last = at
      card.due = at + (recalled ? Math.max(1, Math.round(card.app.stability)) : 1) * DAY - 3_600_000
    }
    for (let n = 0; n < perDay && introduced < cards.length; n++) {
      const card = cards[order[introduced++]!]!
      const g = grade(random, random() < 0.6)
      card.app = app.next_state(null, 0, g)
      card.truth = truth.next_state(null, 0, g)
      card.last = at
      card.due = at + Math.max(1, Math.round(card.app.stability)) * DAY - 3_600_000
    }
  }

  // The truth: each card's real chance on exam day, weighed by the guide.
  const byTask = new Map(tasks.map((t) => [t.key, { sum: 0, n: 0 }]))
  const binomial = emptyRecallSum()
  const readinessCards: ReadinessCard[] = cards.map((card, i) => {
    const real = card.truth ? forgetting_curve(truthW, ((examAt - card.last) / DAY) * card.speed, card.truth.stability) : 0
    const t = byTask.get(card.task)!
    t.sum += GUESS + (1 - GUESS) * real
    t.n++
    const studied = card.app !== null
    const predicted = studied ? forgetting_curve(default_w, (examAt - card.last) / DAY, card.app!.stability) : 0
    addRecall(binomial, predicted)
    return {
      id: `sim/n${card.note}${i > 0 && cards[i - 1]!.note === card.note ? '/reverse' : ''}`,
      queue: studied ? Queue.Review : Queue.New,
      state: studied ? State.Review : State.New,
      stability: card.app?.stability ?? 0,
      ...(studied ? { last_review: card.last } : {}),
      tasks: [card.task]
    }
  })
  const shareSum = tasks.reduce((s, t) => s + t.share, 0)
  const trueShare =
    tasks.reduce((s, t) => {
      const c = byTask.get(t.key)!
      return s + t.share * (c.n === 0 ? GUESS : c.sum / c.n)
    }, 0) / shareSum
  const forecast = forecastReadiness({
    blueprint,
    cards: readinessCards,
    evidence: evidence.slice(-4000),
    examAt,
    w: default_w,
    random,
    draws: 300
  })
  const recall = toRecallEstimate(binomial)
  return {
    truth: trueShare,
    ...forecast.share,
    binomialLow: GUESS + (1 - GUESS) * recall.low,
    binomialHigh: GUESS + (1 - GUESS) * recall.high
  }
}

export interface CoverageFigure {
  cards: number
  learners: number
  /** Share of learners whose true exam-day score lies in the forecast's 90 % range. */
  coverage: number
  /** Mean width of the range, in points of the score (0–100). */
  width: number
  /** Mean |forecast − truth|, points. */
  error: number
  /** The same for the binomial range the exam screen showed before: cards as independent coins. */
  binomialCoverage: number
  binomialWidth: number
  ms: number
}

export function readinessCoverage(cards: number, learners: number, seed = 1): CoverageFigure {
  const t0 = performance.now()
  let inside = 0
  let insideBinomial = 0
  let width = 0
  let binomialWidth = 0
  let error = 0
  for (let l = 0; l < learners; l++) {
    const o = simulateLearner(cards, seed * 100_003 + l)
    if (o.truth >= o.low && o.truth <= o.high) inside++
    if (o.truth >= o.binomialLow && o.truth <= o.binomialHigh) insideBinomial++
    width += o.high - o.low
    binomialWidth += o.binomialHigh - o.binomialLow
    error += Math.abs(o.mean - o.truth)
  }
  return {
    cards,
    learners,
    coverage: inside / learners,
    width: (100 * width) / learners,
    error: (100 * error) / learners,
    binomialCoverage: insideBinomial / learners,
    binomialWidth: (100 * binomialWidth) / learners,
    ms: performance.now() - t0
  }
}
