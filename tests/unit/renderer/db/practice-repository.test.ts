import { Queue, type MockExamResult } from '@core/model'
import { mergeDeck } from '@db/deck-repository'
import { loadChoicePool, recentMockExams, saveMockExamResult, sendToRelearning } from '@db/practice-repository'
import { State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const now = new Date(2026, 5, 1, 9, 0).getTime()

async function twoDecks() {
  const db = freshDatabase()
  await mergeDeck(db, makeDeck('a', makeCards(3, true)), now)
  await mergeDeck(db, makeDeck('b', makeCards(2)), now)
  return db
}

describe('practice repository', () => {
  it('reads the choice pool of the asked decks only, both directions, without scheduling fields', async () => {
    const db = await twoDecks()
    const pool = await loadChoicePool(db, ['a'])
    expect(pool.map((c) => c.id).sort()).toEqual(['a/c1', 'a/c1/reverse', 'a/c2', 'a/c2/reverse', 'a/c3', 'a/c3/reverse'])
    expect(pool.find((c) => c.id === 'a/c2/reverse')).toEqual({
      id: 'a/c2/reverse',
      deckId: 'a',
      cardId: 'c2',
      reverse: true,
      question: 'Answer 2',
      answer: 'Question 2',
      tags: ['t'],
      queue: Queue.New
    })
    expect(await loadChoicePool(db, [])).toEqual([])
    expect(await loadChoicePool(db, ['a', 'b'])).toHaveLength(8)
  })

  it('sends cards to relearning all together or not at all', async () => {
    const db = await twoDecks()
    const keys = ['a/c1', 'a/c2']
    for (const key of keys)
      await db.cards.update(key, { state: State.Review, queue: Queue.Review, due: now + 9e8, stability: 12, difficulty: 4, reps: 2 })
    const before = await db.cards.bulkGet(keys)
    let rows = 0
    const failSecond = () => {
      if (++rows === 2) throw new Error('disk full')
    }
    db.reviews.hook('creating', failSecond)
    await expect(sendToRelearning(db, keys, now)).rejects.toThrow()
    expect(await db.cards.bulkGet(keys)).toEqual(before)
    expect(await db.reviews.count()).toBe(0)

    db.reviews.hook('creating').unsubscribe(failSecond)
    const result = await sendToRelearning(db, [...keys, 'a/c3', 'gone/c9'], now)
    expect({ relearning: result.relearning, leftAlone: result.leftAlone }).toEqual({ relearning: 2, leftAlone: 2 })
    expect(result.undo.before).toEqual(before)
    expect(result.undo.addedLogIds).toHaveLength(2)
  })

  it('keeps a learning card in learning, due now, and leaves suspended cards alone', async () => {
    const db = await twoDecks()
    await db.cards.update('b/c1', {
      state: State.Learning,
      queue: Queue.Learning,
      due: now + 600_000,
      stability: 2,
      difficulty: 5,
      reps: 1,
      learning_steps: 1
    })
    await db.cards.update('b/c2', { state: State.Review, queue: Queue.Suspended, due: now + 9e8, stability: 12, difficulty: 4, reps: 2 })
    const result = await sendToRelearning(db, ['b/c1', 'b/c2'], now)
    expect(result.relearning).toBe(1)
    expect(await db.cards.get('b/c1')).toMatchObject({ state: State.Learning, queue: Queue.Learning, due: now, learning_steps: 1 })
    expect(await db.cards.get('b/c2')).toMatchObject({ state: State.Review, queue: Queue.Suspended, due: now + 9e8 })
  })

  it('returns the latest simulations, oldest first', async () => {
    const db = freshDatabase()
    const record = (i: number): MockExamResult => ({
      id: `sim-${i}`,
      startedAt: now + i * 1000,
      finishedAt: now + i * 1000 + 500,
      finishedBy: 'user',
      deckIds: ['a'],
      total: 10,
      correct: i,
      score: i * 10,
      passMarkPercent: 72,
      passed: i >= 8,
      missedCardKeys: []
    })
    for (const i of [3, 1, 4, 0, 2]) await saveMockExamResult(db, record(i))
    expect((await recentMockExams(db, 3)).map((r) => r.id)).toEqual(['sim-2', 'sim-3', 'sim-4'])
    expect((await recentMockExams(db)).map((r) => r.id)).toEqual(['sim-0', 'sim-1', 'sim-2', 'sim-3', 'sim-4'])
  })
})
