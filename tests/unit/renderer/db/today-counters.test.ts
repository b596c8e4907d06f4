import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { studyDayOf } from '@core/time/study-day'
import { undo } from '@db/card-actions'
import { deleteCards } from '@db/card-authoring'
import type { RecallDatabase } from '@db/database'
import { LEARNING_CARDS_ROW, STUDIED_TODAY_ROW, type LearningCardsBookkeeping, type StudiedTodayBookkeeping } from '@db/derived-tables'
import { optionsForDeck, savePresetForDeck } from '@db/options-repository'
import { countEveryDeck, loadTodayQueue } from '@db/study-repository'
import fc from 'fast-check'
import { Rating, type Grade } from 'ts-fsrs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { referenceCounts } from '../../helpers/reference-counts'
import { card, DAY, grade, HOUR, NOW, runSteps, stepArbitrary, stepDecks, type Step } from './collection-steps'

beforeEach(() => void vi.useFakeTimers({ now: NOW, toFake: ['Date'] }))
afterEach(() => void vi.useRealTimers())

/** The step decks; beta's limits are tiny, so what was studied today decides its numbers. */
async function collection(sizes?: Parameters<typeof stepDecks>[0]): Promise<RecallDatabase> {
  const db = await stepDecks(sizes)
  await savePresetForDeck(db, 'beta', {
    id: 'tight',
    name: 'Tight',
    options: { ...DEFAULT_STUDY_OPTIONS, newCardsPerDay: 2, reviewsPerDay: 1 }
  })
  return db
}

/** Few cards, so a sequence comes back to the same card: graded again, buried once learning, undone. */
const smallCollection = () => collection({ alpha: 2, beta: 3, gamma: 2 })

const today = () => studyDayOf(Date.now(), 4)
const studiedRow = async (db: RecallDatabase) => (await db.derived.get(STUDIED_TODAY_ROW)) as StudiedTodayBookkeeping | undefined
const learningRow = async (db: RecallDatabase) => (await db.derived.get(LEARNING_CARDS_ROW)) as LearningCardsBookkeeping | undefined

/** The deck list's numbers equal, deck by deck, what reading every card and log gives. */
async function expectCounts(db: RecallDatabase, day = today()): Promise<void> {
  const counted = await countEveryDeck(db, day)
  for (const { deck, counts } of counted)
    expect(counts, deck.id).toEqual(await referenceCounts(db, deck.id, day, await optionsForDeck(db, deck.id)))
}

/** Today's queue of each deck holds as many cards as its counts say (it reads the same counter). */
async function expectQueues(db: RecallDatabase, day = today()): Promise<void> {
  for (const deck of await db.decks.toArray()) {
    const queue = await loadTodayQueue(db, deck.id, day, { ...(await optionsForDeck(db, deck.id)), newCardOrder: 'deck' })
    const counts = await referenceCounts(db, deck.id, day, await optionsForDeck(db, deck.id))
    expect({ learning: queue.learning.length, review: queue.review.length, fresh: queue.fresh.length }, deck.id).toEqual(counts)
  }
}

