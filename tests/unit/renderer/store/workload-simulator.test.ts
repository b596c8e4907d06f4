import { CMRR_RANGE, SWEEP_RETENTIONS } from '@core/simulation/optimal-retention'
import { createRecallStore } from '@store'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

async function setup() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 6, 1, 10, 0).getTime() }
  const platform = fakePlatform({ decks: [makeDeck('a', makeCards(40)), makeDeck('b', makeCards(5))], problems: [] })
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  // Yesterday: forty answers, Good for the first ten and Easy after, some to cards in their steps.
  clock.now -= 86_400_000
  await state().startStudy('a')
  for (let i = 0; i < 40 && state().session?.card; i++) {
    state().reveal()
    clock.now += 11 * 60_000
    await state().grade(i < 10 ? Rating.Good : Rating.Easy)
  }
  await state().leaveStudy()
  clock.now = new Date(2026, 6, 1, 10, 0).getTime()
  return { db, clock, state }
}

describe('the workload simulator on the deck options', () => {
  it('reads the deck’s memory states, sweeps the retentions off the click path and marks the minimum', async () => {
    const { state, db } = await setup()
    await state().openOptions('a')
    expect(state().workload).toMatchObject({
      status: 'idle',
      form: { days: '365', newCardsPerDay: '20', reviewsPerDay: '200', retention: '0.9' }
    })
    state().editWorkload({ days: '60', newCardsPerDay: '5', retention: '85' })

    const running = state().simulateWorkload()
    // The action returns to the page between retentions: it is seen running, part done.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(state().workload?.status).toBe('running')
    for (let tick = 0; tick < 2000 && state().workload!.progress === 0; tick++) await new Promise((resolve) => setTimeout(resolve, 1))
    expect(state().workload?.status).toBe('running')
    expect(state().workload?.progress).toBeGreaterThan(0)
    expect(state().workload?.progress).toBeLessThan(1)
    await running

    const workload = state().workload!
    expect(workload.status).toBe('ready')
    expect(workload.progress).toBe(1)
    expect(workload.inputs).toEqual({ days: 60, newCardsPerDay: 5, reviewsPerDay: 200, retention: 0.85 })
    const result = workload.result!
    // The cards met yesterday, counted in the collection.
    const cards = await db.cards.where('deckId').equals('a').toArray()
    const studied = cards.filter((c) => c.state !== State.New).length
    expect(studied).toBe(20)
    expect(result).toMatchObject({ studied, fresh: 40 - studied })
    expect(result.outcomes.map((o) => o.retention)).toEqual(SWEEP_RETENTIONS)
    expect(result.cmrr).toBeGreaterThanOrEqual(CMRR_RANGE.min)
    expect(result.cmrr).toBeLessThanOrEqual(CMRR_RANGE.max)
    expect(result.lines[0]!.retention).toBe(0.85)
    expect(result.lines[0]!.days).toHaveLength(60)
    // Five new cards a day: the twenty new cards are in after four days.
    expect(result.lines[0]!.days.map((d) => d.newCards).slice(0, 6)).toEqual([5, 5, 5, 5, 0, 0])
    // The twenty studied cards come back: reviews from day 0 on.
    expect(result.outcomes[0]!.reviewsPerDay).toBeGreaterThan(0)

    // The same deck and inputs give the same figures.
    await state().simulateWorkload()
    expect(state().workload!.result).toEqual(result)
  })

  it('marks bad inputs and runs nothing', async () => {
    const { state } = await setup()
    await state().openOptions('a')
    state().editWorkload({ retention: '0.5', days: '' })
    await state().simulateWorkload()
    expect(state().workload).toMatchObject({
      status: 'idle',
      errors: { retention: 'Desired retention must be from 0.70 to 0.99', days: 'Days to simulate must be a whole number' },
      message: 'Please correct the fields marked in red.'
    })
    state().editWorkload({ days: '30' })
    expect(state().workload?.errors).toEqual({ retention: 'Desired retention must be from 0.70 to 0.99' })
  })

  it('drops a run when another deck’s options are opened', async () => {
    const { state } = await setup()
    await state().openOptions('a')
    state().editWorkload({ days: '30' })
    const running = state().simulateWorkload()
    await new Promise((resolve) => setTimeout(resolve, 0))
    await state().openOptions('b')
    await running
    expect(state().optionsEditor?.deckId).toBe('b')
    expect(state().workload).toMatchObject({ status: 'idle', progress: 0 })
    expect(state().workload?.result).toBeUndefined()
  })
})
