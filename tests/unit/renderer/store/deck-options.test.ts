import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { REVIEW_DAYS_ROW } from '@db/review-rollup'
import { Rating } from 'ts-fsrs'
import { describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const library = { decks: [makeDeck('a', makeCards(40)), makeDeck('b', makeCards(40))], problems: [] }
const platform: Platform = fakePlatform(library)

async function setup() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 6, 1, 10, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  return { db, clock, state }
}

describe('deck options', () => {
  it('shows a message next to each invalid field and saves nothing', async () => {
    const { state, db } = await setup()
    await state().openOptions('a')
    state().editOptions({ learning_steps: '1m 10x', newCardsPerDay: 'lots' })
    expect(await state().saveOptions()).toBe(false)
    expect(state().optionsEditor?.errors).toEqual({
      learning_steps: '"10x" is not a step: write numbers with m, h or d, like "1m 10m 1d"',
      newCardsPerDay: 'New cards per day must be a number'
    })
    expect(await db.presets.count()).toBe(0)
  })

  it('applies a new preset to one deck only, and the deck list counts follow at once', async () => {
    const { state } = await setup()
    await state().openOptions('a')
    state().editOptions({ newCardsPerDay: '35', presetName: 'Cram' })
    expect(await state().saveOptions(true)).toBe(true)
    await state().refreshCounts()
    const counts = Object.fromEntries(state().library.decks.map((d) => [d.id, d.counts.fresh]))
    expect(counts).toEqual({ a: 35, b: 20 })

    await state().openOptions('b')
    expect(state().optionsEditor?.presetName).toBe('Default')
    state().choosePreset(state().optionsEditor!.presets.find((p) => p.name === 'Cram')!.id)
    expect(await state().saveOptions()).toBe(true)
    await state().refreshCounts()
    expect(state().library.decks.map((d) => d.counts.fresh)).toEqual([35, 35])
  })

  it('moves the day boundary for every deck', async () => {
    const { state, clock, db } = await setup()
    clock.now = new Date(2026, 6, 2, 5, 30).getTime() // 5:30 am
    await state().startStudy('a')
    for (let i = 0; i < 20; i++) {
      state().reveal()
      await state().grade(Rating.Easy)
    }
    await state().leaveStudy()
    expect(state().library.decks[0]?.counts.fresh).toBe(0)
    // With the day starting at 6 am, 5:30 still belongs to yesterday; at 6:00 a new day begins.
    await state().openOptions('a')
    state().editOptions({ dayStartsAtHour: '6' })
    expect(await state().saveOptions()).toBe(true)
    clock.now = new Date(2026, 6, 2, 6, 0).getTime()
    await state().refreshCounts()
    expect(state().library.decks[0]?.counts.fresh).toBe(20)
    // The statistics' days are summed again under the new hour in the background, before they open.
    await vi.waitFor(async () => expect(await db.derived.get(REVIEW_DAYS_ROW)).toMatchObject({ dayStartsAtHour: 6 }))
    expect((await db.reviewDays.toArray()).map((row) => new Date(row.day).getHours())).toEqual([6])
  })

  it('reschedules studied cards from their history when asked', async () => {
    const { state, db, clock } = await setup()
    await state().startStudy('a')
    for (let i = 0; i < 5; i++) {
      state().reveal()
      clock.now += 10_000
      await state().grade(Rating.Easy)
    }
    await state().leaveStudy()
    const before = await db.cards
      .where('deckId')
      .equals('a')
      .filter((c) => c.reps > 0)
      .toArray()
    await state().openOptions('a')
    state().editOptions({ request_retention: '0.75', enable_fuzz: false })
    await state().saveAndReschedule()
    expect(state().optionsEditor?.message).toBe('Rescheduled 5 studied cards with the new parameters.')
    const after = await db.cards.bulkGet(before.map((c) => c.id))
    after.forEach((card, i) => expect(card!.due).toBeGreaterThan(before[i]!.due))
    expect(await db.reviews.filter((r) => r.manual === 'reschedule').count()).toBe(5)
    // Limits are about study, not about rescheduling: the counts are unchanged.
    await state().refreshCounts()
    expect(state().library.decks[0]?.counts.fresh).toBe(15)
  })
})
