import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import type { QuestionResponse } from '@core/questions/question'
import { studyDayOf } from '@core/time/study-day'
import { loadTodayQueue } from '@db/study-repository'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { allUnstamped } from '../../helpers/fixtures'
import { rightResponse, wrongResponse } from '../../helpers/responses'
import { fullLibrary, practiceStore } from './practice-setup'

const MINUTE = 60_000
const FREE_FORM = { exam: '' }

/** The three first decks: fact cards only, for free-form exams. */
async function threeDecks() {
  const { builtInLibrary } = await import('./practice-setup')
  return builtInLibrary()
}

async function examStore(decks = fullLibrary()) {
  const setup = await practiceStore(decks)
  const run = () => setup.state().mockExam!
  const question = () => run().exam.questions[run().index]!
  /** Gives the question on screen this answer, as the keys would: option by option, or prompt by prompt. */
  const respond = async (response: QuestionResponse) => {
    await setup.state().clearMockExamAnswer()
    if (question().shown.note.type === 'matching')
      for (const [prompt, at] of response.entries()) await setup.state().matchMockExamItem(prompt, at)
    else for (const at of response) await setup.state().chooseMockExamOption(at)
  }
  /** Answers the question on screen, rightly or wrongly, and moves to the next. */
  const answer = async (right: boolean) => {
    await respond(right ? rightResponse(question().shown) : wrongResponse(question().shown))
    await setup.state().goToMockExamQuestion(run().index + 1)
  }
  return { ...setup, run, question, answer, respond }
}

