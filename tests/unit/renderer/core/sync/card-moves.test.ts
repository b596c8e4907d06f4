import { reviewsOfCard } from '@core/sync/merged-collection'
import { applyChanges, cardKeyOf, emptySyncState } from '@core/sync/sync-state'
import type { ReviewChange, SyncChange } from '@shared/sync/changes'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const DEVICE = 'aaaaaaaaaaaaaaaa'
const stamp = (wall: number, device = DEVICE) => `${String(wall).padStart(15, '0')}-00000000-${device}`
const move = (wall: number, card: string, to: string): SyncChange => ({ k: 'move', at: stamp(wall), card, to })
const review = (wall: number, card: string): ReviewChange => ({
  k: 'review',
  at: stamp(wall),
  id: `${DEVICE}-r${wall}`,
  card,
  deck: card.split('/')[0]!,
  rating: 3,
  review: wall,
  duration: 1_000,
  before: 'new',
  log: { state: 0, due: wall, stability: 0, difficulty: 0, elapsed_days: 0, last_elapsed_days: 0, scheduled_days: 0, learning_steps: 0 },
  after: { due: wall, stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 0, learning_steps: 1, reps: 1, lapses: 0, state: 1 }
})

function stateOf(changes: SyncChange[]) {
  const state = emptySyncState()
  applyChanges(state, changes)
  return state
}

describe('cards moved between decks', () => {
  it('a key follows its moves in time: away and back ends home, and a later move of home leaves again', () => {
    const state = stateOf([move(10, 'aws/c1', 'ml/c1'), move(20, 'ml/c1', 'aws/c1'), review(5, 'aws/c1'), review(15, 'ml/c1')])
    expect(cardKeyOf(state, 'aws/c1')).toBe('aws/c1')
    expect(cardKeyOf(state, 'ml/c1')).toBe('aws/c1')
    expect(reviewsOfCard(state, 'aws/c1').map((r) => r.review)).toEqual([5, 15])
    expect(reviewsOfCard(state, 'ml/c1')).toEqual([])

    applyChanges(state, [move(30, 'aws/c1', 'exam/c1')])
    expect(['aws/c1', 'ml/c1', 'exam/c1'].map((key) => cardKeyOf(state, key))).toEqual(['exam/c1', 'exam/c1', 'exam/c1'])
  })

  it('a key another card was moved into after its own card left holds the card that arrived; each review counts for the card at its key when it was given', () => {
    // X leaves ml/c1 for aws/c9; then Z moves from aws/c1 into ml/c1 (the id was free again).
    const state = stateOf([
      review(5, 'ml/c1'),
      move(10, 'ml/c1', 'aws/c9'),
      review(12, 'aws/c1'),
      move(20, 'aws/c1', 'ml/c1'),
      review(25, 'ml/c1')
    ])
    expect(cardKeyOf(state, 'ml/c1')).toBe('ml/c1')
    expect(cardKeyOf(state, 'aws/c1')).toBe('ml/c1')
    expect(reviewsOfCard(state, 'aws/c9').map((r) => r.review)).toEqual([5])
    expect(
      reviewsOfCard(state, 'ml/c1')
        .map((r) => r.review)
        .sort()
    ).toEqual([12, 25])
    // Z leaves again: its reviews go with it, X's stay with X.
    applyChanges(state, [move(30, 'ml/c1', 'exam/c1')])
    expect(cardKeyOf(state, 'ml/c1')).toBe('exam/c1')
    expect(
      reviewsOfCard(state, 'exam/c1')
        .map((r) => r.review)
        .sort()
    ).toEqual([12, 25])
    expect(reviewsOfCard(state, 'aws/c9').map((r) => r.review)).toEqual([5])
  })

  it('a move into a key another card left reports both cards as touched, in either order of arrival', () => {
    const changes = [review(5, 'ml/c1'), move(10, 'ml/c1', 'aws/c9'), review(12, 'aws/c1'), move(20, 'aws/c1', 'ml/c1')]
    const a = stateOf(changes.slice(0, 3))
    const touched = applyChanges(a, [changes[3]!])
    expect([...touched.cards]).toEqual(expect.arrayContaining(['ml/c1', 'aws/c9']))
    const b = stateOf([...changes].reverse())
    for (const state of [a, b]) {
      expect(reviewsOfCard(state, 'aws/c9').map((r) => r.review)).toEqual([5])
      expect(reviewsOfCard(state, 'ml/c1').map((r) => r.review)).toEqual([12])
    }
  })

  it('two machines moving one card to different decks: the later move wins everywhere', () => {
    const a = stateOf([review(1, 'aws/c1'), move(10, 'aws/c1', 'ml/c1'), move(11, 'aws/c1', 'exam/c1')])
    const b = stateOf([move(11, 'aws/c1', 'exam/c1'), move(10, 'aws/c1', 'ml/c1'), review(1, 'aws/c1')])
    for (const state of [a, b]) {
      expect(cardKeyOf(state, 'aws/c1')).toBe('exam/c1')
      expect(reviewsOfCard(state, 'exam/c1')).toHaveLength(1)
      expect(reviewsOfCard(state, 'ml/c1')).toHaveLength(0)
    }
  })

  it('applying a move reports the cards whose history changed, so the collection side replays both', () => {
    const state = stateOf([review(1, 'aws/c1')])
    const touched = applyChanges(state, [move(10, 'aws/c1', 'ml/c1')])
    expect([...touched.cards].sort()).toEqual(['aws/c1', 'ml/c1'])
  })

  it('any order of the same moves and reviews, with duplicates, puts every review on the same card', () => {
    const keys = ['a/1', 'b/1', 'c/1', 'a/2']
    const changeArb = fc.oneof(
      fc
        .record({ wall: fc.integer({ min: 1, max: 50 }), from: fc.constantFrom(...keys), to: fc.constantFrom(...keys) })
        .map(({ wall, from, to }) => (from === to ? review(wall, from) : move(wall, from, to))),
      fc.record({ wall: fc.integer({ min: 1, max: 50 }), card: fc.constantFrom(...keys) }).map(({ wall, card }) => review(wall, card))
    )
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 25 }), fc.integer(), (changes, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(changes, { minLength: changes.length }), { seed, numRuns: 1 })[0]!
        const one = stateOf(changes)
        const other = stateOf([...shuffled, ...changes.slice(0, 3)])
        const owner = (state: ReturnType<typeof stateOf>) => keys.map((key) => cardKeyOf(state, key))
        expect(owner(other)).toEqual(owner(one))
        // Every review counts for exactly one card.
        const counted = keys.flatMap((key) => reviewsOfCard(one, key).map((r) => r.id))
        expect(counted.sort()).toEqual([...new Set(changes.filter((c) => c.k === 'review').map((c) => c.id))].sort())
      }),
      { numRuns: 300 }
    )
  })
})