describe('the deck list’s counters', () => {
  it('are built on the first count, and a count with nothing changed writes nothing', async () => {
    const db = await collection()
    await grade(db, 'beta/c1', Rating.Again)
    expect(await studiedRow(db)).toBeUndefined()
    await expectCounts(db)
    expect((await studiedRow(db))!.decks.get('beta')).toEqual({ newCards: 1, reviews: 0 })
    expect([...(await learningRow(db))!.decks.get('beta')!.keys()]).toEqual(['beta/c1'])
    const put = vi.spyOn(db.derived, 'put')
    await expectCounts(db)
    expect(put).not.toHaveBeenCalled()
  })

  it('take in new grades from the logs added since, without counting a deck’s day again', async () => {
    const db = await collection()
    vi.setSystemTime(NOW + 60_000)
    await expectCounts(db)
    // A mark no recount would leave: it survives only if alpha's day is not read again.
    const row = (await studiedRow(db))!
    await db.derived.put({ ...row, decks: new Map(row.decks).set('alpha', { newCards: 0, reviews: 40 }) })
    vi.setSystemTime(NOW + HOUR)
    await grade(db, 'alpha/c1', Rating.Again)
    await grade(db, 'beta/c2', Rating.Good)
    await countEveryDeck(db, today())
    const after = (await studiedRow(db))!
    expect(after.decks.get('alpha')).toEqual({ newCards: 1, reviews: 40 })
    expect(after.decks.get('beta')).toEqual({ newCards: 1, reviews: 0 })
    expect(after.lastLogId).toBe((await db.reviews.orderBy(':id').last())!.id)
    expect((await learningRow(db))!.decks.get('alpha')!.has('alpha/c1')).toBe(true)
  })

  it('count a deck again after one of its grades is undone, and start afresh on the next study day', async () => {
    const db = await collection()
    await expectCounts(db)
    const before = await card(db, 'beta/c1')
    const { logId } = await grade(db, 'beta/c1', Rating.Again)
    await grade(db, 'alpha/c3', Rating.Good)
    await expectCounts(db)
    await undo(db, { label: 'Grade', before: [before], addedLogIds: [logId] })
    // Dropped in the undo's own transaction; alpha keeps its count.
    expect([...(await studiedRow(db))!.decks.keys()]).toEqual(['alpha', 'gamma'])
    await expectCounts(db)
    expect((await studiedRow(db))!.decks.get('beta')).toEqual({ newCards: 0, reviews: 0 })

    vi.setSystemTime(NOW + DAY)
    await expectCounts(db)
    expect((await studiedRow(db))!.dayStart).toBe(today().start)
    await db.reviews.clear()
    expect(await studiedRow(db)).toBeUndefined()
  })

  it('take deleted cards out of the learning cards, and build them again when the clock stepped back', async () => {
    const db = await collection()
    await grade(db, 'alpha/c2', Rating.Again)
    await expectCounts(db)
    expect((await learningRow(db))!.decks.get('alpha')!.has('alpha/c2')).toBe(true)
    await deleteCards(db, ['alpha/c2'])
    expect((await learningRow(db))!.decks.get('alpha')!.has('alpha/c2')).toBe(false)
    await expectCounts(db)

    vi.setSystemTime(NOW - 2 * HOUR)
    await grade(db, 'gamma/c1', Rating.Again)
    await expectCounts(db)
    expect((await learningRow(db))!.builtFrom).toBeLessThan(NOW - HOUR)
  })

  it('still give the numbers, and the queue, on a full disk, without keeping the counters', async () => {
    const db = await collection()
    await grade(db, 'beta/c1', Rating.Again)
    const put = vi.spyOn(db.derived, 'put').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    await expectCounts(db)
    await expectQueues(db)
    put.mockRestore()
    expect(await db.derived.get(STUDIED_TODAY_ROW)).toBeUndefined()
    expect(await learningRow(db)).toBeUndefined()

    // Any other failure is not hidden.
    vi.spyOn(db.derived, 'put').mockRejectedValue(new Error('bug'))
    await expect(countEveryDeck(db, today())).rejects.toThrow('bug')
  })

  it('move a learning card to the deck that now holds it under the same key', async () => {
    const db = await collection()
    await grade(db, 'alpha/c2', Rating.Again)
    await expectCounts(db)
    await db.cards.update('alpha/c2', { deckId: 'beta' })
    await expectCounts(db)
    expect((await learningRow(db))!.decks.get('alpha')!.has('alpha/c2')).toBe(false)
  })
})

/** Mostly grades and undone grades (the counters' daily work), among every other kind of change. */
const countedStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('grade' as const, 'undo' as const),
      pick: fc.noBias(fc.nat()),
      rating: fc.constantFrom<Grade>(1, 2, 3, 4)
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), decks: fc.constant('all' as const) }) },
  { weight: 3, arbitrary: stepArbitrary }
)

describe('the deck list’s counters under any sequence of changes', () => {
  it('always give the numbers reading every card and log gives', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(countedStep, { minLength: 1, maxLength: 24 }), async (steps) => {
        const db = await runSteps(smallCollection, steps, (db) => expectCounts(db))
        await expectCounts(db)
        await expectQueues(db)
        db.close()
      }),
      { numRuns: 100 }
    )
  })
})
