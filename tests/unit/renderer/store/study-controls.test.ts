import { Queue } from '@core/model'
import { countQueue } from '@core/scheduling/queue'
import { mergeDeck } from '@db/deck-repository'
import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck, unstamped } from '../../helpers/fixtures'

const library = { decks: [makeDeck('d', makeCards(30, true))], problems: [] }
const platform: Platform = fakePlatform(library)

async function studying() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 3, 14, 9, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  await state().startStudy('d')
  const counts = () => countQueue(state().session!.queue)
  const gradeCurrent = async (rating: 1 | 2 | 3 | 4) => {
    state().reveal()
    clock.now += 4000
    await state().grade(rating)
  }
  return { db, clock, state, counts, gradeCurrent }
}

describe('study controls', () => {
  it('undoes several grades, newest first, restoring each card and deleting its log', async () => {
    const { db, state, counts, gradeCurrent } = await studying()
    await gradeCurrent(3)
    await gradeCurrent(4)
    await gradeCurrent(1)
    expect(await db.reviews.count()).toBe(3)
    expect(counts()).toEqual({ fresh: 17, learning: 2, review: 0 })

    await state().undoLast()
    expect(state().session?.card?.id).toBe('d/c3')
    expect(state().session?.revealed).toBe(false)
    expect(await db.reviews.count()).toBe(2)
    expect((await db.cards.get('d/c3'))?.state).toBe(State.New)

    await state().undoLast()
    await state().undoLast()
    expect(await db.reviews.count()).toBe(0)
    expect(state().session?.card?.id).toBe('d/c1')
    expect(counts()).toEqual({ fresh: 20, learning: 0, review: 0 })
    expect(await db.cards.get('d/c2')).toMatchObject({ state: State.New, reps: 0, queue: Queue.New })
    await state().undoLast() // nothing left: no error
    expect(state().session?.error).toBeUndefined()
  })

  it('buries a card until the next study day; the next new card takes its place at once', async () => {
    const { db, state, counts, clock } = await studying()
    await state().buryCard()
    expect(state().session?.card?.id).toBe('d/c2')
    expect(state().session?.queue.fresh.some((e) => e.id === 'd/c1')).toBe(false)
    expect(counts().fresh).toBe(20) // burying is not studying: the day's limit still has room
    expect((await db.cards.get('d/c1'))?.queue).toBe(Queue.Buried)

    // Later the same day it stays buried; the next study day it is back.
    await state().leaveStudy()
    clock.now += 3_600_000
    await state().startStudy('d')
    expect(state().session?.queue.fresh.some((e) => e.id === 'd/c1')).toBe(false)
    await state().leaveStudy()
    clock.now += 24 * 3_600_000
    await state().startStudy('d')
    expect(state().session?.queue.fresh[0]?.id).toBe('d/c1')
    expect((await db.cards.get('d/c1'))?.queue).toBe(Queue.New)
  })

  it('buries a learning card and the learning count drops at once', async () => {
    const { state, counts, clock, gradeCurrent } = await studying()
    await gradeCurrent(1) // c1 into learning, back in 1 minute
    clock.now += 120_000
    await gradeCurrent(3) // c2 into learning; c1 is due and shown
    expect(state().session?.card?.id).toBe('d/c1')
    expect(counts()).toEqual({ fresh: 18, learning: 2, review: 0 })
    await state().buryCard()
    expect(counts()).toEqual({ fresh: 18, learning: 1, review: 0 })
  })

  it('suspends a card out of study; undo brings it back', async () => {
    const { db, state } = await studying()
    await state().suspendCard()
    expect((await db.cards.get('d/c1'))?.queue).toBe(Queue.Suspended)
    expect(state().session?.queue.fresh.some((e) => e.id === 'd/c1')).toBe(false)
    await state().undoLast()
    expect((await db.cards.get('d/c1'))?.queue).toBe(Queue.New)
    expect(state().session?.card?.id).toBe('d/c1')
  })

  it('toggles flags like Anki', async () => {
    const { db, state } = await studying()
    await state().toggleFlag(1)
    expect(state().session?.card?.flag).toBe(1)
    await state().toggleFlag(4)
    expect((await db.cards.get('d/c1'))?.flag).toBe(4)
    await state().toggleFlag(4)
    expect((await db.cards.get('d/c1'))?.flag).toBe(0)
  })

  it('edits both directions of a card without touching its progress, and a new deck file keeps the edit', async () => {
    const { db, state, clock, gradeCurrent } = await studying()
    await gradeCurrent(1) // c1 → learning, due in 1 minute
    clock.now += 120_000
    await gradeCurrent(3) // c2; then c1 is due again and shown
    expect(state().session?.card?.id).toBe('d/c1')
    const before = (await db.cards.get('d/c1'))!
    await state().editCard({ front: 'Edited question', back: 'Edited answer', extra: 'a note' })
    const forward = (await db.cards.get('d/c1'))!
    const reverse = (await db.cards.get('d/c1/reverse'))!
    expect([forward.question, forward.answer, forward.extra]).toEqual(['Edited question', 'Edited answer', 'a note'])
    expect([reverse.question, reverse.answer]).toEqual(['Edited answer', 'Edited question'])
    expect(state().session?.card?.question).toBe('Edited question')
    const { id, question, answer, extra, edited, mod, ...progress } = forward
    const { id: _i, question: _q, answer: _a, extra: _e, edited: _d, mod: _m, ...progressBefore } = before
    expect(progress).toEqual(progressBefore)
    expect(forward.state).toBe(State.Learning)

    // A changed deck file (one card added) is merged again: the edit survives.
    await mergeDeck(
      db,
      makeDeck('d', [...makeCards(30, true), { id: 'extra', type: 'basic' as const, front: 'X', back: 'Y', tags: [] }]),
      clock.now
    )
    expect((await db.cards.get('d/c1'))?.question).toBe('Edited question')
  })

  it('resets a studied card to new with a Manual log, and undo restores it', async () => {
    const { db, state, clock, gradeCurrent } = await studying()
    await gradeCurrent(1)
    clock.now += 120_000
    await gradeCurrent(3)
    expect(state().session?.card?.id).toBe('d/c1')
    const learning = (await db.cards.get('d/c1'))!
    await state().forgetCard()
    const reset = (await db.cards.get('d/c1'))!
    expect({ state: reset.state, reps: reset.reps, lapses: reset.lapses, queue: reset.queue }).toEqual({
      state: State.New,
      reps: 0,
      lapses: 0,
      queue: Queue.New
    })
    const logs = await db.reviews.where('cardKey').equals('d/c1').sortBy('review')
    expect(logs.map((l) => [l.rating, l.manual])).toEqual([
      [Rating.Again, undefined],
      [Rating.Manual, 'reset']
    ])
    await state().undoLast()
    expect(unstamped(await db.cards.get('d/c1'))).toEqual(unstamped(learning))
    expect(await db.reviews.where('cardKey').equals('d/c1').count()).toBe(1)
  })

  it('shows the review history of the card on screen with the figures ts-fsrs used', async () => {
    const { state, clock, gradeCurrent } = await studying()
    await gradeCurrent(1) // c1 Again → back in 1 minute
    clock.now += 120_000
    await gradeCurrent(3) // c2 Good; c1 is next
    await state().showCardHistory()
    const rows = state().cardHistory!
    expect(rows.map((r) => [r.rating, r.stateBefore])).toEqual([[Rating.Again, State.New]])
    expect(rows[0]!.intervalDays * 1440).toBeCloseTo(1, 5)
    expect(rows[0]!.retrievability).toBeUndefined()
    expect(rows[0]!.stability).toBeGreaterThan(0)
  })

  it('shows each next card from the session’s own records: a grade reads the store once, for its stale-card check', async () => {
    const { db, state, gradeCurrent } = await studying()
    // The card is read by key, or (burying siblings, as by default) with its note's cards.
    const reads = vi.spyOn(db.cards, 'get')
    const noteReads = vi.spyOn(db.cards, 'where')
    for (let i = 0; i < 5; i++) await gradeCurrent(3)
    expect(reads.mock.calls.length + noteReads.mock.calls.length).toBe(5)
    expect(state().session?.card?.id).toBe('d/c6')
    expect(unstamped(state().session!.card)).toEqual(unstamped(await db.cards.get('d/c6')))
  })

  it('keeps a flagged or edited card current in the session, so its later grade is saved, not refused as changed elsewhere', async () => {
    const { db, state, clock, gradeCurrent } = await studying()
    await state().toggleFlag(2)
    await state().editCard({ front: 'Edited first', back: 'Edited answer', extra: '' })
    await gradeCurrent(1) // d/c1 goes to learning and comes back after its first step
    clock.now += 10 * 60_000
    await gradeCurrent(3)
    expect(state().session?.card).toMatchObject({ id: 'd/c1', flag: 2, question: 'Edited first' })
    await gradeCurrent(3)
    expect(state().session?.error).toBeUndefined()
    expect(await db.reviews.where('cardKey').equals('d/c1').count()).toBe(2)
    expect(await db.cards.get('d/c1')).toMatchObject({ flag: 2, question: 'Edited first', reps: 2 })
  })

  it('takes a second grade key pressed while the first grade is being written as nothing, never as a second grade', async () => {
    const { db, state, clock } = await studying()
    state().reveal()
    clock.now += 4000
    const first = state().grade(3)
    const second = state().grade(1)
    await Promise.all([first, second])
    expect(await db.reviews.count()).toBe(1)
    expect((await db.reviews.toArray())[0]?.rating).toBe(3)
    expect(state().session).toMatchObject({ card: { id: 'd/c2' }, saving: false })
  })
})
