import { afterGrade, countQueue, LEARN_AHEAD_MS, pickNext, withoutCards, type TodayQueue } from '@core/scheduling/queue'
import { State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const now = 1_000_000_000
const dayEnd = now + 10 * 3_600_000
const entry = (id: string, due: number, ord = 0) => ({ id, due, ord })

describe('pickNext', () => {
  const queue: TodayQueue = {
    learning: [entry('l1', now - 1), entry('l2', now + 5 * 60_000)],
    review: [entry('r1', now - 100)],
    fresh: [entry('n1', now, 0)]
  }

  it('shows a due learning card first, then reviews, then new cards', () => {
    expect(pickNext(queue, now)).toEqual({ kind: 'card', id: 'l1', from: 'learning' })
    const q2 = { ...queue, learning: queue.learning.slice(1) }
    expect(pickNext(q2, now)).toEqual({ kind: 'card', id: 'r1', from: 'review' })
    expect(pickNext({ ...q2, review: [] }, now)).toEqual({ kind: 'card', id: 'n1', from: 'fresh' })
  })

  it('learns ahead when nothing else is left, and otherwise waits for the next learning card', () => {
    const onlyLearning: TodayQueue = { learning: [entry('l2', now + 5 * 60_000)], review: [], fresh: [] }
    expect(pickNext(onlyLearning, now)).toMatchObject({ kind: 'card', id: 'l2' })
    const later = now + LEARN_AHEAD_MS + 60_000
    expect(pickNext({ ...onlyLearning, learning: [entry('l3', later)] }, now)).toEqual({ kind: 'wait', until: later })
    expect(pickNext({ learning: [], review: [], fresh: [] }, now)).toEqual({ kind: 'done' })
  })
})

describe('afterGrade', () => {
  const queue: TodayQueue = { learning: [entry('l1', now + 60_000)], review: [entry('r1', now)], fresh: [entry('n1', now, 3)] }

  it('brings a card still learning back at its due time', () => {
    const q = afterGrade(queue, 'n1', { due: now + 30_000, state: State.Learning }, 3, dayEnd)
    expect(q.fresh).toEqual([])
    expect(q.learning.map((e) => e.id)).toEqual(['n1', 'l1'])
    expect(countQueue(q)).toEqual({ fresh: 0, learning: 2, review: 1 })
  })

  it('drops a card that graduated, or whose next step falls after the day ends', () => {
    expect(afterGrade(queue, 'r1', { due: now + 86_400_000, state: State.Review }, 0, dayEnd).review).toEqual([])
    expect(afterGrade(queue, 'l1', { due: dayEnd + 1, state: State.Learning }, 0, dayEnd).learning).toEqual([])
  })
})

describe('study order option', () => {
  it('shows new cards before reviews when asked to', () => {
    const queue: TodayQueue = { learning: [], review: [entry('r1', now - 100)], fresh: [entry('n1', now, 0)] }
    expect(pickNext(queue, now, 'reviews-first')).toMatchObject({ id: 'r1' })
    expect(pickNext(queue, now, 'new-first')).toMatchObject({ id: 'n1' })
  })
})

describe('no immediate repeat', () => {
  const minutes = (n: number) => now + n * 60_000

  it('does not show the card just answered while another due learning card, a review or a new card is waiting', () => {
    const learning = [entry('x', now - 1), entry('l1', now - 1)]
    expect(pickNext({ learning, review: [], fresh: [] }, now, 'reviews-first', ['x'])).toMatchObject({ id: 'l1' })
    const onlyX = [entry('x', now - 1)]
    expect(pickNext({ learning: onlyX, review: [entry('r1', now)], fresh: [] }, now, 'reviews-first', ['x'])).toMatchObject({ id: 'r1' })
    expect(pickNext({ learning: onlyX, review: [], fresh: [entry('n1', now)] }, now, 'reviews-first', ['x'])).toMatchObject({ id: 'n1' })
    // Without `avoid`, the due learning card comes first, as before.
    expect(pickNext({ learning: onlyX, review: [entry('r1', now)], fresh: [] }, now)).toMatchObject({ id: 'x' })
  })

  it('shows another learning card within the learn-ahead limit before the card just answered', () => {
    const queue: TodayQueue = { learning: [entry('x', minutes(1)), entry('l1', minutes(10))], review: [], fresh: [] }
    expect(pickNext(queue, now)).toMatchObject({ id: 'x' })
    expect(pickNext(queue, now, 'reviews-first', ['x'])).toMatchObject({ kind: 'card', id: 'l1', from: 'learning' })
  })

  it('lets the card just answered come back when no other card could be shown now', () => {
    const alone: TodayQueue = { learning: [entry('x', minutes(1))], review: [], fresh: [] }
    expect(pickNext(alone, now, 'reviews-first', ['x'])).toEqual({ kind: 'card', id: 'x', from: 'learning' })
    // The other learning card is beyond learn-ahead: it could not be shown now.
    const far = minutes(LEARN_AHEAD_MS / 60_000 + 5)
    const queue: TodayQueue = { learning: [entry('x', now - 1), entry('l1', far)], review: [], fresh: [] }
    expect(pickNext(queue, now, 'reviews-first', ['x'])).toMatchObject({ id: 'x' })
    // Both beyond learn-ahead: wait for the first, as before.
    const later: TodayQueue = { learning: [entry('x', far), entry('l1', far + 60_000)], review: [], fresh: [] }
    expect(pickNext(later, now, 'reviews-first', ['x'])).toEqual({ kind: 'wait', until: far })
  })

  it('with several cards to avoid, lets the one answered longest ago back first', () => {
    const queue: TodayQueue = { learning: [entry('b', now - 2), entry('a', now - 1)], review: [], fresh: [] }
    expect(pickNext(queue, now, 'reviews-first', ['a', 'b'])).toMatchObject({ id: 'a' })
    expect(pickNext(queue, now, 'reviews-first', ['b', 'a'])).toMatchObject({ id: 'b' })
    expect(pickNext({ ...queue, fresh: [entry('n1', now)] }, now, 'reviews-first', ['a', 'b'])).toMatchObject({ id: 'n1' })
  })
})

describe('withoutCards', () => {
  it('drops cards from every list, and leaves the queue as it is when there are none', () => {
    const queue: TodayQueue = { learning: [entry('l1', now)], review: [entry('r1', now)], fresh: [entry('n1', now), entry('n2', now)] }
    expect(withoutCards(queue, [])).toBe(queue)
    expect(withoutCards(queue, ['l1', 'n2'])).toEqual({ learning: [], review: [entry('r1', now)], fresh: [entry('n1', now)] })
  })
})
