import { Queue } from '@core/model'
import { mulberry32 } from '@core/practice/random'
import { type ReviewEvidence } from '@core/readiness/calibration'
import { binomialAtLeast, forecastReadiness, type ReadinessCard, type ReadinessInput } from '@core/readiness/exam-readiness'
import { taskStatements } from '@shared/exam/task-statements'
import { blueprintOf } from '@shared/exam/blueprints'
import { default_w, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const AIF = blueprintOf('AIF-C01')!
const TASKS = taskStatements(AIF)
const DAY = 86_400_000
const EXAM_AT = Date.UTC(2027, 0, 15, 9)

function newCard(id: string, task: string): ReadinessCard {
  return { id, queue: Queue.New, state: State.New, stability: 0, last_review: undefined, tasks: [task] }
}

/** A card whose FSRS-6 recall on exam day is exactly 0.9: last reviewed its stability in days before. */
function cardAtNinety(id: string, task: string, stabilityDays = 20): ReadinessCard {
  return {
    id,
    queue: Queue.Review,
    state: State.Review,
    stability: stabilityDays,
    last_review: EXAM_AT - stabilityDays * DAY,
    tasks: [task]
  }
}

/** Reviews where FSRS predicted `predicted` and the learner recalled that often. */
function evidenceAt(predicted: number, reviews: number, task?: string): ReviewEvidence[] {
  return Array.from({ length: reviews }, (_, i) => ({
    predicted,
    recalled: i < Math.round(predicted * reviews),
    ...(task ? { task } : {})
  }))
}

function forecast(cards: ReadinessCard[], evidence: ReviewEvidence[], extra: Partial<ReadinessInput> = {}) {
  return forecastReadiness({ blueprint: AIF, cards, evidence, examAt: EXAM_AT, w: default_w, random: mulberry32(5), ...extra })
}

const everyTask = (make: (id: string, task: string) => ReadinessCard, perTask = 10) =>
  TASKS.flatMap((t) => Array.from({ length: perTask }, (_, i) => make(`deck/${t.id}-${i}`, t.key)))

describe('exam readiness on an exam guide', () => {
  it('with nothing studied it is the guessing rate: a quarter right, no chance to pass', () => {
    const r = forecast(everyTask(newCard), [])
    expect(r.share.mean).toBeCloseTo(0.25, 6)
    expect(r.scaled.mean).toBeCloseTo(100 + 900 * 0.25, 4)
    expect(r.passChance).toBeLessThan(1e-6)
    expect(r.tasks.every((t) => t.gap === 'unstudied')).toBe(true)
  })

  it('cards at 90 % recall on exam day, for a learner FSRS predicts well: 0.9 + 0.1 × ¼ right', () => {
    const cards = everyTask((id, task) => cardAtNinety(id, task))
    const evidence = TASKS.flatMap((t) => evidenceAt(0.9, 200, t.key))
    const r = forecast(cards, evidence)
    expect(r.share.mean).toBeCloseTo(0.925, 2)
    expect(r.share.low).toBeLessThan(r.share.mean)
    expect(r.share.high).toBeGreaterThan(r.share.mean)
    // 0.925 of 50 scored questions against 70 % needed (35 of 50): a pass nearly always.
    expect(r.passChance).toBeGreaterThan(0.99)
    expect(r.tasks.filter((t) => t.gap)).toEqual([])
  })

  it('weighs the domains as the guide does: only domain 1 (20 %) known gives 0.2 + 0.8 × ¼', () => {
    const first = AIF.domains[0]!
    const cards = TASKS.flatMap((t) =>
      Array.from({ length: 10 }, (_, i) =>
        t.domain.id === first.id
          ? { ...cardAtNinety(`deck/${t.id}-${i}`, t.key, 3650), last_review: EXAM_AT - DAY }
          : newCard(`deck/${t.id}-${i}`, t.key)
      )
    )
    const evidence = evidenceAt(0.99, 2000)
    const r = forecast(cards, evidence)
    const weight = first.weight / 100
    expect(r.share.mean).toBeCloseTo(weight * 0.99 + (1 - weight) * 0.25, 1)
    expect(r.domains[0]!.mean).toBeGreaterThan(0.95)
    expect(r.domains.slice(1).every((d) => Math.abs(d.mean - 0.25) < 1e-9)).toBe(true)
  })

  it('a task statement without cards counts as guessed and is named; few cards are flagged', () => {
    const [first, second] = TASKS
    const cards = [
      ...Array.from({ length: 10 }, (_, i) => cardAtNinety(`deck/a${i}`, first!.key)),
      ...Array.from({ length: 3 }, (_, i) => cardAtNinety(`deck/b${i}`, second!.key))
    ]
    const r = forecast(cards, evidenceAt(0.9, 100, first!.key))
    const gaps = new Map(r.tasks.map((t) => [t.key, t.gap]))
    expect(gaps.get(first!.key)).toBeUndefined()
    expect(gaps.get(second!.key)).toBe('few-cards')
    expect(TASKS.slice(2).every((t) => gaps.get(t.key) === 'no-cards')).toBe(true)
    expect(r.tasks.find((t) => t.key === TASKS[2]!.key)!.mean).toBe(0.25)
    // Ignores cards that are removed or belong to no task of this guide.
    const more = forecast(
      [...cards, { ...newCard('deck/x', 'MLA-C02 1.1') }, { ...newCard('deck/y', first!.key), queue: Queue.Removed }],
      []
    )
    expect(more.tasks[0]!.cards).toBe(10)
  })

  it('the range narrows as the user’s own reviews add up', () => {
    const cards = TASKS.flatMap((t) =>
      Array.from({ length: 20 }, (_, i) => ({
        ...cardAtNinety(`deck/${t.id}-${i}`, t.key, 10 + i * 5),
        last_review: EXAM_AT - (i + 1) * 4 * DAY
      }))
    )
    const spread = (reviews: number) => {
      const random = mulberry32(9)
      const evidence = Array.from({ length: reviews }, () => {
        const predicted = 0.5 + 0.49 * random()
        return { predicted, recalled: random() < predicted, task: TASKS[Math.floor(random() * TASKS.length)]!.key }
      })
      const r = forecast(cards, evidence, { draws: 1000 })
      return r.share.high - r.share.low
    }
    expect(spread(20_000)).toBeLessThan(spread(100) / 2)
  })

  it('a note known both ways counts once: two directions of one note widen the range over two notes', () => {
    const task = TASKS[0]!.key
    const evidence = evidenceAt(0.9, 5000, task)
    const paired = Array.from({ length: 20 }, (_, i) => cardAtNinety(i % 2 ? `deck/n${i >> 1}/reverse` : `deck/n${i >> 1}`, task))
    const separate = Array.from({ length: 20 }, (_, i) => cardAtNinety(`deck/n${i}`, task))
    const width = (cards: ReadinessCard[]) => {
      const t = forecast(cards, evidence, { draws: 4000 }).tasks[0]!
      return t.high - t.low
    }
    expect(width(paired)).toBeGreaterThan(width(separate) * 1.2)
  })
})

describe('chance of passing one sitting', () => {
  it('is the binomial tail, computed exactly', () => {
    expect(binomialAtLeast(4, 0.25, 1)).toBeCloseTo(1 - 0.75 ** 4, 12)
    expect(binomialAtLeast(3, 0.5, 2)).toBeCloseTo(0.5, 12)
    // 35 of 50 at 70 %: C(50,k) 0.7^k 0.3^(50−k) summed by hand below.
    let tail = 0
    let c = 1
    for (let k = 0; k <= 50; k++) {
      if (k >= 35) tail += c * 0.7 ** k * 0.3 ** (50 - k)
      c = (c * (50 - k)) / (k + 1)
    }
    expect(binomialAtLeast(50, 0.7, 35)).toBeCloseTo(tail, 10)
    expect(binomialAtLeast(50, 0.7, 0)).toBe(1)
    expect(binomialAtLeast(50, 0.7, 51)).toBe(0)
  })
})
