import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { mergeDeck } from '@db/deck-repository'
import { optionsForDeck, savePresetForDeck } from '@db/options-repository'
import { countEveryDeck, countToday, loadTodayQueue, recordReview, reviewsOfCard } from '@db/study-repository'
import { Rating, State, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const now = new Date(2026, 2, 2, 10, 0).getTime() // local 10 am
const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
const limits = { newCardsPerDay: 20, reviewsPerDay: 200, newCardOrder: 'deck' as const }

describe('recordReview', () => {
  it('stores exactly the state the scheduler computed, and one log per grade, through a Dexie round trip', async () => {
    const db = freshDatabase()
    await mergeDeck(db, makeDeck('d', makeCards(1)), now)
    const grades: Grade[] = [3, 3, 4, 1, 3, 3, 2, 3]
    let at = now
    for (const grade of grades) {
      const card = (await db.cards.get('d/c1'))!
      at = Math.max(at + 60_000, card.due)
      const outcome = previewGrades(scheduler, card, at)[grade]
      await recordReview(db, card, outcome, 2500)
      const stored = (await db.cards.get('d/c1'))!
      const { id, deckId, cardId, reverse, ord, question, answer, tags, queue, createdAt, mod, ...state } = stored
      expect(state).toEqual(outcome.next)
    }
    const logs = await reviewsOfCard(db, 'd/c1')
    expect(logs.map((l) => l.rating)).toEqual(grades)
    expect(logs.every((l) => l.duration === 2500 && l.deckId === 'd')).toBe(true)
  })

  it('writes nothing when the transaction fails half-way', async () => {
    const db = freshDatabase()
    await mergeDeck(db, makeDeck('d', makeCards(1)), now)
    const card = (await db.cards.get('d/c1'))!
    const outcome = previewGrades(scheduler, card, now)[Rating.Good]
    // The log insert fails after the card was put: the card write must be rolled back too.
    db.reviews.hook('creating', () => {
      throw new Error('disk full')
    })
    await expect(recordReview(db, card, outcome, 0)).rejects.toThrow('disk full')
    expect((await db.cards.get('d/c1'))?.state).toBe(State.New)
    expect(await db.reviews.count()).toBe(0)
  })
})

describe("today's queue and counts", () => {
  it('cut new cards and reviews to what the daily limits leave', async () => {
    const db = freshDatabase()
    await mergeDeck(db, makeDeck('d', makeCards(30)), now)
    const day = studyDayOf(now)
    expect(await countToday(db, 'd', day, limits)).toEqual({ fresh: 20, learning: 0, review: 0 })

    const queue = await loadTodayQueue(db, 'd', day, limits)
    expect(queue.fresh.map((e) => e.id).slice(0, 3)).toEqual(['d/c1', 'd/c2', 'd/c3'])
    expect(queue.fresh).toHaveLength(20)

    // Study 5 new cards: 3 stay in learning, 2 go straight to review (Easy).
    for (const [i, grade] of ([3, 3, 1, 4, 4] as Grade[]).entries()) {
      const card = (await db.cards.get(`d/c${i + 1}`))!
      await recordReview(db, card, previewGrades(scheduler, card, now + i)[grade], 1000)
    }
    expect(await countToday(db, 'd', day, limits)).toEqual({ fresh: 15, learning: 3, review: 0 })
    const after = await loadTodayQueue(db, 'd', day, limits)
    expect(after.fresh[0]?.id).toBe('d/c6')
    expect(after.learning.map((e) => e.id).sort()).toEqual(['d/c1', 'd/c2', 'd/c3'])

    // The next study day: the Easy cards are due only days later; learning ones are due.
    const later = studyDayOf(day.end + 3_600_000)
    expect(await countToday(db, 'd', later, limits)).toEqual({ fresh: 20, learning: 3, review: 0 })
  })

  it('counts a review limit of zero as no reviews today', async () => {
    const db = freshDatabase()
    await mergeDeck(db, makeDeck('d', makeCards(3)), now)
    for (let i = 1; i <= 3; i++) {
      const card = (await db.cards.get(`d/c${i}`))!
      await recordReview(db, card, previewGrades(scheduler, card, now)[Rating.Easy], 1000)
    }
    const farFuture = studyDayOf(now + 400 * 86_400_000)
    expect(await countToday(db, 'd', farFuture, limits)).toEqual({ fresh: 0, learning: 0, review: 3 })
    expect(await countToday(db, 'd', farFuture, { ...limits, reviewsPerDay: 0 })).toEqual({ fresh: 0, learning: 0, review: 0 })
  })
})

describe('the deck list’s counts', () => {
  it('gives every deck the numbers countToday gives it with that deck’s own preset, in one read', async () => {
    const db = freshDatabase()
    for (const id of ['a', 'b', 'c']) await mergeDeck(db, makeDeck(id, makeCards(40)), now)
    await savePresetForDeck(db, 'b', {
      id: 'strict',
      name: 'Strict',
      options: { ...DEFAULT_STUDY_OPTIONS, newCardsPerDay: 7, reviewsPerDay: 3 }
    })
    await db.decks.update('c', { presetId: 'deleted-preset' })
    for (const [i, grade] of ([3, 1, 4, 4] as Grade[]).entries()) {
      const card = (await db.cards.get(`b/c${i + 1}`))!
      await recordReview(db, card, previewGrades(scheduler, card, now + i)[grade], 1000)
    }
    const day = studyDayOf(now)
    const counted = await countEveryDeck(db, day)
    expect(counted.map((c) => c.deck.id)).toEqual(['a', 'b', 'c'])
    for (const { deck, counts } of counted) expect(counts).toEqual(await countToday(db, deck.id, day, await optionsForDeck(db, deck.id)))
    expect(counted.map((c) => c.counts)).toEqual([
      { fresh: 20, learning: 0, review: 0 },
      { fresh: 3, learning: 2, review: 0 },
      { fresh: 20, learning: 0, review: 0 }
    ])
  })
})

describe('new card order', () => {
  it('random order picks a different, stable selection for the day', async () => {
    const db = freshDatabase()
    await mergeDeck(db, makeDeck('d', makeCards(200)), now)
    const day = studyDayOf(now)
    const random = { ...limits, newCardOrder: 'random' as const }
    const first = (await loadTodayQueue(db, 'd', day, random)).fresh.map((e) => e.id)
    expect(first).toHaveLength(20)
    expect(new Set(first).size).toBe(20)
    expect(first).not.toEqual((await loadTodayQueue(db, 'd', day, limits)).fresh.map((e) => e.id))
    expect((await loadTodayQueue(db, 'd', day, random)).fresh.map((e) => e.id)).toEqual(first)
    const tomorrow = studyDayOf(day.end + 1)
    expect((await loadTodayQueue(db, 'd', tomorrow, random)).fresh.map((e) => e.id)).not.toEqual(first)
  })
})

describe('siblings in today’s queue', () => {
  const clozes = (notes: number, deletions: number) =>
    makeDeck(
      'z',
      Array.from({ length: notes }, (_, i) => ({
        id: `n${i + 1}`,
        type: 'cloze' as const,
        text: Array.from({ length: deletions }, (_, j) => `{{c${j + 1}::word ${j + 1}}}`).join(' '),
        tags: []
      }))
    )

  it('reads further than the limit when siblings fill it, in deck and in random order, and counts the same', async () => {
    const db = freshDatabase()
    await mergeDeck(db, clozes(4, 5), now)
    const day = studyDayOf(now)
    const three = { ...limits, newCardsPerDay: 3 }
    expect((await loadTodayQueue(db, 'z', day, three)).fresh.map((e) => e.id)).toEqual(['z/n1/c1', 'z/n2/c1', 'z/n3/c1'])
    expect(await countToday(db, 'z', day, three)).toEqual({ fresh: 3, learning: 0, review: 0 })
    const random = (await loadTodayQueue(db, 'z', day, { ...three, newCardOrder: 'random' })).fresh.map((e) => e.id.split('/')[1])
    expect(new Set(random).size).toBe(3)
    // More new cards allowed than there are notes: one card of each note.
    expect(await countToday(db, 'z', day, { ...limits, newCardsPerDay: 9 })).toEqual({ fresh: 4, learning: 0, review: 0 })
    expect((await loadTodayQueue(db, 'z', day, { ...limits, newCardsPerDay: 9, newCardOrder: 'random' })).fresh).toHaveLength(4)
    // With burying off, siblings come in deck order.
    const together = { ...three, buryNewSiblings: false }
    expect((await loadTodayQueue(db, 'z', day, together)).fresh.map((e) => e.id)).toEqual(['z/n1/c1', 'z/n1/c2', 'z/n1/c3'])
    expect(await countToday(db, 'z', day, together)).toEqual({ fresh: 3, learning: 0, review: 0 })
  })

  it('buries the siblings of a graded card in the grade’s own write, and not at all without today’s day', async () => {
    const db = freshDatabase()
    await mergeDeck(db, clozes(1, 3), now)
    const day = studyDayOf(now)
    const c1 = (await db.cards.get('z/n1/c1'))!
    const saved = await recordReview(db, c1, previewGrades(scheduler, c1, now)[Rating.Good], 1000, { day, options: DEFAULT_STUDY_OPTIONS })
    expect(saved.buried.map((c) => c.id)).toEqual(['z/n1/c2', 'z/n1/c3'])
    expect((await db.cards.bulkGet(['z/n1/c2', 'z/n1/c3'])).map((c) => [c?.queue, c?.buriedUntil])).toEqual([
      [Queue.Buried, day.end],
      [Queue.Buried, day.end]
    ])
    const other = freshDatabase()
    await mergeDeck(other, clozes(1, 3), now)
    const c2 = (await other.cards.get('z/n1/c2'))!
    expect((await recordReview(other, c2, previewGrades(scheduler, c2, now)[Rating.Good], 1000)).buried).toEqual([])
    expect((await other.cards.get('z/n1/c3'))!.queue).toBe(Queue.New)
  })
})
