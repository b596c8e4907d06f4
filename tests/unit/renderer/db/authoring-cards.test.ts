import { newStudyCards, REVERSE_ORD_OFFSET, type CardDraft } from '@core/authoring/card-drafts'
import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { addCard, copyDeck, createUserDeck } from '@db/card-authoring'
import { mergeDeck } from '@db/deck-repository'
import { recordReview } from '@db/study-repository'
import { cardIdFromFront } from '@shared/deck/ids'
import Dexie from 'dexie'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck, unstamped } from '../../helpers/fixtures'

const now = new Date(2026, 3, 15, 10).getTime()
const draft = (fields: Partial<CardDraft>): CardDraft => ({
  front: 'Amazon Kendra',
  back: 'Enterprise search with natural-language questions',
  extra: '',
  tags: '',
  reverse: false,
  ...fields
})

async function withUserDeck() {
  const db = freshDatabase()
  const made = await createUserDeck(db, '  Exam week notes ', now)
  if (!made.ok) throw new Error(made.message)
  return { db, deckId: made.deck.id }
}

describe('making cards and decks in the app', () => {
  it('builds new study cards exactly as mergeDeck does for a deck file', async () => {
    const db = freshDatabase()
    const card = {
      id: 'kendra',
      type: 'basic' as const,
      front: 'Amazon Kendra',
      back: 'Enterprise search',
      extra: 'Uses ML',
      tags: ['search'],
      tasks: ['AIF-C01 1.2'],
      reverse: true
    }
    await mergeDeck(db, makeDeck('d', [card]), now)
    const [forward, reverse] = await db.cards.orderBy('[deckId+queue+ord]').toArray()
    // mergeDeck puts a deck file's reversed cards right after its forward ones; the app's, REVERSE_ORD_OFFSET after.
    const [madeForward, madeReverse] = newStudyCards('d', card, 0, now)
    expect(madeForward).toEqual(unstamped(forward))
    expect({ ...madeReverse, ord: 1 }).toEqual(unstamped(reverse))
    expect(madeReverse!.ord).toBe(REVERSE_ORD_OFFSET)
  })

  it('makes a deck of the user’s own, refusing an empty or taken name', async () => {
    const { db, deckId } = await withUserDeck()
    expect(deckId).toMatch(/^exam-week-notes-[a-z0-9]{1,4}$/)
    expect(await db.decks.get(deckId)).toMatchObject({
      name: 'Exam week notes',
      origin: 'user',
      file: '',
      cardCount: 0,
      presetId: 'default'
    })
    expect(await createUserDeck(db, 'exam WEEK notes', now)).toEqual({
      ok: false,
      message: 'There is already a deck called "Exam week notes".'
    })
    expect(await createUserDeck(db, '   ', now)).toEqual({ ok: false, message: 'The deck needs a name.' })
    expect(await db.decks.count()).toBe(1)
  })

  it('adds one study card, or two with the reverse, with ids from the front made unique', async () => {
    const { db, deckId } = await withUserDeck()
    const base = cardIdFromFront('Amazon Kendra')

    const one = await addCard(db, deckId, draft({ tags: 'search, exam search' }), now)
    expect(one).toEqual({ ok: true, ids: [`${deckId}/${base}`] })
    expect(await db.cards.get(`${deckId}/${base}`)).toMatchObject({
      question: 'Amazon Kendra',
      tags: ['search', 'exam'],
      state: State.New,
      queue: Queue.New,
      ord: 0
    })

    // The same front again: a second card, not an overwrite of the first.
    const two = await addCard(db, deckId, draft({ back: 'Search over documents', reverse: true }), now + 1)
    expect(two).toEqual({ ok: true, ids: [`${deckId}/${base}-2`, `${deckId}/${base}-2/reverse`] })
    expect(await db.cards.get(`${deckId}/${base}-2/reverse`)).toMatchObject({
      question: 'Search over documents',
      answer: 'Amazon Kendra',
      reverse: true,
      ord: REVERSE_ORD_OFFSET + 1
    })

    await addCard(db, deckId, draft({ front: 'Amazon Lex', back: 'Chatbots', reverse: true }), now + 2)
    const newInOrder = await db.cards
      .where('[deckId+queue+ord]')
      .between([deckId, Queue.New, Dexie.minKey], [deckId, Queue.New, Dexie.maxKey])
      .toArray()
    expect(newInOrder.map((c) => c.question)).toEqual(['Amazon Kendra', 'Amazon Kendra', 'Amazon Lex', 'Search over documents', 'Chatbots'])
    expect((await db.decks.get(deckId))!.cardCount).toBe(5)
  })

  it('explains what is wrong with a draft and adds nothing', async () => {
    const { db, deckId } = await withUserDeck()
    expect(await addCard(db, deckId, draft({ back: '  ' }), now)).toEqual({ ok: false, message: 'Back is empty' })
    expect(await addCard(db, deckId, draft({ tags: `ok ${'x'.repeat(70)}` }), now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Tag "x+": a tag is 1–64 characters/)
    })
    await mergeDeck(db, makeDeck('aws-ml-chips', makeCards(2)), now)
    expect(await addCard(db, 'aws-ml-chips', draft({}), now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Built-in decks get updates with new versions of Recall: add your cards to a deck of your own/)
    })
    expect(await db.cards.where('deckId').equals(deckId).count()).toBe(0)
  })

  it('copies a built-in deck into a new deck of the user’s own, with fresh progress', async () => {
    const db = freshDatabase()
    const cards = makeCards(4, true)
    await mergeDeck(db, makeDeck('aws-ml-chips', cards), now)
    // Study one card and drop one from the file: the copy starts fresh and leaves the retired card out.
    const c1 = (await db.cards.get('aws-ml-chips/c1'))!
    await recordReview(
      db,
      c1,
      previewGrades(createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR), c1, now)[Rating.Good],
      3000
    )
    await mergeDeck(db, makeDeck('aws-ml-chips', cards.slice(0, 3)), now)

    const copied = await copyDeck(db, 'aws-ml-chips', now + 60_000)
    if (!copied.ok) throw new Error(copied.message)
    const { deck } = copied
    expect(deck).toMatchObject({ name: 'Deck aws-ml-chips (my copy)', origin: 'user', file: '', cardCount: 6 })
    expect(deck.id).not.toBe('aws-ml-chips')
    const copies = await db.cards
      .where('[deckId+queue+ord]')
      .between([deck.id, Queue.New, Dexie.minKey], [deck.id, Queue.New, Dexie.maxKey])
      .toArray()
    expect(copies.map((c) => [c.id, c.question, c.answer])).toEqual([
      [`${deck.id}/c1`, 'Question 1', 'Answer 1'],
      [`${deck.id}/c2`, 'Question 2', 'Answer 2'],
      [`${deck.id}/c3`, 'Question 3', 'Answer 3'],
      [`${deck.id}/c1/reverse`, 'Answer 1', 'Question 1'],
      [`${deck.id}/c2/reverse`, 'Answer 2', 'Question 2'],
      [`${deck.id}/c3/reverse`, 'Answer 3', 'Question 3']
    ])
    expect(copies.every((c) => c.reps === 0 && c.state === State.New && c.createdAt === now + 60_000)).toBe(true)
    expect((await db.cards.get('aws-ml-chips/c1'))!.reps).toBe(1)

    const again = await copyDeck(db, 'aws-ml-chips', now + 120_000)
    expect(again.ok && again.deck.name).toBe('Deck aws-ml-chips (my copy 2)')
    // Cards can now be added to the copy, after its existing ones.
    if (!again.ok) return
    const added = await addCard(db, again.deck.id, draft({}), now)
    expect(added.ok && (await db.cards.get(added.ids[0]!))!.ord).toBe(3)
  })
})
