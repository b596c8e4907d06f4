import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { optionsForDeck } from '@db/options-repository'
import { FSRSBinding } from '@open-spaced-repetition/binding'
import { createRecallStore } from '@store'
import { default_w, generatorParameters, Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'
import { FSRS6_DEFAULT_W, fsrs6, RATINGS } from '../../helpers/fsrs6-reference'

/**
 * FSRS-6's published default parameters, w0…w20, as written in:
 * - fsrs-rs, src/inference.rs, `DEFAULT_PARAMETERS` (FSRS-6; the last one is `FSRS6_DEFAULT_DECAY`);
 * - fsrs4anki's scheduler v6.1.1, fsrs4anki_scheduler.js, `deckParams[0].w` ("Default parameters of
 *   FSRS4Anki for global");
 * - py-fsrs 6.x, fsrs/scheduler.py, `DEFAULT_PARAMETERS`.
 * The wiki's "The Algorithm" names them: w0–w3 initial stability per grade, w4–w5 initial
 * difficulty, w6 difficulty step, w7 mean reversion, w8–w10 recall stability, w11–w14 post-lapse
 * stability, w15 Hard penalty, w16 Easy bonus, w17–w19 same-day stability, w20 decay.
 */
const PUBLISHED = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729,
  0.5425, 0.0912, 0.0658, 0.1542
]

describe('the default FSRS parameters', () => {
  it('are FSRS-6’s 21 published defaults: in ts-fsrs, in fsrs-rs and in the reference', () => {
    expect(PUBLISHED).toHaveLength(21)
    expect([...default_w]).toEqual(PUBLISHED)
    expect([...FSRS6_DEFAULT_W]).toEqual(PUBLISHED)
    // fsrs-rs without parameters: the first review of each grade gives S0 = w0…w3 (in float32).
    const first = new FSRSBinding().nextStates(null, 0.9, 0)
    expect([first.again, first.hard, first.good, first.easy].map((s) => s.memory.stability)).toEqual(PUBLISHED.slice(0, 4).map(Math.fround))
  })

  it('are what Recall hands ts-fsrs when a deck has no parameters of its own', async () => {
    expect(DEFAULT_STUDY_OPTIONS.w).toBeUndefined()
    const db = freshDatabase()
    const library = { decks: [makeDeck('d', makeCards(4))], problems: [] }
    let now = new Date(2026, 5, 1, 10, 0).getTime()
    const store = createRecallStore({ db, platform: fakePlatform(library), now: () => now })
    await store.getState().loadLibrary()
    expect((await optionsForDeck(db, 'd')).w).toBeUndefined()
    // The scheduler's parameters without `w` (core/scheduling/scheduler.ts spreads `w` only when the deck has one).
    const { w: _w, ...withoutW } = DEFAULT_STUDY_OPTIONS
    expect([...generatorParameters({ ...withoutW, enable_short_term: true }).w]).toEqual(PUBLISHED)

    // And through the study screen: a new card's first grade stores S0(G) = w(G−1) and D0(G) from w4, w5.
    const ref = fsrs6()
    await store.getState().startStudy('d')
    for (const rating of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const) {
      const id = store.getState().session!.card!.id
      store.getState().reveal()
      now += 5_000
      await store.getState().grade(rating)
      const stored = (await db.cards.get(id))!
      const expected = ref.next(null, 0, RATINGS[rating - 1]!)
      expect(stored.stability).toBe(PUBLISHED[rating - 1])
      expect(stored.difficulty).toBeCloseTo(expected.difficulty, 8)
    }
  })
})