describe('mock exam', () => {
  it('starts as AIF-C01 over every deck: its 65 questions and 90 minutes, whatever the free-form fields say', async () => {
    const { state, run, clock } = await examStore()
    expect(state().practice.mockExamForm).toEqual({
      exam: 'AIF-C01',
      excludedDeckIds: [],
      questionCount: '65',
      minutes: '130',
      passMark: '72'
    })
    state().editMockExamForm({ questionCount: '3' })
    await state().startMockExam()
    expect(state().practice.view).toBe('mock-exam')
    expect(run().exam.questions).toHaveLength(65)
    expect(run().exam.settings.exam).toBe('AIF-C01')
    expect(run().exam.endsAt - clock.now).toBe(90 * MINUTE)
    expect(run().exam.questions.every((q) => q.tasks.some((t) => t.startsWith('AIF-C01 ')))).toBe(true)
    expect(run().notice).toBeUndefined()
  })

  it('answers every format by its keys: options toggle, steps go in order, prompts get a response', async () => {
    const { state, run, respond, question } = await examStore()
    await state().startMockExam()
    for (const type of ['single', 'multiple', 'ordering', 'matching']) {
      const i = run().exam.questions.findIndex((q) => q.shown.note.type === type)
      if (i < 0) continue
      await state().goToMockExamQuestion(i)
      await respond(rightResponse(question().shown))
      expect(run().exam.responses[i], type).toEqual(rightResponse(question().shown))
    }
    await state().finishMockExam()
    expect(run().score!.correct).toBe(run().exam.responses.filter((r) => r !== null).length)
  })

  it('refuses settings that make no exam, with a message per field, and starts nothing', async () => {
    const { state } = await examStore(await threeDecks())
    state().editMockExamForm({ ...FREE_FORM, questionCount: 'ten', minutes: '0', passMark: '101' })
    for (const id of ['aws-ml-chips', 'aws-ml-pipeline', 'aws-ml-services']) state().toggleMockExamDeck(id)
    await state().startMockExam()
    expect(state().mockExam).toBeNull()
    expect(state().practice.mockExamErrors).toEqual({
      decks: 'Choose at least one deck',
      questionCount: 'Number of questions must be a whole number',
      minutes: 'Minutes must be from 1 to 600',
      passMark: 'Pass mark must be from 1 to 100'
    })
  })

  it('draws only from the chosen decks and says when they give fewer questions than asked', async () => {
    const { state, run } = await examStore(await threeDecks())
    state().toggleMockExamDeck('aws-ml-services')
    state().toggleMockExamDeck('aws-ml-pipeline')
    state().editMockExamForm({ ...FREE_FORM, questionCount: '40' })
    // Alone, the chips deck's notes are too few of each kind to make good wrong options.
    await state().startMockExam()
    expect(state().mockExam).toBeNull()
    expect(state().practice.mockExamErrors.decks).toMatch(/no cards that can make a question/)
    state().toggleMockExamDeck('aws-ml-chips')
    state().toggleMockExamDeck('aws-ml-pipeline')
    await state().startMockExam()
    const n = run().exam.questions.length
    expect(n).toBeGreaterThan(5)
    expect(n).toBeLessThan(40)
    expect(new Set(run().exam.questions.map((q) => q.deckId))).toEqual(new Set(['aws-ml-pipeline']))
    expect(run().notice).toMatch(new RegExp(`only ${n} different questions`))
  })

  it('scores a finished exam, saves it to the history and shows it there', async () => {
    const { state, run, answer, respond, question, db, clock } = await examStore(await threeDecks())
    state().editMockExamForm({ ...FREE_FORM, questionCount: '5', minutes: '10', passMark: '72' })
    await state().startMockExam()
    const started = clock.now
    for (const right of [true, true, false, true, true]) {
      clock.now += 20_000
      await answer(right)
    }
    // Going back changes an answer, as in the real exam.
    await state().goToMockExamQuestion(2)
    await respond(rightResponse(question().shown))
    await state().goToMockExamQuestion(2)
    await respond(wrongResponse(question().shown))
    await state().finishMockExam()

    expect(run().status).toBe('finished')
    expect(run().score).toMatchObject({ total: 5, answered: 5, correct: 4, score: 80, passed: true })
    expect(run().score!.missed).toEqual([2])
    const saved = await db.simulations.toArray()
    expect(saved).toEqual([
      expect.objectContaining({
        startedAt: started,
        finishedAt: clock.now,
        finishedBy: 'user',
        total: 5,
        correct: 4,
        score: 80,
        passed: true,
        passMarkPercent: 72
      })
    ])
    expect(state().practice.history).toEqual(saved)
    // Nothing in an exam touches scheduling.
    expect(await db.reviews.count()).toBe(0)

    // Answers after the end change nothing.
    await respond(rightResponse(run().exam.questions[2]!.shown))
    expect(run().exam.responses[2]).toEqual(wrongResponse(run().exam.questions[2]!.shown))
    expect(run().score!.correct).toBe(4)
  })

  it('ends by time-out on the tick after time runs out, scoring unanswered questions as wrong', async () => {
    const { state, run, answer, question, db, clock } = await examStore(await threeDecks())
    state().editMockExamForm({ ...FREE_FORM, questionCount: '5', minutes: '1' })
    await state().startMockExam()
    const endsAt = run().exam.endsAt
    await answer(true)
    clock.now += 30_000
    await state().tickMockExam()
    expect(run()).toMatchObject({ status: 'running', now: clock.now })
    clock.now = endsAt + 1_500
    // An answer given after the limit is not counted: the exam ends instead.
    await state().chooseMockExamOption(rightResponse(question().shown)[0]!)
    expect(run().status).toBe('finished')
    expect(run().exam).toMatchObject({ finishedAt: endsAt, finishedBy: 'time' })
    expect(run().score).toMatchObject({ total: 5, answered: 1, correct: 1, score: 20, passed: false })
    expect(run().score!.missed).toHaveLength(4)
    expect(await db.simulations.toArray()).toEqual([
      expect.objectContaining({ finishedBy: 'time', finishedAt: endsAt, score: 20, passed: false })
    ])
  })

  it('times out from the tick alone when the user does nothing', async () => {
    const { state, run, clock } = await examStore()
    state().editMockExamForm({ ...FREE_FORM, questionCount: '3', minutes: '2' })
    await state().startMockExam()
    clock.now += 2 * MINUTE
    await state().tickMockExam()
    expect(run()).toMatchObject({ status: 'finished', score: { answered: 0, correct: 0, passed: false } })
    expect(state().practice.history).toHaveLength(1)
  })

  it('lists past mock exams oldest first, so the chart reads left to right', async () => {
    const { state, answer, clock, db } = await examStore(await threeDecks())
    state().editMockExamForm({ ...FREE_FORM, questionCount: '2', minutes: '5' })
    for (const rights of [
      [false, false],
      [true, false],
      [true, true]
    ]) {
      await state().startMockExam()
      for (const right of rights) await answer(right)
      await state().finishMockExam()
      clock.now += 86_400_000
    }
    expect(state().practice.history.map((h) => h.score)).toEqual([0, 50, 100])
    // Reopening the screen reads them back from the database.
    const again = await practiceStore(await threeDecks(), db)
    await again.state().openPractice()
    expect(again.state().practice.history.map((h) => h.score)).toEqual([0, 50, 100])
  })
})

