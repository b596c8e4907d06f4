import { basicNotes } from '../../helpers/notes'
import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { makeCards, makeDeck, unstamped } from '../../helpers/fixtures'
import { readDeck } from '../../helpers/built-in-cards'
import { practiceStore } from './practice-setup'

const DECK = 'aws-ml-services'
const services = readDeck(DECK)
const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

async function mcSession() {
  const setup = await practiceStore()
  await setup.state().startMcStudy(DECK)
  const mc = () => setup.state().mcSession!
  const wrongIndex = () => (mc().choice!.correctIndex + 1) % mc().choice!.options.length
  /** Answers the card on screen right, or wrong: by choosing, or (a card asked as a flashcard) by showing and grading it. */
  const answer = async (right: boolean) => {
    if (mc().choice!.options.length === 0) {
      setup.state().revealMc()
      return setup.state().nextMc(right ? Rating.Good : Rating.Again)
    }
    setup.state().chooseMcOption(right ? mc().choice!.correctIndex : wrongIndex())
    await setup.state().nextMc()
  }
  return { ...setup, mc, wrongIndex, answer }
}

describe('multiple choice inside scheduled review', () => {
  it('asks today’s first new card with its answer among four options from the same deck', async () => {
    const { mc, state, db } = await mcSession()
    expect(state().screen).toEqual({ name: 'practice' })
    expect(state().practice.view).toBe('mc')
    expect(mc().card?.id).toBe(`${DECK}/bedrock`)
    expect(mc().queue.fresh).toHaveLength(20)
    const { options, correctIndex, reason } = mc().choice!
    expect(options).toHaveLength(4)
    expect(reason).toBeUndefined()
    expect(options[correctIndex]!.text).toBe(basicNotes(services)[0]!.back)
    const backs = new Set(basicNotes(services).map((c) => c.back))
    expect(options.every((o) => backs.has(o.text))).toBe(true)
    expect(await db.reviews.count()).toBe(0)
  })

  it('saves a right answer as Good, once, when the user moves on, with the state FSRS computes', async () => {
    const { mc, state, db, clock } = await mcSession()
    const card = mc().card!
    clock.now += 4_000
    state().chooseMcOption(mc().choice!.correctIndex)
    expect(mc().grading).toMatchObject({ phase: 'answered', correct: true, rating: Rating.Good })
    expect(await db.reviews.count()).toBe(0)

    clock.now += 10_000 // reading the feedback is not part of the answer time
    await state().nextMc()
    const logs = await db.reviews.toArray()
    expect(logs.map((l) => [l.cardKey, l.rating, l.duration])).toEqual([[card.id, Rating.Good, 4_000]])
    const expected = previewGrades(scheduler, card, clock.now)[Rating.Good].next
    expect(await db.cards.get(card.id)).toMatchObject({ ...expected, queue: Queue.Learning })
    expect(mc().card?.id).toBe(`${DECK}/codewhisperer`)
    expect(mc().queue.learning.map((e) => e.id)).toEqual([card.id])
    expect([mc().answered, mc().correct]).toEqual([1, 1])
  })

  it('lets a right answer be changed from Good to Easy before moving on, and saves only Easy', async () => {
    const { mc, state, db } = await mcSession()
    const card = mc().card!
    state().chooseMcOption(mc().choice!.correctIndex)
    state().rateMc(Rating.Hard)
    state().rateMc(Rating.Easy)
    await state().nextMc()
    expect((await db.reviews.toArray()).map((l) => [l.cardKey, l.rating])).toEqual([[card.id, Rating.Easy]])
    expect(await db.cards.get(card.id)).toMatchObject({ state: State.Review, queue: Queue.Review })
    expect(mc().queue.learning).toEqual([])
  })

  it('saves a wrong choice as Again, which the user cannot change, and brings the card back in learning', async () => {
    const { mc, state, db, clock, wrongIndex, answer } = await mcSession()
    const card = mc().card!
    state().chooseMcOption(wrongIndex())
    state().chooseMcOption(mc().choice!.correctIndex) // a second choice does not replace the first
    state().rateMc(Rating.Easy)
    expect(mc().grading).toMatchObject({ phase: 'answered', correct: false, rating: Rating.Again })
    await state().nextMc()
    expect((await db.reviews.toArray()).map((l) => l.rating)).toEqual([Rating.Again])
    expect([mc().answered, mc().correct]).toEqual([1, 0])

    // Due again after the first learning step (1 minute), it comes back before new cards, but only
    // after three others (core/practice/repeat-gap.ts).
    clock.now += 61_000
    for (let i = 0; i < 3; i++) {
      expect(mc().card?.id).not.toBe(card.id)
      await answer(true)
    }
    expect(mc().card?.id).toBe(card.id)
  })

  it('does not save before an answer is chosen', async () => {
    const { mc, state, db } = await mcSession()
    await state().nextMc()
    state().rateMc(Rating.Easy)
    expect(mc().grading).toEqual({ phase: 'choosing' })
    expect(await db.reviews.count()).toBe(0)
  })

  it('asks reversed cards the other way round: a purpose, with service names as options', async () => {
    const setup = await practiceStore()
    const key = `${DECK}/polly/reverse`
    const polly = (await setup.db.cards.get(key))!
    // A reversed card studied before and due today: reviews come before new cards.
    await setup.db.cards.put({
      ...polly,
      state: State.Review,
      queue: Queue.Review,
      due: setup.clock.now - 3_600_000,
      stability: 5,
      difficulty: 5,
      reps: 2,
      last_review: setup.clock.now - 5 * 86_400_000,
      scheduled_days: 5
    })
    await setup.state().startMcStudy(DECK)
    const mc = setup.state().mcSession!
    expect(mc.card?.id).toBe(key)
    expect(mc.card?.question).toBe(basicNotes(services).find((c) => c.id === 'polly')!.back)
    const fronts = new Set(basicNotes(services).map((c) => c.front))
    expect(mc.choice!.options.map((o) => fronts.has(o.text))).toEqual([true, true, true, true])
    expect(mc.choice!.options[mc.choice!.correctIndex]!.text).toBe('Amazon Polly')
  })

  it('says why a card of a small deck is not asked as multiple choice, and falls back to show-and-grade', async () => {
    const two = await practiceStore([makeDeck('two', makeCards(2))])
    await two.state().startMcStudy('two')
    expect(two.state().mcSession!.choice).toEqual({
      options: [],
      correctIndex: -1,
      reason: 'Only 1 good wrong option for this card: asked as a flashcard'
    })
    const four = await practiceStore([makeDeck('four', makeCards(4))])
    await four.state().startMcStudy('four')
    expect(four.state().mcSession!.choice!.options).toHaveLength(4)

    const one = await practiceStore([makeDeck('one', makeCards(1))])
    await one.state().startMcStudy('one')
    const mc = () => one.state().mcSession!
    expect(mc().choice).toMatchObject({ options: [], reason: 'No related answer to offer as a wrong option: asked as a flashcard' })
    await one.state().nextMc(Rating.Good) // not before the answer is shown
    expect(await one.db.reviews.count()).toBe(0)
    one.state().revealMc()
    await one.state().nextMc(Rating.Good)
    expect((await one.db.reviews.toArray()).map((l) => [l.cardKey, l.rating])).toEqual([['one/c1', Rating.Good]])
  })

  it('undoes the last answer: the card and its log are as before, and it is asked again', async () => {
    const { mc, state, db, answer } = await mcSession()
    const first = mc().card!
    await answer(true)
    await answer(false)
    expect(await db.reviews.count()).toBe(2)
    await state().undoMc()
    await state().undoMc()
    expect(await db.reviews.count()).toBe(0)
    expect(unstamped(await db.cards.get(first.id))).toEqual(unstamped(first))
    expect(mc().card?.id).toBe(first.id)
    expect([mc().answered, mc().correct, mc().queue.fresh.length]).toEqual([0, 0, 20])
  })

  it('keeps the answer on screen with a message when the write fails, and saves on retry', async () => {
    const { mc, state, db } = await mcSession()
    const fail = () => {
      throw new Error('QuotaExceededError')
    }
    db.reviews.hook('creating', fail)
    state().chooseMcOption(mc().choice!.correctIndex)
    state().rateMc(Rating.Easy)
    await state().nextMc()
    expect(mc().error).toMatch(/not saved \(QuotaExceededError\)/)
    expect(mc().grading).toMatchObject({ phase: 'answered', rating: Rating.Easy })
    expect(await db.cards.get(`${DECK}/bedrock`)).toMatchObject({ state: State.New })

    db.reviews.hook('creating').unsubscribe(fail)
    await state().nextMc()
    expect((await db.reviews.toArray()).map((l) => l.rating)).toEqual([Rating.Easy])
    expect(mc().error).toBeUndefined()
  })

  it('updates the deck list’s counts when the user leaves', async () => {
    const { mc, state } = await mcSession()
    state().chooseMcOption(mc().choice!.correctIndex)
    await state().nextMc()
    await state().showPracticeHome()
    expect(state().practice.view).toBe('home')
    expect(state().mcSession).toBeNull()
    expect(state().library.decks.find((d) => d.id === DECK)?.counts).toEqual({ fresh: 19, learning: 1, review: 0 })
  })
})

