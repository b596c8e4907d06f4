import { summariseLog, type CheckReport } from '@core/maintenance/check-rules'
import { DEFAULT_STUDY_OPTIONS, Queue, type CardRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { bury, forget, setSuspended } from '@db/card-actions'
import { checkCollection } from '@db/check-collection'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { sendToRelearning } from '@db/practice-repository'
import { rescheduleDeck } from '@db/reschedule-repository'
import { loadTodayQueue, recordReview } from '@db/study-repository'
import { summariseCheck } from '@screens/maintenance/check-summary'
import { Rating, State, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck, unstamped } from '../../helpers/fixtures'

const start = new Date(2026, 0, 5, 9, 0).getTime()
const DAY = 86_400_000
const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

/** Grades a card through the app's own write path, each grade when the card is due. */
async function study(db: RecallDatabase, id: string, grades: Grade[], from: number): Promise<number> {
  let at = from
  for (const grade of grades) {
    const card = (await db.cards.get(id))!
    at = Math.max(at + 60_000, card.due)
    await recordReview(db, card, previewGrades(scheduler, card, at)[grade], 3000)
  }
  return at
}

/** Two decks studied for weeks, with every action that writes cards or logs. */
async function studiedCollection() {
  const db = freshDatabase()
  await mergeDeck(db, makeDeck('a', makeCards(10, true)), start)
  await mergeDeck(db, makeDeck('b', makeCards(4)), start)
  const scripts: Grade[][] = [[3, 3, 3], [1, 3, 3, 1, 3], [4, 3], [3, 3, 1], [2, 3, 3, 3, 4], [3]]
  let last = start
  for (const [i, script] of scripts.entries()) last = Math.max(last, await study(db, `a/c${i + 1}`, script, start + i * 1000))
  last = Math.max(last, await study(db, 'b/c1', [3, 3, 3, 3], start))
  const now = last + DAY
  await forget(db, scheduler, (await db.cards.get('a/c3'))!, now)
  await study(db, 'a/c3', [3], now) // studied again after the reset
  await bury(db, (await db.cards.get('a/c4'))!, studyDayOf(now))
  await setSuspended(db, (await db.cards.get('a/c5'))!, true)
  await rescheduleDeck(db, 'b', createScheduler({ ...DEFAULT_STUDY_OPTIONS, request_retention: 0.8 }, DEFAULT_DAY_STARTS_AT_HOUR), now)
  await sendToRelearning(db, ['a/c1', 'a/c2'], now)
  await mergeDeck(db, makeDeck('a', makeCards(9, true)), now) // c10 left the deck file: Removed
  return { db, now }
}

const NOTHING: CheckReport['repaired'] = { cardWithoutDeck: 0, impossibleState: 0, queueMismatch: 0, strayBuriedUntil: 0, countsFromLog: 0 }

async function allOf(db: RecallDatabase) {
  return { cards: await db.cards.toArray(), reviews: await db.reviews.toArray() }
}

describe('checkCollection', () => {
  it('finds nothing wrong in a collection written only by the app, whatever the user did', async () => {
    const { db, now } = await studiedCollection()
    const before = await allOf(db)
    const report = await checkCollection(db, now)
    expect(report).toEqual({ cards: 24, logs: before.reviews.length, repaired: NOTHING, logsWithoutCard: 0 })
    expect(await allOf(db)).toEqual(before)
  })

  it('mends each kind of damage, reports it, and finds nothing the second time', async () => {
    const { db, now } = await studiedCollection()
    const original = new Map((await db.cards.toArray()).map((c) => [c.id, c]))
    const damage = (id: string, change: Partial<CardRecord>) => db.cards.put({ ...original.get(id)!, ...change })

    await db.decks.delete('b') // its 4 cards lose their deck
    await damage('a/c1', { stability: Number.NaN })
    await damage('a/c2', { difficulty: -3, state: 7 as State })
    await damage('a/c6', { due: Number.POSITIVE_INFINITY })
    // Progress lost from the card record but still in the log, as if the card had been re-created.
    await study(db, 'a/c2/reverse', [3, 3], now)
    const studiedReverse = (await db.cards.get('a/c2/reverse'))!
    await db.cards.put({ ...studiedReverse, ...newSchedulingState(now), queue: Queue.New })
    await damage('a/c7', { queue: Queue.Review }) // a new card in the review list
    await damage('a/c8', { buriedUntil: now + DAY }) // not buried
    await damage('a/c9', { reps: 1, lapses: 4 }) // never studied
    await study(db, 'a/c1/reverse', [3, 1], now)
    await db.cards.delete('a/c1/reverse') // its 2 logs lose their card

    const logsBefore = await db.reviews.toArray()
    const report = await checkCollection(db, now)
    expect(report).toEqual({
      cards: 23,
      logs: logsBefore.length,
      repaired: { cardWithoutDeck: 4, impossibleState: 4, queueMismatch: 1, strayBuriedUntil: 1, countsFromLog: 1 },
      logsWithoutCard: 2
    })

    const cards = new Map((await db.cards.toArray()).map((c) => [c.id, c]))
    for (const i of [1, 2, 3, 4]) expect(cards.get(`b/c${i}`)).toMatchObject({ queue: Queue.Removed, reps: original.get(`b/c${i}`)!.reps })
    // Rebuilt from the log: the grades replayed through ts-fsrs give back the state they had.
    expect(unstamped(cards.get('a/c6'))).toEqual(unstamped(original.get('a/c6')))
    expect(unstamped(cards.get('a/c2/reverse'))).toEqual(unstamped(studiedReverse))
    for (const id of ['a/c1', 'a/c2']) {
      const card = cards.get(id)!
      expect(Number.isFinite(card.stability) && card.stability > 0 && card.difficulty >= 1 && card.difficulty <= 10).toBe(true)
      expect([State.Learning, State.Review, State.Relearning]).toContain(card.state)
      expect(card.lapses).toBe(summariseLog(logsBefore.filter((r) => r.cardKey === id)).lapses)
    }
    expect(cards.get('a/c7')?.queue).toBe(Queue.New)
    expect(unstamped(cards.get('a/c8'))).toEqual(unstamped(original.get('a/c8')))
    expect(cards.get('a/c9')).toMatchObject({ reps: 0, lapses: 0 })
    expect(await db.reviews.toArray()).toEqual(logsBefore) // history is never deleted

    const again = await checkCollection(db, now)
    expect(again).toEqual({ ...report, repaired: NOTHING })
    // And the mended decks study normally.
    const queue = await loadTodayQueue(db, 'a', studyDayOf(now + DAY), { ...DEFAULT_STUDY_OPTIONS })
    expect(queue.learning.length + queue.review.length + queue.fresh.length).toBeGreaterThan(0)
  })

  it('changes nothing when the repair cannot be written', async () => {
    const { db, now } = await studiedCollection()
    await db.decks.delete('b')
    const before = await allOf(db)
    db.cards.hook('updating', () => {
      throw new Error('disk full')
    })
    await expect(checkCollection(db, now)).rejects.toThrow('disk full')
    expect(await allOf(db)).toEqual(before)
  })
})

describe('summariseLog', () => {
  const row = (review: number, rating: Rating, state: State = State.Review, manual?: 'reset' | 'reschedule') => ({
    review,
    rating,
    state,
    ...(manual ? { manual } : {})
  })

  it('counts only what follows the last reset, in time order whatever the row order', () => {
    const summary = summariseLog([
      row(5, Rating.Again),
      row(1, Rating.Good, State.New),
      row(3, Rating.Manual, State.Review, 'reset'),
      row(4, Rating.Good, State.New),
      row(6, Rating.Manual, State.Relearning, 'reschedule'),
      row(2, Rating.Again)
    ])
    expect(summary).toEqual({ rows: 6, grades: 2, reschedules: 1, lapses: 1 })
  })
})

describe('the Tools screen summary of a check', () => {
  it('says what was repaired and what was kept, in plain words with counts, one or many', () => {
    const summary = summariseCheck({
      cards: 100_188,
      logs: 1_000_000,
      repaired: { ...NOTHING, cardWithoutDeck: 4, countsFromLog: 1 },
      logsWithoutCard: 2
    })
    expect(summary).toEqual({
      headline: 'Checked 100,188 cards and 1,000,000 review-log entries and repaired what was wrong:',
      repairs: [
        '4 cards whose deck no longer exists were taken out of study; progress is kept in case the deck returns.',
        '1 card had review or lapse counts that disagreed with the review history; they were recounted from it.'
      ],
      notes: [
        '2 review-log entries belong to cards that no longer exist. They were kept: they are part of your study history and statistics.'
      ]
    })
    expect(
      summariseCheck({ cards: 3, logs: 1, repaired: { ...NOTHING, impossibleState: 1, strayBuriedUntil: 2 }, logsWithoutCard: 1 })
    ).toEqual({
      headline: 'Checked 3 cards and 1 review-log entry and repaired what was wrong:',
      repairs: [
        '1 card had impossible scheduling values (such as a missing stability or due date) and was rebuilt from its review history.',
        '2 cards kept a "buried until" date without being buried; the dates were cleared.'
      ],
      notes: ['1 review-log entry belongs to a card that no longer exists. It was kept: it is part of your study history and statistics.']
    })
    expect(summariseCheck({ cards: 1, logs: 1, repaired: NOTHING, logsWithoutCard: 0 })).toEqual({
      headline: 'Checked 1 card and 1 review-log entry: no problems found.',
      repairs: [],
      notes: []
    })
  })
})
