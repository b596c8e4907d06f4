import { DEFAULT_STUDY_OPTIONS, Queue, type CardRecord } from '@core/model'
import { createStudyClock } from '@core/time/study-clock'
import { savePresetForDeck } from '@db/options-repository'
import { createRecallStore } from '@store'
import { DAY_MS } from '@shared/durations'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

/**
 * The load balancer through the study screen. 30 review cards are due today; another 1,100
 * reviews are already due on the days ahead, 30 a day except every third day, which is empty.
 * Any fuzz range of 3 days or more holds an empty day: with the balancer on, a review graded Good
 * should land there nearly always; with it off, about a third of the time.
 */
const DUE_TODAY = 30
const library = { decks: [makeDeck('d', makeCards(DUE_TODAY + 1100))], problems: [] }

async function studyAll(loadBalancing: boolean) {
  const db = freshDatabase()
  let now = new Date(2026, 5, 1, 9, 0).getTime()
  const store = createRecallStore({ db, platform: fakePlatform(library), now: () => now })
  await store.getState().loadLibrary()
  await savePresetForDeck(db, 'd', {
    id: 'p',
    name: 'Balance',
    options: { ...DEFAULT_STUDY_OPTIONS, loadBalancing, newCardsPerDay: 0 }
  })
  const clock = createStudyClock(4)
  const today = clock.dayNumber(now)
  const emptyDay = (day: number) => (day - today) % 3 === 0
  const aheadDays = Array.from({ length: 110 }, (_, i) => today + 1 + i).filter((day) => !emptyDay(day))
  const cards = await db.cards.toArray()
  const review = (card: CardRecord, due: number, stability: number): CardRecord => ({
    ...card,
    queue: Queue.Review,
    state: State.Review,
    due,
    stability,
    difficulty: 5,
    scheduled_days: Math.round(stability),
    reps: 4,
    last_review: due - Math.round(stability) * DAY_MS
  })
  await db.cards.bulkPut(
    cards.map((card, i) =>
      i < DUE_TODAY
        ? // Due today, stabilities 4 to 33 days: intervals with fuzz ranges of 3 days or more.
          review(card, now - 3_600_000, 4 + i)
        : review(card, clock.fromClock(aheadDays[(i - DUE_TODAY) % aheadDays.length]! * DAY_MS + 12 * 3_600_000), 50)
    )
  )

  await store.getState().startStudy('d')
  const landed: number[] = []
  for (let i = 0; i < DUE_TODAY; i++) {
    const card = store.getState().session!.card!
    expect(card.state).toBe(State.Review)
    store.getState().reveal()
    now += 4_000
    await store.getState().grade(Rating.Good)
    landed.push(clock.dayNumber((await db.cards.get(card.id))!.due))
  }
  expect(store.getState().session!.card).toBeUndefined()
  return landed.filter(emptyDay).length
}

describe('the load balancer on the study screen', () => {
  it('sends reviews to the light days of their fuzz range; off, they land anywhere in it', async () => {
    const balanced = await studyAll(true)
    const plain = await studyAll(false)
    expect(balanced).toBeGreaterThanOrEqual(DUE_TODAY - 2)
    expect(plain).toBeLessThan(DUE_TODAY * 0.7)
  })
})
