import { finalPassCandidates, spreadFinalPass, type FinalPassCandidate } from '@core/exam-plan/final-pass'
import { Queue } from '@core/model'
import { studyDaysAhead } from '@core/time/study-day'
import fc from 'fast-check'
import { fsrs, State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { cardRecord, local, plainFsrsCard, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

const DAY = 86_400_000
const examDate = local(2026, 6, 20, 9)
const afterExam = local(2026, 7, 1, 9)
const cards = [
  cardRecord({ id: 'weak', stability: 5, last_review: examDate - 20 * DAY, due: afterExam }),
  cardRecord({ id: 'solid', stability: 100, last_review: examDate - 10 * DAY, due: afterExam }),
  cardRecord({ id: 'middling', stability: 20, last_review: examDate - 30 * DAY, due: local(2026, 6, 20, 5) }), // due on exam day
  cardRecord({ id: 'due-before', stability: 2, last_review: examDate - 30 * DAY, due: local(2026, 6, 15, 9) }),
  cardRecord({ id: 'new', queue: Queue.New, state: State.New, due: examDate }),
  cardRecord({ id: 'suspended', queue: Queue.Suspended, stability: 2, last_review: examDate - 30 * DAY, due: afterExam })
]

describe('final pass', () => {
  it('picks studied cards below target at the exam that no scheduled review will refresh, weakest first', () => {
    const reference = fsrs()
    const r = (id: string) => reference.get_retrievability(plainFsrsCard(cards.find((c) => c.id === id)!), new Date(examDate), false)
    const candidates = finalPassCandidates(cards, examDate, 0.95, { dayStartsAtHour: 4 })
    expect(candidates).toEqual([
      { id: 'weak', retrievability: r('weak'), stability: 5 },
      { id: 'middling', retrievability: r('middling'), stability: 20 }
    ])
    expect(r('weak')).toBeLessThan(r('middling'))
    expect(r('solid')).toBeGreaterThanOrEqual(0.95)
  })

  it('spreads them over the days, the most stable first and the weakest closest to the exam', () => {
    const days = studyDaysAhead(local(2026, 6, 16, 9), 4, 4)
    const candidates: FinalPassCandidate[] = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, retrievability: 0.8, stability: 10 - i }))
    const spread = spreadFinalPass(candidates, days)
    expect(spread.map((a) => a.dayIndex)).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 3, 3])
    expect(spread[0]).toEqual({ id: 'c0', dayIndex: 0, due: local(2026, 6, 16, 4) })
    expect(spread.at(-1)).toEqual({ id: 'c9', dayIndex: 3, due: local(2026, 6, 19, 4) })
    expect(spreadFinalPass(candidates, [])).toEqual([])
  })

  it('never puts more than ⌈total / days⌉ on a day, and assigns every candidate once', () => {
    const days = studyDaysAhead(local(2026, 6, 1, 9), 14, 4)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 14 }), (n, d) => {
        const candidates = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, retrievability: 0.5, stability: (i * 7919) % 101 }))
        const spread = spreadFinalPass(candidates, days.slice(0, d))
        const perDay = new Array<number>(d).fill(0)
        for (const a of spread) perDay[a.dayIndex]!++
        expect(new Set(spread.map((a) => a.id)).size).toBe(n)
        expect(Math.max(0, ...perDay)).toBeLessThanOrEqual(Math.ceil(n / d))
      })
    )
  })
})
