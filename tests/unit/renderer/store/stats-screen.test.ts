import { loadCardFigures } from '@db/stats-repository'
import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

vi.mock('@db/stats-repository', async (importOriginal) => {
  const original = await importOriginal<typeof import('@db/stats-repository')>()
  return { ...original, loadCardFigures: vi.fn(original.loadCardFigures) }
})
const realLoadCardFigures = (
  await vi.importActual<typeof import('@db/stats-repository')>('../../../../src/renderer/src/db/stats-repository')
).loadCardFigures

const library = { decks: [makeDeck('a', makeCards(30)), makeDeck('b', makeCards(30))], problems: [] }
const platform: Platform = fakePlatform(library)

async function setup() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 6, 1, 10, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  return { db, clock, state }
}

async function study(s: Awaited<ReturnType<typeof setup>>, deckId: string, ratings: Rating[]) {
  await s.state().startStudy(deckId)
  for (const rating of ratings) {
    s.state().reveal()
    s.clock.now += 6_000
    await s.state().grade(rating as Exclude<Rating, Rating.Manual>)
  }
  await s.state().leaveStudy()
}

describe('the statistics screen’s figures', () => {
  it('shows today’s study for the collection and for each deck', async () => {
    const s = await setup()
    await study(s, 'a', [Rating.Good, Rating.Again, Rating.Easy, Rating.Good])
    await study(s, 'b', [Rating.Again, Rating.Good])

    await s.state().openStats()
    expect(s.state().screen).toEqual({ name: 'stats' })
    const all = s.state().stats
    expect(all.status).toBe('ready')
    expect(all.snapshot?.today).toMatchObject({ reviews: 6, cards: 6, again: 2, timeMs: 36_000 })
    expect(all.snapshot?.today.againRate).toBeCloseTo(1 / 3, 12)
    expect(all.snapshot?.calendar.days.at(-1)?.count).toBe(6)
    expect(all.snapshot?.streaks).toEqual({ current: 1, longest: 1 })
    expect(all.snapshot?.counts.total.total).toBe(60)
    expect(all.snapshot?.counts.byDeck.map((d) => [d.deckId, d.counts.new])).toEqual([
      ['a', 26],
      ['b', 28]
    ])
    expect(all.snapshot?.buttons.find((g) => g.group === 'learning')?.counts).toEqual([2, 0, 3, 1])

    await s.state().chooseStatsDeck('b')
    expect(s.state().stats.snapshot?.today).toMatchObject({ reviews: 2, cards: 2, again: 1 })
    expect(s.state().stats.snapshot?.counts.total.total).toBe(30)
  })

  it('keeps the last deck chosen when an earlier choice finishes loading after it', async () => {
    const s = await setup()
    await study(s, 'a', [Rating.Good, Rating.Good, Rating.Good])
    await s.state().openStats()
    // Deck a's figures are held back, so they arrive after deck b's.
    vi.mocked(loadCardFigures).mockImplementationOnce(async (...args) => {
      const snapshot = await realLoadCardFigures(...args)
      await new Promise((resolve) => setTimeout(resolve, 50))
      return snapshot
    })
    const first = s.state().chooseStatsDeck('a')
    const second = s.state().chooseStatsDeck('b')
    await Promise.all([first, second])
    expect(s.state().stats.deck).toBe('b')
    expect(s.state().stats.snapshot?.today.reviews).toBe(0)
  })

  it('shows the review figures first on a first opening, while the cards are still being counted', async () => {
    const s = await setup()
    await study(s, 'a', [Rating.Good, Rating.Again])
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    vi.mocked(loadCardFigures).mockImplementationOnce(async (...args) => {
      await held
      return realLoadCardFigures(...args)
    })
    const opening = s.state().openStats()
    await vi.waitFor(() => expect(s.state().stats.early).not.toBeNull())
    expect(s.state().stats).toMatchObject({ status: 'loading', snapshot: null, early: { today: { reviews: 2, cards: 2 } } })
    release()
    await opening
    expect(s.state().stats).toMatchObject({
      status: 'ready',
      early: null,
      snapshot: { today: { reviews: 2 }, counts: { total: { total: 60 } } }
    })
  })

  it('switches the due forecast between 30 and 90 days without reading again', async () => {
    const s = await setup()
    await study(s, 'a', [Rating.Easy, Rating.Easy])
    await s.state().openStats()
    const snapshot = s.state().stats.snapshot!
    s.state().chooseForecastDays(90)
    expect(s.state().stats.forecastDays).toBe(90)
    expect(s.state().stats.snapshot).toBe(snapshot)
    expect(snapshot.forecast[90].days).toHaveLength(90)
    // Two cards answered Easy on their first sight graduate to reviews due within 30 days.
    expect(snapshot.forecast[30].total).toBe(2)
    expect(snapshot.forecast[30].later).toBe(0)
  })
})
