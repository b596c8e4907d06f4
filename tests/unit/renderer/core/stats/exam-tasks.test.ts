import { Queue, type StatsCard } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { buildExamTaskStats, createExamTasksAccumulator } from '@core/stats/exam-tasks'
import { default_w, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 5, 12)

/** A reviewed card whose FSRS-6 recall now is 0.9 exactly: last seen its stability in days ago. */
const atNinety = (tasks: string[], stability: number): StatsCard => ({
  deckId: 'd',
  queue: Queue.Review,
  state: State.Review,
  due: NOW,
  stability,
  difficulty: 5,
  scheduled_days: stability,
  last_review: NOW - stability * DAY,
  tasks
})

describe('statistics by exam domain and task statement', () => {
  it('counts each task statement’s cards, the share studied and their mean recall now, by the guide’s domains', () => {
    const cards: StatsCard[] = [
      atNinety(['AIF-C01 1.1'], 10),
      atNinety(['AIF-C01 1.1'], 5),
      { ...atNinety(['AIF-C01 1.1', 'MLA-C02 2.1'], 20), last_review: NOW }, // just reviewed: recall 1
      { ...atNinety(['AIF-C01 1.2'], 3), state: State.New, queue: Queue.New, last_review: undefined },
      { ...atNinety(['AIF-C01 1.3'], 3), queue: Queue.Removed },
      { ...atNinety([], 3) }
    ]
    const exams = buildExamTaskStats(gather(createExamTasksAccumulator({ now: NOW, weights: () => default_w }), cards))
    expect(exams.map((e) => e.exam)).toEqual(['AIF-C01', 'MLA-C02']) // MLA-C01: no card names it
    const aif = exams[0]!
    const task11 = aif.tasks.find((t) => t.key === '1.1')!
    expect(task11).toMatchObject({ cards: 3, studied: 3 })
    expect(task11.recall).toBeCloseTo((0.9 + 0.9 + 1) / 3, 6)
    expect(aif.tasks.find((t) => t.key === '1.2')).toEqual({ key: '1.2', title: expect.any(String), weight: 0.2 / 3, cards: 1, studied: 0 })
    expect(aif.tasks.find((t) => t.key === '1.3')).toMatchObject({ cards: 0, studied: 0 })
    const domain1 = aif.domains[0]!
    expect(domain1).toMatchObject({ key: '1', weight: 20, cards: 4, studied: 3 })
    expect(domain1.recall).toBeCloseTo(0.9333333, 6)
    expect(aif.domains.slice(1).every((d) => d.cards === 0)).toBe(true)
    expect(exams[1]!.tasks.find((t) => t.key === '2.1')).toMatchObject({ cards: 1, studied: 1, recall: 1 })
  })
})
