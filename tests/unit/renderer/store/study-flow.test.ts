import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { likelyNextCard } from '@store/study-session'
import { Queue } from '@core/model'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const library = { decks: [makeDeck('d', makeCards(25))], problems: [] }
const platform: Platform = fakePlatform(library)

function setup(db: RecallDatabase = freshDatabase()) {
  const clock = { now: new Date(2026, 5, 1, 9, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  return { db, clock, store, state: () => store.getState() }
}

describe('studying a deck through the store', () => {
  it('lists the deck with today’s counts, then studies and grades cards in order', async () => {
    const { state, clock, db } = setup()
    await state().loadLibrary()
    expect(state().library.decks).toEqual([
      expect.objectContaining({ id: 'd', cardCount: 25, counts: { fresh: 20, learning: 0, review: 0 } })
    ])

    await state().startStudy('d')
    expect(state().session?.card?.id).toBe('d/c1')
    await state().grade(Rating.Good) // ignored: the answer is not shown yet
    expect(await db.reviews.count()).toBe(0)

    for (const rating of [Rating.Good, Rating.Easy, Rating.Again] as const) {
      state().reveal()
      clock.now += 5_000
      await state().grade(rating)
    }
    const session = state().session!
    expect(session.card?.id).toBe('d/c4')
    expect({ fresh: session.queue.fresh.length, learning: session.queue.learning.length }).toEqual({ fresh: 17, learning: 2 })
    expect((await db.reviews.toArray()).map((r) => [r.cardKey, r.rating, r.duration])).toEqual([
      ['d/c1', Rating.Good, 5000],
      ['d/c2', Rating.Easy, 5000],
      ['d/c3', Rating.Again, 5000]
    ])

    await state().leaveStudy()
    expect(state().library.decks[0]?.counts).toEqual({ fresh: 17, learning: 2, review: 0 })
  })

  it('shows the next card and offers the grade’s undo in one store change, so the screen renders once', async () => {
    const { state, store } = setup()
    await state().loadLibrary()
    await state().startStudy('d')
    // Each change of the store: whether it brought the undo entry, and which card it shows.
    const changes: Array<{ undo: boolean; card: string | undefined }> = []
    const stop = store.subscribe((now, before) => {
      if (now.undoStack !== before.undoStack || now.session?.card !== before.session?.card)
        changes.push({ undo: now.undoStack !== before.undoStack, card: now.session?.card?.id })
    })
    for (const _ of [1, 2]) {
      state().reveal()
      await state().grade(Rating.Good)
    }
    stop()
    expect(changes).toEqual([
      { undo: true, card: 'd/c2' },
      { undo: true, card: 'd/c3' }
    ])
    expect(state().undoStack.map((e) => e.cardId)).toEqual(['d/c1', 'd/c2'])
  })

  it('brings a learning card back within the session once it is due', async () => {
    const { state, clock } = setup()
    await state().loadLibrary()
    await state().startStudy('d')
    state().reveal()
    await state().grade(Rating.Again) // d/c1 due in 1 minute
    expect(state().session?.card?.id).toBe('d/c2')
    clock.now += 61_000
    state().reveal()
    await state().grade(Rating.Good)
    expect(state().session?.card?.id).toBe('d/c1')
  })

  it('names ahead of the grade the card a Good grade then shows, a due learning card first', async () => {
    const { state, clock } = setup()
    await state().loadLibrary()
    await state().startStudy('d')
    state().reveal()
    expect(likelyNextCard(state().session!, clock.now)?.id).toBe('d/c2')
    await state().grade(Rating.Again) // d/c1 comes back in a minute
    clock.now += 61_000
    state().reveal()
    const predicted = likelyNextCard(state().session!, clock.now)
    expect(predicted?.id).toBe('d/c1')
    await state().grade(Rating.Good)
    expect(state().session?.card).toEqual(predicted)
  })

  it('keeps the card on screen with a message when the write fails, and saves on retry', async () => {
    const { state, db } = setup()
    await state().loadLibrary()
    await state().startStudy('d')
    state().reveal()
    const fail = () => {
      throw new Error('QuotaExceededError')
    }
    db.reviews.hook('creating', fail)
    await state().grade(Rating.Good)
    expect(state().session?.card?.id).toBe('d/c1')
    expect(state().session?.error).toMatch(/not saved \(QuotaExceededError\)/)
    expect(await db.reviews.count()).toBe(0)

    db.reviews.hook('creating').unsubscribe(fail)
    await state().grade(Rating.Good)
    expect(state().session?.error).toBeUndefined()
    expect(state().session?.card?.id).toBe('d/c2')
    expect(await db.reviews.count()).toBe(1)
  })

  it('never shows next a sibling the grade buried, though it was next in line while the write ran', async () => {
    const db = freshDatabase()
    const clock = { now: new Date(2026, 5, 1, 9, 0).getTime() }
    const store = createRecallStore({
      db,
      platform: fakePlatform({ decks: [makeDeck('r', makeCards(2, true))], problems: [] }),
      now: () => clock.now
    })
    const state = () => store.getState()
    await state().loadLibrary()
    // Both cards of note c1 learning since yesterday and due now (interday learning siblings): today's
    // queue holds both, and answering one buries the other.
    for (const [id, minutesAgo] of [
      ['r/c1', 2],
      ['r/c1/reverse', 1]
    ] as const)
      await db.cards.update(id, {
        queue: Queue.Learning,
        state: State.Learning,
        due: clock.now - minutesAgo * 60_000,
        last_review: clock.now - 86_400_000,
        stability: 1,
        difficulty: 5,
        reps: 1,
        learning_steps: 1
      })
    await state().startStudy('r')
    expect(state().session!.queue.learning.map((e) => e.id)).toEqual(['r/c1', 'r/c1/reverse'])
    expect(state().session!.card!.id).toBe('r/c1')
    state().reveal()
    await state().grade(Rating.Easy)
    expect((await db.cards.get('r/c1/reverse'))!.queue).toBe(Queue.Buried)
    expect(state().session!.card!.id).toBe('r/c2')
    expect(state().session!.queue.learning).toEqual([])
  })

  it('lists the cards an updated deck file adds at the start that merges them, not the counts from before', async () => {
    const files = { decks: [makeDeck('d', makeCards(5))], problems: [] }
    const db = freshDatabase()
    const start = async () => {
      const store = createRecallStore({ db, platform: fakePlatform(() => files), now: () => new Date(2026, 5, 1, 9, 0).getTime() })
      await store.getState().loadLibrary()
      return store.getState().library
    }
    expect((await start()).decks).toEqual([expect.objectContaining({ cardCount: 5, counts: { fresh: 5, learning: 0, review: 0 } })])
    files.decks = [makeDeck('d', makeCards(25))]
    expect(await start()).toMatchObject({
      status: 'ready',
      decks: [expect.objectContaining({ cardCount: 25, counts: { fresh: 20, learning: 0, review: 0 } })]
    })
    expect((await start()).decks[0]).toMatchObject({ cardCount: 25, counts: { fresh: 20, learning: 0, review: 0 } })
  })

  it('finds the same counts after a restart on the same database', async () => {
    const first = setup()
    await first.state().loadLibrary()
    await first.state().startStudy('d')
    for (let i = 0; i < 5; i++) {
      first.state().reveal()
      await first.state().grade(Rating.Easy)
    }
    const second = setup(first.db)
    await second.state().loadLibrary()
    expect(second.state().library.decks[0]?.counts).toEqual({ fresh: 15, learning: 0, review: 0 })
    await second.state().startStudy('d')
    expect(second.state().session?.card?.id).toBe('d/c6')
  })

  it('shows the done screen when nothing is left today', async () => {
    const { state } = setup()
    await state().loadLibrary()
    await state().startStudy('d')
    for (let i = 0; i < 20; i++) {
      state().reveal()
      await state().grade(Rating.Easy)
    }
    expect(state().session?.step).toEqual({ kind: 'done' })
    expect(state().session?.card).toBeUndefined()
  })
})
