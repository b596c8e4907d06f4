import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { editCardText } from '@db/card-actions'
import { mergeDeck } from '@db/deck-repository'
import { recordReview } from '@db/study-repository'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const now = Date.UTC(2026, 2, 1, 10)
const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

describe('mergeDeck', () => {
  it('creates a study card per direction: forward cards first, reversed ones after', async () => {
    const db = freshDatabase()
    const summary = await mergeDeck(db, makeDeck('d', makeCards(3, true)), now)
    expect(summary).toMatchObject({ added: 6, updated: 0, removed: 0, unchanged: false })
    const cards = await db.cards.orderBy('[deckId+queue+ord]').toArray()
    expect(cards.map((c) => [c.id, c.ord, c.question])).toEqual([
      ['d/c1', 0, 'Question 1'],
      ['d/c2', 1, 'Question 2'],
      ['d/c3', 2, 'Question 3'],
      ['d/c1/reverse', 3, 'Answer 1'],
      ['d/c2/reverse', 4, 'Answer 2'],
      ['d/c3/reverse', 5, 'Answer 3']
    ])
    expect((await db.decks.get('d'))?.cardCount).toBe(6)
  })

  it('keeps the progress of cards whose id is unchanged when the deck is edited', async () => {
    const db = freshDatabase()
    const cards = makeCards(3)
    await mergeDeck(db, makeDeck('d', cards), now)
    const c1 = (await db.cards.get('d/c1'))!
    const { card: studied } = await recordReview(db, c1, previewGrades(scheduler, c1, now)[Rating.Easy], 4000)

    const edited = [
      { ...cards[0]!, front: 'Reworded question', back: 'Fixed answer' },
      cards[2]!,
      { id: 'c9', type: 'basic' as const, front: 'New', back: 'Card', tags: [] }
    ]
    const summary = await mergeDeck(db, makeDeck('d', edited), now + 1000)
    expect(summary).toMatchObject({ added: 1, updated: 2, removed: 1 })

    const after = (await db.cards.get('d/c1'))!
    expect(after.question).toBe('Reworded question')
    expect(after.answer).toBe('Fixed answer')
    expect({ due: after.due, stability: after.stability, state: after.state, reps: after.reps }).toEqual({
      due: studied.due,
      stability: studied.stability,
      state: studied.state,
      reps: 1
    })
    expect((await db.cards.get('d/c2'))?.queue).toBe(Queue.Removed)
    expect(await db.reviews.count()).toBe(1)
  })

  it('restores a removed card with its progress when it comes back', async () => {
    const db = freshDatabase()
    const cards = makeCards(2)
    await mergeDeck(db, makeDeck('d', cards), now)
    const c2 = (await db.cards.get('d/c2'))!
    await recordReview(db, c2, previewGrades(scheduler, c2, now)[Rating.Easy], 1000)
    await mergeDeck(db, makeDeck('d', cards.slice(0, 1)), now)
    await mergeDeck(db, makeDeck('d', cards), now)
    const back = (await db.cards.get('d/c2'))!
    expect(back.queue).toBe(Queue.Review)
    expect(back.reps).toBe(1)
  })

  it('skips a deck whose content has not changed', async () => {
    const db = freshDatabase()
    await mergeDeck(db, makeDeck('d', makeCards(2)), now)
    expect(await mergeDeck(db, makeDeck('d', makeCards(2)), now + 5)).toMatchObject({ unchanged: true })
  })

  it('makes a card per cloze number; a new version that adds c4 and drops c2 keeps c1 and c3’s progress and c2’s history', async () => {
    const db = freshDatabase()
    const note = (text: string) => ({ id: 'f1', type: 'cloze' as const, text, tags: ['metrics'] })
    const v1 = note('{{c1::Precision}} is TP / (TP + {{c2::FP}}); {{c3::recall}} is TP / (TP + FN).')
    expect(await mergeDeck(db, makeDeck('d', [v1]), now)).toMatchObject({ added: 3 })
    const cards = await db.cards.where('deckId').equals('d').toArray()
    expect(cards.map((c) => [c.id, c.cloze, c.question])).toEqual([
      ['d/f1/c1', 1, '**&#91;…&#93;** is TP / (TP + FP); recall is TP / (TP + FN).'],
      ['d/f1/c2', 2, 'Precision is TP / (TP + **&#91;…&#93;**); recall is TP / (TP + FN).'],
      ['d/f1/c3', 3, 'Precision is TP / (TP + FP); **&#91;…&#93;** is TP / (TP + FN).']
    ])
    const studied = new Map<string, number>()
    for (const key of ['d/f1/c1', 'd/f1/c2']) {
      const card = (await db.cards.get(key))!
      const { card: after } = await recordReview(db, card, previewGrades(scheduler, card, now)[Rating.Good], 3000)
      studied.set(key, after.stability)
    }

    const v2 = note('{{c1::Precision}} is TP / (TP + FP); {{c3::recall}} is TP / (TP + FN); {{c4::F1}} is their harmonic mean.')
    expect(await mergeDeck(db, makeDeck('d', [v2]), now + 1000)).toMatchObject({ added: 1, updated: 2, removed: 1 })
    const c1 = (await db.cards.get('d/f1/c1'))!
    expect(c1.stability).toBe(studied.get('d/f1/c1'))
    expect(c1.question).toBe('**&#91;…&#93;** is TP / (TP + FP); recall is TP / (TP + FN); F1 is their harmonic mean.')
    expect((await db.cards.get('d/f1/c4'))!.queue).toBe(Queue.New)
    const c2 = (await db.cards.get('d/f1/c2'))!
    expect(c2.queue).toBe(Queue.Removed)
    expect(c2.stability).toBe(studied.get('d/f1/c2'))
    expect(await db.reviews.where('cardKey').equals('d/f1/c2').count()).toBe(1)
  })

  it('keeps a built-in card the person edited, and its progress, when a new version changes it; an unedited card takes the update', async () => {
    const db = freshDatabase()
    const basic = (id: string, front: string, back: string, more: object = {}) => ({
      id,
      type: 'basic' as const,
      front,
      back,
      tags: ['v1'],
      ...more
    })
    const cloze = (text: string) => ({ id: 'f1', type: 'cloze' as const, text, tags: ['v1'] })
    const v1 = [
      basic('c1', 'What is SageMaker?', 'A service', { extra: 'See the docs', reverse: true }),
      basic('c2', 'What is Glue?', 'A service'),
      cloze('{{c1::Recall}} is TP / (TP + FN).')
    ]
    await mergeDeck(db, makeDeck('d', v1), now)
    expect((await db.decks.get('d'))?.origin).toBe('builtin')
    const studied = new Map<string, { due: number; stability: number; reps: number }>()
    for (const key of ['d/c1', 'd/c2', 'd/f1/c1']) {
      const card = (await db.cards.get(key))!
      const { card: after } = await recordReview(db, card, previewGrades(scheduler, card, now)[Rating.Good], 3000)
      studied.set(key, { due: after.due, stability: after.stability, reps: after.reps })
    }
    // The person edits c1 (its extra emptied) and the cloze while studying (E) or in the browser.
    await editCardText(db, 'd', 'c1', { front: 'What is Amazon SageMaker?', back: 'My own words', extra: '' }, now + 5000)
    await editCardText(db, 'd', 'f1', { front: '{{c1::Recall}} is the share of positives found.', back: '', extra: '' }, now + 5000)

    // A new version of Recall ships the deck with all three changed, and new tags.
    const c2v2 = { ...basic('c2', 'What is AWS Glue?', 'Serverless ETL'), tags: ['v2'] }
    const f1v2 = { ...cloze('{{c1::Recall}} is TP / (TP + FN), also called sensitivity.'), tags: ['v2'] }
    const c1v2 = (back: string) => ({
      ...basic('c1', 'What is SageMaker AI?', back, { extra: 'See the docs', reverse: true }),
      tags: ['v2']
    })
    await mergeDeck(db, makeDeck('d', [c1v2('A managed ML service'), c2v2, f1v2]), now + 10_000)

    const progress = async (key: string) => {
      const c = (await db.cards.get(key))!
      return { due: c.due, stability: c.stability, reps: c.reps }
    }
    const c1 = (await db.cards.get('d/c1'))!
    expect([c1.question, c1.answer, c1.extra, c1.tags]).toEqual(['What is Amazon SageMaker?', 'My own words', undefined, ['v2']])
    expect((await db.cards.get('d/c1/reverse'))?.question).toBe('My own words')
    expect(await progress('d/c1')).toEqual(studied.get('d/c1'))
    expect((await db.notes.get('d/c1'))?.edited).toBe(true)
    const f1 = (await db.cards.get('d/f1/c1'))!
    expect(f1.answer).toBe('**Recall** is the share of positives found.')
    expect(await progress('d/f1/c1')).toEqual(studied.get('d/f1/c1'))

    const c2 = (await db.cards.get('d/c2'))!
    expect([c2.question, c2.answer]).toEqual(['What is AWS Glue?', 'Serverless ETL'])
    expect(await progress('d/c2')).toEqual(studied.get('d/c2'))
    expect((await db.notes.get('d/c2'))?.edited).toBeUndefined()

    // The edit stays through later versions too; one that makes the note another kind takes over.
    await mergeDeck(db, makeDeck('d', [c1v2('Changed again'), c2v2, f1v2]), now + 20_000)
    expect((await db.cards.get('d/c1'))?.answer).toBe('My own words')
    await mergeDeck(
      db,
      makeDeck('d', [{ ...cloze('{{c1::SageMaker AI}} builds, trains and deploys models.'), id: 'c1' }, c2v2, f1v2]),
      now + 30_000
    )
    const c1Note = await db.notes.get('d/c1')
    expect([c1Note?.note.type, c1Note?.edited]).toEqual(['cloze', undefined])
    expect((await db.cards.get('d/c1'))?.queue).toBe(Queue.Removed)
    expect((await db.cards.get('d/c1/c1'))?.answer).toBe('**SageMaker AI** builds, trains and deploys models.')
  })
})
