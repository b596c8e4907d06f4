import { cardsUnchangedSince } from '@db/exam-plan-repository'
import { nextChangeStamp } from '@db/derived-tables'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import { cardRecord } from '../../helpers/review-records'

/**
 * What the exam forecast's cache (store/exam-forecast-cache.ts) relies on to use a deck's kept
 * figures without reading its card columns: no card of the deck written at or after the moment
 * its columns were read, and as many cards as then.
 */
describe('whether a deck’s cards are those its forecast was computed from', () => {
  it('holds until a card of the deck is written or deleted, and not for another deck’s', async () => {
    const db = freshDatabase()
    await db.cards.bulkPut([0, 1, 2].map((i) => cardRecord({ id: `aws/c${i}`, deckId: 'aws' })))
    await db.cards.bulkPut([0, 1].map((i) => cardRecord({ id: `gcp/c${i}`, deckId: 'gcp' })))
    const since = nextChangeStamp() + 1
    const check = () =>
      cardsUnchangedSince(db, [
        { deckId: 'aws', since, count: 3 },
        { deckId: 'gcp', since, count: 2 }
      ])
    expect(await check()).toEqual([true, true])
    // A deck holding another number of cards than then, with nothing written since, is not the same.
    expect(await cardsUnchangedSince(db, [{ deckId: 'aws', since, count: 4 }])).toEqual([false])

    // A grade (any write) stamps the card after `since`.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await db.cards.put({ ...(await db.cards.get('gcp/c1'))!, stability: 42 })
    expect(await check()).toEqual([true, false])

    // A deletion leaves no stamp: the count tells.
    await db.cards.delete('aws/c2')
    expect(await check()).toEqual([false, false])
  })
})
