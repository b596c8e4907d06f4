import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { toggleFlag } from '@db/card-actions'
import { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { recordReview } from '@db/study-repository'
import { changedSinceShown, StaleCardError } from '@db/write-guards'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const now = new Date(2026, 2, 2, 10, 0).getTime()
const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

/** Two windows on one collection: two connections to the same database. */
async function twoWindows() {
  const a = freshDatabase()
  await mergeDeck(a, makeDeck('d', makeCards(2)), now)
  const b = new RecallDatabase(a.name)
  return { a, b }
}

describe('the stale-card guard for grades', () => {
  it('lets a grade through when the card is stored exactly as it was shown, whatever the key order', async () => {
    const { a } = await twoWindows()
    const shown = (await a.cards.get('d/c1'))!
    const reordered = Object.fromEntries(Object.entries(shown).reverse()) as typeof shown
    expect(changedSinceShown(shown, await a.cards.get('d/c1'))).toBe(false)
    expect(changedSinceShown(reordered, { ...shown, tags: [...shown.tags] })).toBe(false)
  })

  it('refuses a grade of a card another window answered after it was shown', async () => {
    const { a, b } = await twoWindows()
    const shownInA = (await a.cards.get('d/c1'))!
    const shownInB = (await b.cards.get('d/c1'))!
    const { card: answeredInB } = await recordReview(b, shownInB, previewGrades(scheduler, shownInB, now)[Rating.Good], 2000)

    const stale = recordReview(a, shownInA, previewGrades(scheduler, shownInA, now + 5000)[Rating.Easy], 0)
    await expect(stale).rejects.toBeInstanceOf(StaleCardError)
    await expect(stale).rejects.toThrow(/answered or changed in another Recall window or tab.*not saved.*open the deck again/)
    // Only the other window's grade is in the log, and the card is as that grade left it.
    expect((await a.reviews.toArray()).map((r) => r.rating)).toEqual([Rating.Good])
    const stored = await a.cards.get('d/c1')
    expect(stored?.state).toBe(answeredInB.state)
    expect(changedSinceShown(answeredInB, stored)).toBe(false)
  })

  it('also notices a flag, an edit or a card that is gone', async () => {
    const { a, b } = await twoWindows()
    const shown = (await a.cards.get('d/c2'))!
    await toggleFlag(b, (await b.cards.get('d/c2'))!, 1)
    expect(changedSinceShown(shown, await a.cards.get('d/c2'))).toBe(true)
    expect(changedSinceShown(shown, { ...shown, question: 'edited' })).toBe(true)
    expect(changedSinceShown(shown, { ...shown, tags: ['other'] })).toBe(true)
    expect(changedSinceShown(shown, undefined)).toBe(true)
  })
})
