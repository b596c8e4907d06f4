import { noteKeyOfCardKey, Queue, type CardRecord } from '@core/model'
import { randomNormal, type Random } from '@core/practice/random'
import { typicalGuessFloor } from '@core/questions/question'
import { calibrate, logit, sigmoid, type Calibration, type ReviewEvidence } from '@core/readiness/calibration'
import { retrievabilityAt } from '@core/stats/retrievability'
import type { Blueprint } from '@shared/exam/blueprint'
import { taskStatements } from '@shared/exam/task-statements'
import { State } from 'ts-fsrs'

/**
 * Exam-day readiness on an exam guide: the score the exam would give, as the guide weighs it.
 *
 * Each task statement's questions are answered right with the chance its cards give: a studied
 * card's recall on exam day (FSRS), corrected by the user's own calibration, plus the guessing
 * floor of its format for what is not recalled; a card never studied is only the floor; a task
 * statement with no card at all is only guessed (one of four). The exam's score is those chances
 * weighted by the guide (a domain's weight split evenly over its task statements).
 *
 * The 90 % range is honest about what is not known, by drawing many possible learners that fit
 * the evidence: the calibration's slope and offset (how far the FSRS weights in use are off for
 * this user: wide with few reviews, narrow with many), an offset for each task statement (wide
 * where its cards have few reviews), and the spread of the notes of a task statement around it,
 * shared by a note's two directions (a note known is known both ways). `npm run bench` checks the
 * range against simulated learners whose memory is known.
 */

/** A card's part in the forecast: the note it belongs to (`deckId/noteId`) and its memory state. */
export type ReadinessCard = Pick<CardRecord, 'id' | 'queue' | 'state' | 'stability' | 'last_review' | 'tasks' | 'noteType'>

export interface ReadinessInput {
  blueprint: Blueprint
  cards: readonly ReadinessCard[]
  evidence: readonly ReviewEvidence[]
  examAt: number
  /** The FSRS weights the cards are scheduled with. */
  w: readonly number[]
  random: Random
  draws?: number
}

interface Range {
  mean: number
  low: number
  high: number
}

export interface TaskReadiness extends Range {
  key: string
  title: string
  domain: string
  /** The task statement's share of the exam (0–1). */
  share: number
  cards: number
  studied: number
  /** Reviews of its cards among the evidence. */
  reviews: number
  /** What holds it back, if anything: no cards, too few, or too little study. */
  gap?: 'no-cards' | 'few-cards' | 'unstudied' | 'little-study'
}

export interface ExamReadiness {
  exam: string
  /** Share of the exam answered right, 0–1. */
  share: Range
  /** On the exam's scale (100–1000), a straight line from the share right. */
  scaled: Range
  passingScore: number
  /** How the exam is sat, as its guide says (with whether the figures were confirmed on an AWS page). */
  delivery: Blueprint['delivery']
  /** Chance that a sitting of the exam passes: the range above, and the luck of which questions come. */
  passChance: number
  tasks: TaskReadiness[]
  domains: Array<Range & { id: string; name: string; weight: number }>
  calibration: Calibration
}

/** Spread of task statements around the calibrated curve, and of notes around their task (logit). */
const TASK_SD = 0.45
const NOTE_SD = 0.7
/** Fewer cards than this, or fewer reviews, and a task statement is flagged. */
const FEW_CARDS = 8
const LITTLE_STUDY = 20

/** Logit grid the cards are binned on: every draw then costs bins, not cards. */
const GRID_LOW = -9
const GRID_STEP = 0.25
const GRID_BINS = 73

interface TaskBins {
  /** Σ (1 − floor) per logit bin of the studied cards. */
  weight: Float64Array
  /** Σ floor over every card (studied or not). */
  floors: number
  cards: number
  studied: number
  /** Variance of the task's mean from its notes' spread, at the posterior mean. */
  noteVariance: number
}

