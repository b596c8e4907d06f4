import { readCardColumns } from '@db/card-columns'
import { mergeDeck } from '@db/deck-repository'
import { LEARNING_CARDS_ROW, type LearningCardsBookkeeping } from '@db/derived-tables'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const now = new Date(2026, 2, 2, 9, 0).getTime()

async function collection() {
  const db = freshDatabase()
  await mergeDeck(db, makeDeck('d', makeCards(5)), now)
  return db
}

afterEach(() => vi.useRealTimers())

describe('the change stamp on cards', () => {
  it('is set on every card written, rises with each write even when the clock steps back, and leaves the caller’s object alone', async () => {
    const db = await collection()
    const first = (await db.cards.get('d/c1'))!
    expect(first.mod).toBeGreaterThan(0)

    vi.useFakeTimers({ now: first.mod! - 3_600_000, toFake: ['Date'] })
    const edited = { ...first, question: 'changed' }
    await db.cards.put(edited)
    expect(edited.mod).toBe(first.mod)
    const second = (await db.cards.get('d/c1'))!
    expect(second.mod).toBeGreaterThan(first.mod!)

    await db.cards.update('d/c1', { flag: 2 })
    await db.cards
      .where('deckId')
      .equals('d')
      .modify((c) => void (c.tags = ['x']))
    const third = (await db.cards.get('d/c1'))!
    expect(third.mod).toBeGreaterThan(second.mod!)
    expect(await db.cards.where('[deckId+mod]').above(['d', second.mod!]).count()).toBe(5)
  })
})

describe('the derived tables follow deletions', () => {
  it('takes deleted cards out of their deck’s card columns and the learning counter, in the same transaction', async () => {
    const db = await collection()
    await mergeDeck(db, makeDeck('e', makeCards(3)), now)
    await readCardColumns(db, ['d', 'e'])
    await db.derived.put({
      name: LEARNING_CARDS_ROW,
      builtFrom: now,
      decks: new Map([
        [
          'd',
          new Map([
            ['d/c2', now],
            ['d/c4', now]
          ])
        ]
      ])
    })
    const other = await db.cardColumns.get('e')
    await db.cards.bulkDelete(['d/c2', 'd/c5'])
    expect((await db.cardColumns.get('d'))?.ids).toEqual(['d/c1', 'd/c3', 'd/c4'])
    expect(await db.cardColumns.get('e')).toEqual(other)
    const learning = (await db.derived.get(LEARNING_CARDS_ROW)) as LearningCardsBookkeeping
    expect([...learning.decks.get('d')!.keys()]).toEqual(['d/c4'])
    // The columns left are the cards left: reading them again patches nothing.
    const row = await db.cardColumns.get('d')
    expect((await readCardColumns(db, ['d']))[0]).toEqual(row)

    // A deletion that fails is rolled back together with the columns' change.
    await expect(
      db.transaction('rw', db.cards, async () => {
        await db.cards.delete('d/c3')
        throw new Error('disk full')
      })
    ).rejects.toThrow('disk full')
    expect(await db.cardColumns.get('d')).toEqual(row)
    expect(await db.cards.get('d/c3')).toBeDefined()

    // Every card of a deck gone: so is its row. Emptying the table empties the cache.
    await db.cards.where('deckId').equals('e').delete()
    expect(await db.cardColumns.get('e')).toBeUndefined()
    await db.cards.clear()
    expect(await db.cardColumns.count()).toBe(0)
  })

  it('widens only write transactions on cards or reviews', async () => {
    const db = await collection()
    const stores = (trans: unknown) => [...(trans as { idbtrans: IDBTransaction }).idbtrans.objectStoreNames].sort()
    expect(await db.transaction('rw', db.cards, (tx) => stores(tx))).toEqual([
      'cardColumns',
      'cards',
      'derived',
      'reviewDays',
      'reviewSlots'
    ])
    expect(await db.transaction('r', db.cards, (tx) => stores(tx))).toEqual(['cards'])
    expect(await db.transaction('rw', db.settings, (tx) => stores(tx))).toEqual(['settings'])
  })
})
