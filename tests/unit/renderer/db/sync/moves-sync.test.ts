import { deleteCards, moveCards } from '@db/card-authoring'
import type { RecallDatabase } from '@db/database'
import { syncNow } from '@db/sync/sync-engine'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { MemoryFolder } from './memory-folder'
import { collectionOf, grade, linkedPair } from './sync-helpers'

const DAY = 86_400_000

async function syncAll(folder: MemoryFolder, ...dbs: RecallDatabase[]) {
  for (const db of [...dbs, ...dbs]) expect((await syncNow(db, folder)).ok).toBe(true)
}

describe('cards moved between decks while linked', () => {
  it('a studied card moved on one machine keeps its progress and history on the other', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 3, ml: 1 })
    await grade(laptop, 'aws/c1', Rating.Good, t)
    await grade(laptop, 'aws/c1', Rating.Good, t + 3 * DAY)
    await syncAll(folder, laptop, desktop)
    const studied = (await desktop.cards.get('aws/c1'))!
    expect(studied.reps).toBe(2)

    const moved = await moveCards(laptop, ['aws/c1'], 'ml')
    expect(moved.ok).toBe(true)
    const to = moved.ok ? moved.added[0]! : ''
    await syncAll(folder, laptop, desktop)

    expect(await desktop.cards.get('aws/c1')).toBeUndefined()
    const there = (await desktop.cards.get(to))!
    expect(there).toMatchObject({ deckId: 'ml', reps: 2, stability: studied.stability, due: studied.due })
    expect((await desktop.reviews.toArray()).map((r) => [r.cardKey, r.deckId])).toEqual([
      [to, 'ml'],
      [to, 'ml']
    ])
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
  })

  it('a grade given offline under the old key on the other machine counts once, for the moved card, on both', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 3, ml: 1 })
    await grade(laptop, 'aws/c2', Rating.Good, t)
    await syncAll(folder, laptop, desktop)
    // The laptop moves the card; the desktop, not synced yet, studies it under its old key.
    const moved = await moveCards(laptop, ['aws/c2'], 'ml')
    const to = moved.ok ? moved.added[0]! : ''
    await grade(desktop, 'aws/c2', Rating.Again, t + 2 * DAY)
    await syncAll(folder, laptop, desktop)

    const a = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(a)
    expect(a.reviews.filter((r) => r.startsWith(`${to} `))).toHaveLength(2)
    expect(a.reviews.some((r) => r.startsWith('aws/c2 '))).toBe(false)
    // Good, then Again: the Again sends the learning card back to its first step.
    expect(a.cards.find((c) => c.id === to)).toMatchObject({ reps: 2, state: State.Learning, learning_steps: 0 })
  })

  it('a card moved away and back ends where it was, with all its history, on both', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 3, ml: 1 })
    await grade(laptop, 'aws/c3', Rating.Good, t)
    const there = await moveCards(laptop, ['aws/c3'], 'ml')
    const away = there.ok ? there.added[0]! : ''
    await syncAll(folder, laptop, desktop)
    await grade(desktop, away, Rating.Hard, t + DAY)
    const back = await moveCards(desktop, [away], 'aws')
    const home = back.ok ? back.added[0]! : ''
    await syncAll(folder, desktop, laptop)

    const a = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(a)
    expect(a.cards.filter((c) => c.reps > 0).map((c) => [c.id, c.reps])).toEqual([[home, 2]])
    expect(a.reviews.every((r) => r.startsWith(`${home} `))).toBe(true)
  })

  it('cards deleted on one machine are deleted with their history on the other', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 3, ml: 1 })
    await grade(laptop, 'aws/c1', Rating.Good, t)
    await grade(desktop, 'aws/c2', Rating.Good, t)
    await syncAll(folder, laptop, desktop)
    expect(await desktop.reviews.count()).toBe(2)
    expect((await deleteCards(desktop, ['aws/c1'])).ok).toBe(true)
    await syncAll(folder, desktop, laptop)
    const a = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(a)
    expect(a.cards.map((c) => c.id)).not.toContain('aws/c1')
    expect(a.reviews).toHaveLength(1)
  })

  it('a card moved into the id another card left is kept on the other machine, each with its own history', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 2, ml: 2 })
    await grade(laptop, 'ml/c1', Rating.Good, t)
    await grade(laptop, 'aws/c1', Rating.Again, t)
    await syncAll(folder, laptop, desktop)
    const left = await moveCards(laptop, ['ml/c1'], 'aws')
    const x = left.ok ? left.added[0]! : ''
    // ml/c1 is free again: aws/c1 moves in under that id.
    const arrived = await moveCards(laptop, ['aws/c1'], 'ml')
    expect(arrived.ok && arrived.added).toEqual(['ml/c1'])
    await grade(laptop, 'ml/c1', Rating.Good, t + 60_000)
    await syncAll(folder, laptop, desktop)

    const a = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(a)
    expect(a.cards.find((c) => c.id === 'ml/c1')).toMatchObject({ question: 'Question 1', deckId: 'ml', reps: 2 })
    expect(a.cards.find((c) => c.id === x)).toMatchObject({ deckId: 'aws', reps: 1 })
    expect(a.reviews.map((r) => r.split(' ')[0]).sort()).toEqual([x, 'ml/c1', 'ml/c1'].sort())
  })
})