export function forecastReadiness(input: ReadinessInput): ExamReadiness {
  const { blueprint, random } = input
  const draws = input.draws ?? 400
  const tasks = taskStatements(blueprint)
  const taskIndex = new Map(tasks.map((t, i) => [t.key, i]))
  const calibration = calibrate(input.evidence)
  const bins: TaskBins[] = tasks.map(() => ({ weight: new Float64Array(GRID_BINS), floors: 0, cards: 0, studied: 0, noteVariance: 0 }))
  const reviews = new Array<number>(tasks.length).fill(0)
  const taskEvidence = tasks.map(() => ({ sumResidual: 0, sumWeight: 0 }))

  // Cards to bins, and each note's weight in its task's mean (for the note spread).
  const noteSlope = tasks.map(() => new Map<string, number>())
  for (const card of input.cards) {
    if (card.queue === Queue.Removed) continue
    const t = card.tasks?.find((k) => taskIndex.has(k))
    if (t === undefined) continue
    const i = taskIndex.get(t)!
    const bin = bins[i]!
    const floor = typicalGuessFloor(card.noteType)
    bin.cards++
    bin.floors += floor
    if (card.state === State.New || card.last_review === undefined) continue
    bin.studied++
    const r = Math.min(1 - 1e-6, Math.max(1e-6, retrievabilityAt(card, input.examAt, input.w)))
    const x = logit(r)
    const k = Math.min(GRID_BINS - 1, Math.max(0, Math.round((x - GRID_LOW) / GRID_STEP)))
    bin.weight[k]! += 1 - floor
    const p = sigmoid(calibration.a * x + calibration.b)
    const note = noteKeyOfCardKey(card.id)
    const slopes = noteSlope[i]!
    slopes.set(note, (slopes.get(note) ?? 0) + (1 - floor) * p * (1 - p))
  }
  bins.forEach((bin, i) => {
    let sum = 0
    for (const s of noteSlope[i]!.values()) sum += s * s
    bin.noteVariance = bin.cards === 0 ? 0 : (NOTE_SD * NOTE_SD * sum) / (bin.cards * bin.cards)
  })

  // Each task statement's offset, from its cards' reviews at the calibrated curve.
  for (const e of input.evidence) {
    const i = e.task === undefined ? undefined : taskIndex.get(e.task)
    if (i === undefined) continue
    reviews[i]!++
    const p = sigmoid(calibration.a * logit(Math.min(1 - 1e-6, Math.max(1e-6, e.predicted))) + calibration.b)
    taskEvidence[i]!.sumResidual += (e.recalled ? 1 : 0) - p
    taskEvidence[i]!.sumWeight += p * (1 - p)
  }
  const taskOffset = taskEvidence.map(({ sumResidual, sumWeight }) => {
    const precision = sumWeight + 1 / (TASK_SD * TASK_SD)
    return { mean: sumResidual / precision, sd: Math.sqrt(1 / precision) }
  })

  const chol = cholesky2(calibration.cov)
  const perTask = tasks.map(() => new Float64Array(draws))
  const total = new Float64Array(draws)
  const shareSum = tasks.reduce((s, t) => s + t.share, 0)
  for (let d = 0; d < draws; d++) {
    const z1 = randomNormal(random)
    const z2 = randomNormal(random)
    const a = calibration.a + chol[0] * z1
    const b = calibration.b + chol[1] * z1 + chol[2] * z2
    let score = 0
    for (let i = 0; i < tasks.length; i++) {
      const bin = bins[i]!
      let p: number
      if (bin.cards === 0) p = typicalGuessFloor(undefined)
      else {
        const u = taskOffset[i]!.mean + taskOffset[i]!.sd * randomNormal(random)
        let sum = bin.floors
        for (let k = 0; k < GRID_BINS; k++) {
          const weight = bin.weight[k]!
          if (weight === 0) continue
          sum += weight * sigmoid(a * (GRID_LOW + k * GRID_STEP) + b + u)
        }
        p = sum / bin.cards + Math.sqrt(bin.noteVariance) * randomNormal(random)
        p = Math.min(1, Math.max(0, p))
      }
      perTask[i]![d] = p
      score += tasks[i]!.share * p
    }
    total[d] = score / shareSum
  }

  const [low, high] = blueprint.delivery.scoreRange
  const share = rangeOf(total)
  const scaled = (x: number) => low + (high - low) * x
  const { scored, passingScore } = blueprint.delivery
  const needed = (passingScore - low) / (high - low)
  let passChance = 0
  for (const p of total) passChance += binomialAtLeast(scored, p, Math.ceil(needed * scored - 1e-9))
  passChance /= draws

  const taskRows: TaskReadiness[] = tasks.map((t, i) => {
    const bin = bins[i]!
    const gap: TaskReadiness['gap'] =
      bin.cards === 0
        ? 'no-cards'
        : bin.cards < FEW_CARDS
          ? 'few-cards'
          : bin.studied === 0
            ? 'unstudied'
            : reviews[i]! < LITTLE_STUDY || bin.studied < bin.cards / 2
              ? 'little-study'
              : undefined
    return {
      key: t.key,
      title: t.title,
      domain: t.domain.id,
      share: t.share,
      cards: bin.cards,
      studied: bin.studied,
      reviews: reviews[i]!,
      ...rangeOf(perTask[i]!),
      ...(gap ? { gap } : {})
    }
  })
  const domains = blueprint.domains.map((domain) => {
    const members = tasks.flatMap((t, i) => (t.domain.id === domain.id ? [i] : []))
    const values = new Float64Array(draws)
    for (let d = 0; d < draws; d++) {
      let sum = 0
      for (const i of members) sum += perTask[i]![d]!
      values[d] = sum / members.length
    }
    return { id: domain.id, name: domain.name, weight: domain.weight, ...rangeOf(values) }
  })
  return {
    exam: blueprint.exam,
    share,
    scaled: { mean: scaled(share.mean), low: scaled(share.low), high: scaled(share.high) },
    passingScore,
    delivery: blueprint.delivery,
    passChance,
    tasks: taskRows,
    domains,
    calibration
  }
}

/** Mean and the 5th and 95th percentiles. */
function rangeOf(values: Float64Array): Range {
  const sorted = Float64Array.from(values).sort()
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!
  let sum = 0
  for (const v of values) sum += v
  return { mean: sum / values.length, low: at(0.05), high: at(0.95) }
}

/** Lower-triangular factor of a 2×2 covariance [aa, ab, bb]: [l11, l21, l22]. */
function cholesky2([aa, ab, bb]: [number, number, number]): [number, number, number] {
  const l11 = Math.sqrt(aa)
  const l21 = ab / l11
  return [l11, l21, Math.sqrt(Math.max(0, bb - l21 * l21))]
}

/** P(X ≥ k) for X ~ Binomial(n, p), exactly (n is an exam's few dozen questions). */
export function binomialAtLeast(n: number, p: number, k: number): number {
  if (k <= 0) return 1
  if (k > n) return 0
  if (p <= 0) return 0
  if (p >= 1) return 1
  let term = Math.pow(1 - p, n)
  let cdf = 0
  for (let i = 0; i < k; i++) {
    cdf += term
    term *= ((n - i) / (i + 1)) * (p / (1 - p))
  }
  return Math.max(0, Math.min(1, 1 - cdf))
}