describe('sending missed cards to relearning', () => {
  const CHIPS = 8
  /** An exam of CHIPS questions over the services deck where every card was studied before, except `keepNew` notes. */
  async function missedExam(keepNew = 0) {
    const setup = await examStore(await threeDecks())
    const { db, state, clock } = setup
    const studiedAt = clock.now - 10 * 86_400_000
    const chips = await db.cards.where('deckId').equals('aws-ml-services').sortBy('ord')
    const newCardIds = new Set<string>()
    for (const c of chips) {
      await db.cards.put({
        ...c,
        state: State.Review,
        queue: Queue.Review,
        due: clock.now + 20 * 86_400_000,
        stability: 30,
        difficulty: 5,
        reps: 3,
        scheduled_days: 30,
        last_review: studiedAt
      })
    }
    state().toggleMockExamDeck('aws-ml-chips')
    state().toggleMockExamDeck('aws-ml-pipeline')
    state().editMockExamForm({ ...FREE_FORM, questionCount: String(CHIPS) })
    await state().startMockExam()
    for (let i = 0; i < CHIPS; i++) await setup.answer(false)
    if (keepNew) {
      // The first `keepNew` questions' notes stay new.
      const asked = new Set(
        setup
          .run()
          .exam.questions.slice(0, keepNew)
          .map((q) => q.cardKey.split('/')[1])
      )
      for (const c of chips.filter((c) => asked.has(c.cardId))) await db.cards.put(c)
      newCardIds.clear()
      for (const id of asked) newCardIds.add(id!)
    }
    await state().finishMockExam()
    clock.now += MINUTE
    return { ...setup, newCardIds }
  }

  it('makes every missed card due now in relearning, with a Manual row in its history', async () => {
    const { state, run, db, clock } = await missedExam()
    const missed = run().record!.missedCardKeys
    expect(missed).toHaveLength(CHIPS)
    const before = await db.cards.bulkGet(missed)
    await state().sendMissedToRelearning()

    expect(run().relearn).toMatchObject({ status: 'done', message: `${CHIPS} cards are now due in relearning.` })
    for (const [i, card] of (await db.cards.bulkGet(missed)).entries()) {
      expect(card).toMatchObject({ state: State.Relearning, queue: Queue.Learning, due: clock.now, learning_steps: 0 })
      // The memory state is kept: FSRS schedules the next real answer from it.
      expect(card).toMatchObject({ stability: before[i]!.stability, difficulty: before[i]!.difficulty, reps: 3, lapses: 0 })
    }
    const rows = await db.reviews.toArray()
    expect(rows).toHaveLength(CHIPS)
    expect(
      rows.every((r) => r.rating === Rating.Manual && r.manual === 'reschedule' && r.review === clock.now && r.state === State.Review)
    ).toBe(true)

    // They are at the head of today's queue, and the deck list counts them as learning.
    const queue = await loadTodayQueue(db, 'aws-ml-services', studyDayOf(clock.now, 4), DEFAULT_STUDY_OPTIONS)
    expect(new Set(queue.learning.map((e) => e.id))).toEqual(new Set(missed))
    expect(state().library.decks.find((d) => d.id === 'aws-ml-services')?.counts.learning).toBe(CHIPS)
    // A second press does nothing more.
    await state().sendMissedToRelearning()
    expect(await db.reviews.count()).toBe(CHIPS)
  })

  it('leaves never-studied cards new and says so', async () => {
    const { state, run, db, newCardIds } = await missedExam(2)
    await state().sendMissedToRelearning()
    expect(run().relearn?.message).toMatch(new RegExp(`^${CHIPS - 2} cards are now due in relearning\\. 2 not studied yet`))
    const cards = await db.cards.bulkGet(run().record!.missedCardKeys)
    expect(cards.filter((c) => newCardIds.has(c!.cardId)).map((c) => [c!.state, c!.queue])).toEqual([
      [State.New, Queue.New],
      [State.New, Queue.New]
    ])
    expect(await db.reviews.count()).toBe(CHIPS - 2)
  })

  it('can be undone: the cards are scheduled as before and the Manual rows are gone', async () => {
    const { state, run, db } = await missedExam()
    const keys = run().record!.missedCardKeys
    const before = await db.cards.bulkGet(keys)
    await state().sendMissedToRelearning()
    await state().undoRelearning()
    expect(allUnstamped(await db.cards.bulkGet(keys))).toEqual(allUnstamped(before))
    expect(await db.reviews.count()).toBe(0)
    expect(run().relearn).toEqual({ status: 'done', message: 'Undone: the cards are scheduled as before.' })
  })
})
