import type { CardDraft } from '@core/authoring/card-drafts'
import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { saveCardEdit } from '@db/browse-repository'
import { editCardText, undo } from '@db/card-actions'
import { addCard, createUserDeck } from '@db/card-authoring'
import { recordReview } from '@db/study-repository'
import { cardIdFromFront } from '@shared/deck/ids'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'

const now = new Date(2026, 3, 15, 10).getTime()
const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
/** The note's id, made from its text with the gaps filled, as for any note without one. */
const NOTE = cardIdFromFront('Precision is TP / (TP + FP).')
const draft = (front: string, extra = ''): CardDraft => ({ front, back: '', extra, tags: 'metrics', reverse: false, cloze: true })

async function clozeDeck(text: string) {
  const db = freshDatabase()
  const made = await createUserDeck(db, 'Metrics', now)
  if (!made.ok) throw new Error(made.message)
  const added = await addCard(db, made.deck.id, draft(text, 'Both from the confusion matrix.'), now)
  if (!added.ok) throw new Error(added.message)
  return { db, deckId: made.deck.id, ids: added.ids }
}

describe('cloze notes made and edited in the app', () => {
  it('adds a cloze note with a card per number, its id from the text, and refuses a broken one', async () => {
    const { db, deckId, ids } = await clozeDeck('{{c1::Precision}} is TP / (TP + {{c2::FP}}).')
    expect(ids).toEqual([`${deckId}/${NOTE}/c1`, `${deckId}/${NOTE}/c2`])
    const note = await db.notes.get(`${deckId}/${NOTE}`)
    expect(note?.note).toEqual({
      id: NOTE,
      type: 'cloze',
      text: '{{c1::Precision}} is TP / (TP + {{c2::FP}}).',
      extra: 'Both from the confusion matrix.',
      tags: ['metrics']
    })
    expect(await addCard(db, deckId, draft('No deletion here'), now)).toEqual({
      ok: false,
      message: 'A cloze note has no deletion: mark one as {{c1::answer}}'
    })
    expect(await addCard(db, deckId, draft('{{c1::open'), now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/has no closing }}/)
    })
  })

  it('an edit that adds c3 and drops c2 keeps c1’s progress, retires c2 with its history, and undoes whole', async () => {
    const { db, deckId, ids } = await clozeDeck('{{c1::Precision}} is TP / (TP + {{c2::FP}}).')
    const c1 = (await db.cards.get(ids[0]!))!
    const { card: studied } = await recordReview(db, c1, previewGrades(scheduler, c1, now)[Rating.Good], 2000)
    const c2 = (await db.cards.get(ids[1]!))!
    await recordReview(db, c2, previewGrades(scheduler, c2, now)[Rating.Again], 2000)

    const entry = await editCardText(
      db,
      deckId,
      NOTE,
      { front: '{{c1::Precision}} is TP / (TP + FP); {{c3::recall}} is TP / (TP + FN).', back: '', extra: '' },
      now + 60_000
    )
    const cards = await db.cards.where('[deckId+cardId]').equals([deckId, NOTE]).toArray()
    expect(cards.map((c) => [c.id.split('/').pop(), c.queue, c.question])).toEqual([
      ['c1', studied.queue, '**&#91;…&#93;** is TP / (TP + FP); recall is TP / (TP + FN).'],
      ['c2', Queue.Removed, c2.question],
      ['c3', Queue.New, 'Precision is TP / (TP + FP); **&#91;…&#93;** is TP / (TP + FN).']
    ])
    expect(cards[0]!.stability).toBe(studied.stability)
    expect(cards[0]!.extra).toBeUndefined()
    expect(await db.reviews.where('cardKey').equals(ids[1]!).count()).toBe(1)

    await undo(db, entry)
    const restored = await db.cards.where('[deckId+cardId]').equals([deckId, NOTE]).toArray()
    expect(restored.map((c) => [c.id.split('/').pop(), c.question])).toEqual([
      ['c1', c1.question],
      ['c2', c2.question]
    ])
    expect((await db.notes.get(`${deckId}/${NOTE}`))?.note).toMatchObject({ text: '{{c1::Precision}} is TP / (TP + {{c2::FP}}).' })
  })

  it('refuses an edit that breaks a deletion, through the browser too, and changes nothing', async () => {
    const { db, deckId, ids } = await clozeDeck('{{c1::Precision}} is TP / (TP + {{c2::FP}}).')
    const before = await db.cards.toArray()
    await expect(saveCardEdit(db, ids[0]!, { front: '{{c1::Precision is broken', back: '', extra: '' }, 'metrics')).rejects.toThrow(
      /the cloze c1 at “{{c1::Precision is broken” has no closing }}/
    )
    expect(await db.cards.toArray()).toEqual(before)
    expect((await db.notes.get(`${deckId}/${NOTE}`))?.edited).toBeUndefined()
  })
})
