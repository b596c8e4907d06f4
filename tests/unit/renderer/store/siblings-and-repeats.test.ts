import { DEFAULT_PRESET_ID, DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { REPEAT_GAP } from '@core/practice/repeat-gap'
import { countQueue } from '@core/scheduling/queue'
import type { LibraryDeck } from '@shared/ipc'
import { createRecallStore } from '@store'
import { Rating, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const DAY = 86_400_000
const cloze: LibraryDeck = makeDeck('z', [
  { id: 'paris', type: 'cloze', text: '{{c1::Paris}} is the capital of {{c2::France}}, on the {{c3::Seine}}.', tags: [] }
])

async function setup(decks: LibraryDeck[]) {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 5, 1, 9, 0).getTime() }
  const store = createRecallStore({ db, platform: fakePlatform({ decks, problems: [] }), now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  const counts = (deckId: string) => state().library.decks.find((d) => d.id === deckId)!.counts
  /**
   * Studies the deck until nothing is left today, as a person would: shows each answer and grades it
   * with `rate` (Easy unless told), waiting when the session waits. Returns the cards in the order shown.
   */
  async function studyDay(deckId: string, rate: (id: string, shown: string[]) => Grade = () => Rating.Easy): Promise<string[]> {
    await state().startStudy(deckId)
    // What the deck list said is what the session finds.
    expect(countQueue(state().session!.queue)).toEqual(counts(deckId))
    const shown: string[] = []
    for (let i = 0; i < 60; i++) {
      const session = state().session!
      if (session.step.kind === 'done') break
      if (session.step.kind === 'wait') {
        clock.now = session.step.until
        await state().resume()
        continue
      }
      shown.push(session.card!.id)
      state().reveal()
      clock.now += 5_000
      await state().grade(rate(session.card!.id, shown))
    }
    await state().leaveStudy()
    return shown
  }
  const nextDay = async () => {
    clock.now += DAY
    await state().refreshCounts()
  }
  return { db, clock, state, counts, studyDay, nextDay }
}

describe('sibling burying, as Anki does it', () => {
  it('studies one direction of a reversed note a day: the other waits for the next study day, and the deck list agrees', async () => {
    const { db, counts, studyDay, nextDay } = await setup([makeDeck('r', makeCards(2, true))])
    expect(counts('r')).toEqual({ fresh: 2, learning: 0, review: 0 })

    expect(await studyDay('r')).toEqual(['r/c1', 'r/c2'])
    // Buried until the next study day starts, at 4 am.
    expect(await db.cards.get('r/c1/reverse')).toMatchObject({ queue: Queue.Buried, buriedUntil: new Date(2026, 5, 2, 4).getTime() })
    expect(counts('r')).toEqual({ fresh: 0, learning: 0, review: 0 })

    await nextDay()
    expect(counts('r')).toEqual({ fresh: 2, learning: 0, review: 0 })
    expect(await studyDay('r')).toEqual(['r/c1/reverse', 'r/c2/reverse'])
    expect(counts('r')).toEqual({ fresh: 0, learning: 0, review: 0 })
  })

  it('buries the sibling of a card still learning, and undoing the grade brings the sibling back', async () => {
    const { db, counts, state, clock } = await setup([makeDeck('r', makeCards(1, true))])
    await state().startStudy('r')
    state().reveal()
    clock.now += 5_000
    await state().grade(Rating.Good) // learning again in 10 minutes
    expect((await db.cards.get('r/c1/reverse'))!.queue).toBe(Queue.Buried)
    expect(state().session?.card?.id).toBe('r/c1')
    await state().leaveStudy()
    expect(counts('r')).toEqual({ fresh: 0, learning: 1, review: 0 })

    await state().startStudy('r')
    await state().undoLast()
    expect((await db.cards.get('r/c1/reverse'))!.queue).toBe(Queue.New)
    expect((await db.cards.get('r/c1'))!.queue).toBe(Queue.New)
  })

  it('shows both directions the same day with the option off', async () => {
    const { counts, studyDay, state } = await setup([makeDeck('r', makeCards(2, true))])
    await state().openOptions('r')
    expect(state().optionsEditor?.form).toMatchObject({
      buryNewSiblings: true,
      buryReviewSiblings: true,
      buryInterdayLearningSiblings: true
    })
    state().editOptions({ buryNewSiblings: false })
    expect(await state().saveOptions()).toBe(true)
    await state().refreshCounts()
    expect(counts('r')).toEqual({ fresh: 4, learning: 0, review: 0 })
    expect(await studyDay('r')).toEqual(['r/c1', 'r/c2', 'r/c1/reverse', 'r/c2/reverse'])
  })

  it('reads a preset saved before the options existed as all three on', async () => {
    const { db, state, counts } = await setup([makeDeck('r', makeCards(2, true))])
    const { buryNewSiblings: _, buryReviewSiblings: __, buryInterdayLearningSiblings: ___, ...older } = DEFAULT_STUDY_OPTIONS
    await db.presets.put({
      id: DEFAULT_PRESET_ID,
      name: 'Default',
      options: { ...older, newCardsPerDay: 30 } as typeof DEFAULT_STUDY_OPTIONS
    })
    await state().refreshCounts()
    expect(counts('r')).toEqual({ fresh: 2, learning: 0, review: 0 })
    await state().openOptions('r')
    expect(state().optionsEditor?.form).toMatchObject({
      newCardsPerDay: '30',
      buryNewSiblings: true,
      buryReviewSiblings: true,
      buryInterdayLearningSiblings: true
    })
  })

  it('studies one card of a cloze note with three deletions a day', async () => {
    const { counts, studyDay, nextDay } = await setup([cloze])
    const days: string[][] = []
    for (let i = 0; i < 3; i++) {
      expect(counts('z')).toEqual({ fresh: 1, learning: 0, review: 0 })
      days.push(await studyDay('z'))
      expect(counts('z')).toEqual({ fresh: 0, learning: 0, review: 0 })
      await nextDay()
    }
    expect(days).toEqual([['z/paris/c1'], ['z/paris/c2'], ['z/paris/c3']])
  })

  it('keeps the review of one card and the new card of its sibling apart, and buries the review when the sibling is answered', async () => {
    const { db, counts, studyDay, state, clock } = await setup([makeDeck('r', makeCards(1, true))])
    expect(await studyDay('r')).toEqual(['r/c1'])
    // Days later the forward card is due for review; its reverse is new. Only the review is gathered.
    clock.now = (await db.cards.get('r/c1'))!.due + 3_600_000
    await state().refreshCounts()
    expect(counts('r')).toEqual({ fresh: 0, learning: 0, review: 1 })
    expect(await studyDay('r')).toEqual(['r/c1'])
    expect((await db.cards.get('r/c1/reverse'))!.queue).toBe(Queue.Buried)
  })
})

describe('no immediate repeat', () => {
  it('never shows a card graded Again three times in a row twice in a row while other cards wait', async () => {
    const { state, clock } = await setup([makeDeck('p', makeCards(3))])
    await state().startStudy('p')
    const shown: Array<{ id: string; left: number }> = []
    let again = 0
    for (let i = 0; i < 30; i++) {
      const session = state().session!
      if (session.step.kind === 'done') break
      if (session.step.kind === 'wait') {
        clock.now = session.step.until
        await state().resume()
        continue
      }
      const { queue } = session
      const left = new Set([...queue.learning, ...queue.review, ...queue.fresh].map((e) => e.id)).size
      shown.push({ id: session.card!.id, left })
      state().reveal()
      clock.now += 5_000
      // p/c1 is forgotten three times; the others are known.
      const forgotten = session.card!.id === 'p/c1' && again < 3
      if (forgotten) again++
      await state().grade(forgotten ? Rating.Again : Rating.Good)
    }
    expect(again).toBe(3)
    for (let i = 1; i < shown.length; i++) if (shown[i]!.id === shown[i - 1]!.id) expect(shown[i]!.left, `step ${i}`).toBe(1)
    expect(shown.map((s) => s.id).filter((id) => id === 'p/c1').length).toBeGreaterThanOrEqual(4)
  })

  it('brings the last card left straight back', async () => {
    const { state, clock } = await setup([makeDeck('p', makeCards(1))])
    await state().startStudy('p')
    state().reveal()
    clock.now += 5_000
    await state().grade(Rating.Again)
    expect(state().session?.card?.id).toBe('p/c1')
  })
})

describe('practice: a missed question comes back only after others', () => {
  async function mcAnswering(deck: LibraryDeck) {
    const s = await setup([deck])
    await s.state().startMcStudy(deck.deck.id)
    const mc = () => s.state().mcSession!
    const answer = async (right: boolean) => {
      const choice = mc().choice!
      if (choice.options.length === 0) {
        s.state().revealMc()
        return s.state().nextMc(right ? Rating.Good : Rating.Again)
      }
      s.state().chooseMcOption(right ? choice.correctIndex : (choice.correctIndex + 1) % choice.options.length)
      await s.state().nextMc()
    }
    return { ...s, mc, answer }
  }

  it(`in multiple choice, after at least ${REPEAT_GAP} others when that many are left`, async () => {
    const { mc, answer, clock } = await mcAnswering(makeDeck('m', makeCards(6)))
    const missed = mc().card!.id
    await answer(false)
    clock.now += 61_000 // due again after the first learning step
    const between: string[] = []
    while (mc().card!.id !== missed) {
      between.push(mc().card!.id)
      await answer(true)
    }
    expect(between).toHaveLength(REPEAT_GAP)
  })

  it('in multiple choice, after the only other card when one is left', async () => {
    const { mc, answer, clock } = await mcAnswering(makeDeck('m', makeCards(2)))
    expect(mc().card?.id).toBe('m/c1')
    await answer(false)
    expect(mc().card?.id).toBe('m/c2')
    clock.now += 61_000
    await answer(true)
    expect(mc().card?.id).toBe('m/c1')
  })

  it(`in custom study with rescheduling, a card answered Again is asked again after ${REPEAT_GAP} others`, async () => {
    const { state } = await setup([makeDeck('t', makeCards(5))])
    state().editCustomForm({ deckId: 't', kind: 'preview-new', count: '5', reschedule: true })
    await state().startCustomStudy()
    const seen: string[] = []
    while (state().customSession?.card) {
      const id = state().customSession!.card!.id
      seen.push(id)
      state().revealCustom()
      await state().nextCustom(id === 't/c1' && seen.length === 1 ? Rating.Again : Rating.Good)
    }
    expect(seen).toEqual(['t/c1', 't/c2', 't/c3', 't/c4', 't/c1', 't/c5'])
  })
})