describe('exam-style questions in multiple-choice practice', () => {
  const option = (text: string, correct: boolean) => ({
    text,
    correct,
    why: `${text}: ${correct ? 'fits the need' : 'does something else'}.`
  })
  const questions = makeDeck('q', [
    {
      id: 'one',
      type: 'single',
      stem: 'Which service turns speech into text?',
      options: [
        option('Amazon Transcribe', true),
        option('Amazon Polly', false),
        option('Amazon Translate', false),
        option('Amazon Lex', false)
      ],
      tags: []
    },
    {
      id: 'two',
      type: 'multiple',
      stem: 'Which two record activity? (Choose two.)',
      options: [
        option('CloudTrail', true),
        option('CloudWatch', true),
        option('Polly', false),
        option('Lex', false),
        option('Glue', false)
      ],
      tags: []
    }
  ])

  it('asks a single-answer question with its own options and explains the pick and the right answer', async () => {
    const { state, db } = await practiceStore([questions])
    await state().startMcStudy('q')
    const mc = () => state().mcSession!
    expect(mc().card?.id).toBe('q/one')
    expect(
      mc()
        .choice!.options.map((o) => o.text)
        .sort()
    ).toEqual(['Amazon Lex', 'Amazon Polly', 'Amazon Transcribe', 'Amazon Translate'])
    const wrong = (mc().choice!.correctIndex + 1) % 4
    state().chooseMcOption(wrong)
    expect(mc().whys![wrong]).toBe(`${mc().choice!.options[wrong]!.text}: does something else.`)
    expect(mc().whys![mc().choice!.correctIndex]).toBe('Amazon Transcribe: fits the need.')
    await state().nextMc()
    expect((await db.reviews.toArray()).map((l) => [l.cardKey, l.rating])).toEqual([['q/one', Rating.Again]])
    expect(mc().card?.id).toBe('q/two')
    expect(mc().choice).toMatchObject({ options: [], reason: expect.stringMatching(/answer it in Study or a mock exam/) })
  })
})
