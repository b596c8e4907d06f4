import type { CardColumnsRecord, ReviewRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { REVIEW_DAYS_ROW, type ReviewDaysBookkeeping } from '@db/derived-tables'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const now = new Date(2026, 2, 2, 9, 0).getTime()

const bookkeeping = (): ReviewDaysBookkeeping => ({ name: REVIEW_DAYS_ROW, dayStartsAtHour: 4, timeZone: 'UTC', lastLogId: 0, deleted: [] })
const log = (cardKey: string, review: number): ReviewRecord => ({
  cardKey,
  deckId: 'd',
  review,
  rating: 3,
  state: 2,
  due: review,
  stability: 3,
  difficulty: 5,
  elapsed_days: 1,
  last_elapsed_days: 1,
  scheduled_days: 3,
  learning_steps: 0,
  duration: 4000
})
/** Only whether a deck's columns exist matters here, not what they hold. */
const columns = (deckId: string) => ({ deckId, builtFrom: 0, ids: [] }) as unknown as CardColumnsRecord

const rollupRow = async (db: RecallDatabase) => (await db.derived.get(REVIEW_DAYS_ROW)) as ReviewDaysBookkeeping | undefined

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
  it('empties the card columns when any card is deleted, in the same transaction', async () => {
    const db = await collection()
    await db.cardColumns.bulkPut([columns('d'), columns('e')])
    await db.cards.update('d/c2', { flag: 1 })
    expect(await db.cardColumns.count()).toBe(2)
    await db.cards.delete('d/c2')
    expect(await db.cardColumns.count()).toBe(0)

    // A deletion that fails is rolled back together with the emptying.
    await db.cardColumns.put(columns('d'))
    await expect(
      db.transaction('rw', db.cards, async () => {
        await db.cards.delete('d/c3')
        throw new Error('disk full')
      })
    ).rejects.toThrow('disk full')
    expect(await db.cardColumns.count()).toBe(1)
    expect(await db.cards.get('d/c3')).toBeDefined()
  })

  it('notes each deleted review log’s deck and time for the rollup, and drops the rollup’s bookkeeping when the log is cleared', async () => {
    const db = await collection()
    const [a, b] = (await db.reviews.bulkAdd([log('d/c1', now), log('d/c2', now + 1000)], { allKeys: true })) as number[]
    // No bookkeeping row yet (the rollup was never built): nothing to note.
    await db.reviews.delete(a)
    expect(await db.derived.get(REVIEW_DAYS_ROW)).toBeUndefined()

    await db.derived.put({ ...bookkeeping(), lastLogId: b! })
    await db.reviews.add(log('d/c3', now + 2000))
    expect((await rollupRow(db))?.deleted).toEqual([])
    await db.reviews.bulkDelete([b!])
    expect((await rollupRow(db))?.deleted).toEqual([{ deckId: 'd', review: now + 1000 }])

    // A log put back with an old id (as a restore or a repair would) marks its day too.
    await db.reviews.add({ ...log('d/c4', now + 5000), id: b! })
    expect((await rollupRow(db))?.deleted).toEqual([
      { deckId: 'd', review: now + 1000 },
      { deckId: 'd', review: now + 5000 }
    ])

    await db.reviews.clear()
    expect(await db.derived.get(REVIEW_DAYS_ROW)).toBeUndefined()
  })

  it('widens only write transactions on cards or reviews', async () => {
    const db = await collection()
    const stores = (trans: unknown) => [...(trans as { idbtrans: IDBTransaction }).idbtrans.objectStoreNames].sort()
    expect(await db.transaction('rw', db.cards, (tx) => stores(tx))).toEqual(['cardColumns', 'cards', 'derived', 'reviewDays'])
    expect(await db.transaction('r', db.cards, (tx) => stores(tx))).toEqual(['cards'])
    expect(await db.transaction('rw', db.settings, (tx) => stores(tx))).toEqual(['settings'])
  })
})
