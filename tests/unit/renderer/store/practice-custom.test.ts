import { basicNotes } from '../../helpers/notes'
import { Queue } from '@core/model'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { readDeck } from '../../helpers/built-in-cards'
import { practiceStore } from './practice-setup'

const DECK = 'aws-ml-services'
const services = readDeck(DECK)
const DAY = 86_400_000

/** Goes through the whole session: shows each answer and moves on (grading with `rating` when rescheduling). */
async function goThrough(state: Awaited<ReturnType<typeof practiceStore>>['state'], rating?: 2 | 3 | 4 | 1) {
  const seen: string[] = []
  while (state().customSession?.card) {
    seen.push(state().customSession!.card!.id)
    state().revealCustom()
    await state().nextCustom(rating)
  }
  return seen
}

describe('custom study', () => {
  it('previews new cards in deck order and writes nothing at all', async () => {
    const { state, db } = await practiceStore()
    const cardsBefore = await db.cards.toArray()
    state().editCustomForm({ deckId: DECK, kind: 'preview-new', count: '5' })
    expect(state().practice.customForm.reschedule).toBe(false)
    await state().startCustomStudy()
    expect(state().practice.view).toBe('custom')
    expect(state().customSession).toMatchObject({ mode: 'preview', title: 'Preview new cards', index: 0, revealed: false })
    // Moving on needs the answer shown first.
    await state().nextCustom()
    expect(state().customSession?.index).toBe(0)

    const seen = await goThrough(state)
    expect(seen).toEqual(
      basicNotes(services)
        .slice(0, 5)
        .map((c) => `${DECK}/${c.id}`)
    )
    expect(state().customSession).toMatchObject({ index: 5, graded: 0 })
    expect(state().customSession?.card).toBeUndefined()
    expect(await db.reviews.count()).toBe(0)
    expect(await db.cards.toArray()).toEqual(cardsBefore)
  })

  it('grades through FSRS when “Reschedule cards I answer” is ticked', async () => {
    const { state, db } = await practiceStore()
    state().editCustomForm({ deckId: DECK, kind: 'tags', tags: 'vision', reschedule: true })
    await state().startCustomStudy()
    const first = state().customSession!.card!
    expect(first.tags).toContain('vision')
    state().revealCustom()
    await state().nextCustom() // no grade given: nothing happens
    expect(await db.reviews.count()).toBe(0)
    await state().nextCustom(Rating.Easy)
    expect((await db.reviews.toArray()).map((r) => [r.cardKey, r.rating])).toEqual([[first.id, Rating.Easy]])
    expect(await db.cards.get(first.id)).toMatchObject({ state: State.Review, queue: Queue.Review })
    expect(state().customSession?.graded).toBe(1)
  })

  it('studies by tag across both directions, and a tag selects its children', async () => {
    const { state } = await practiceStore()
    state().editCustomForm({ kind: 'tags', tags: 'vision, speech-and-text' })
    await state().startCustomStudy()
    const expected = basicNotes(services).filter((c) => c.tags.includes('vision') || c.tags.includes('speech-and-text'))
    const keys = state().customSession!.keys
    expect(keys).toHaveLength(expected.length + expected.filter((c) => c.reverse).length)
    expect(keys.every((k) => k.startsWith(`${DECK}/`))).toBe(true)
  })

  it('reviews ahead: cards due in the next days, not today’s', async () => {
    const { state, db, clock } = await practiceStore()
    const due = async (id: string, at: number) => {
      const card = (await db.cards.get(`${DECK}/${id}`))!
      await db.cards.put({
        ...card,
        state: State.Review,
        queue: Queue.Review,
        due: at,
        stability: 10,
        difficulty: 5,
        reps: 2,
        last_review: at - 10 * DAY
      })
    }
    await due('polly', clock.now + 2 * 3_600_000) // later today
    await due('rekognition', clock.now + DAY) // tomorrow
    await due('textract', clock.now + 3 * DAY)
    state().editCustomForm({ deckId: DECK, kind: 'review-ahead', days: '2' })
    await state().startCustomStudy()
    expect(state().customSession?.keys).toEqual([`${DECK}/rekognition`])
  })

  it('studies the cards forgotten in the last days, from their Again grades', async () => {
    const { state, db, clock } = await practiceStore()
    await state().startStudy(DECK)
    for (const rating of [Rating.Again, Rating.Good, Rating.Again] as const) {
      state().reveal()
      clock.now += 5_000
      await state().grade(rating)
    }
    await state().leaveStudy()
    const again = (await db.reviews.toArray()).filter((r) => r.rating === Rating.Again).map((r) => r.cardKey)
    expect(again).toHaveLength(2)
    clock.now += DAY
    state().editCustomForm({ deckId: '', kind: 'forgotten', days: '2' })
    await state().startCustomStudy()
    expect(new Set(state().customSession!.keys)).toEqual(new Set(again))

    // Only today: yesterday's lapses are outside the window.
    await state().showPracticeHome()
    state().editCustomForm({ days: '1' })
    await state().startCustomStudy()
    expect(state().customSession).toBeNull()
    expect(state().practice.customError).toBe('You have not answered Again on any card in those days.')
  })

  it('explains input it cannot use', async () => {
    const { state } = await practiceStore()
    state().editCustomForm({ kind: 'tags', tags: ' , ' })
    await state().startCustomStudy()
    expect(state().practice.customError).toBe('Type at least one tag')
    state().editCustomForm({ kind: 'preview-new', count: '0' })
    expect(state().practice.customError).toBeUndefined()
    await state().startCustomStudy()
    expect(state().practice.customError).toBe('Number of cards must be from 1 to 1000')
    state().editCustomForm({ kind: 'tags', tags: 'no-such-tag' })
    await state().startCustomStudy()
    expect(state().practice.customError).toBe('No card in these decks has those tags.')
    expect(state().customSession).toBeNull()
  })

  it('offers the tags of the chosen decks', async () => {
    const { state } = await practiceStore()
    state().editCustomForm({ deckId: 'aws-ml-pipeline' })
    await state().loadCustomTags()
    const tags = new Set(readDeck('aws-ml-pipeline').notes.flatMap((c) => c.tags))
    expect(state().practice.tags).toEqual([...tags].sort())
    expect(state().practice.tags).toContain('ml-pipeline')
  })
})
