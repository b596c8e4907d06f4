import { DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { editCardText, undo } from '@db/card-actions'
import { moveCards } from '@db/card-authoring'
import { mergeDeck } from '@db/deck-repository'
import { exportDeck } from '@db/import-repository'
import { fieldsOfCard } from '@db/note-repository'
import { recordReview } from '@db/study-repository'
import { deckSchema, type Deck, type NoteType } from '@shared/deck/schema'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'

const now = Date.UTC(2026, 2, 1, 10)
const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

const VOCAB: NoteType = {
  id: 'nt-vocab',
  name: 'Vocabulary (3 ways)',
  kind: 'standard',
  fields: ['Word', 'Meaning', 'Audio'],
  templates: [
    { name: 'Recognition', front: '{{Word}}', back: '{{FrontSide}}\n{{Meaning}}' },
    { name: 'Production', front: '{{Meaning}}', back: '{{FrontSide}}\n{{Word}}' },
    { name: 'Listening', front: '{{#Audio}}{{Audio}} Which word?{{/Audio}}', back: '{{Word}}' }
  ]
}

function deck(fields: string[]): Deck {
  return deckSchema.parse({
    format: 'recall-deck',
    version: 2,
    id: 'de',
    name: 'Deutsch',
    noteTypes: [VOCAB],
    notes: [{ id: 'haus', type: 'fields', noteType: 'nt-vocab', fields, tags: ['a1'] }]
  })
}

describe('notes of an Anki note type in the collection', () => {
  it('makes a card per template with a front, keyed by template, and keeps progress when the deck comes again', async () => {
    const db = freshDatabase()
    await mergeDeck(db, { deck: deck(['das Haus', 'the house', '']), origin: 'user', file: 'de.apkg' }, now)
    const cards = await db.cards.where('deckId').equals('de').toArray()
    expect(cards.map((c) => [c.id, c.question, c.answer])).toEqual([
      ['de/haus', 'das Haus', 'the house'],
      ['de/haus/t1', 'the house', 'das Haus']
    ])
    const first = cards[0]!
    const { card: studied } = await recordReview(db, first, previewGrades(scheduler, first, now)[Rating.Good], 3000)

    // A new version of the file fills in the audio: the Listening card appears, the others keep their progress.
    const summary = await mergeDeck(
      db,
      { deck: deck(['das Haus', 'the house', '[sound:haus.mp3]']), origin: 'user', file: 'de.apkg' },
      now + 1000
    )
    expect(summary).toMatchObject({ added: 1, updated: 2, removed: 0 })
    expect((await db.cards.get('de/haus'))?.stability).toBe(studied.stability)
    expect((await db.cards.get('de/haus/t2'))?.question).toBe('[sound:haus.mp3] Which word?')
    // Exported again, the deck carries its note types, and reads back valid.
    const exported = await exportDeck(db, 'de')
    expect(deckSchema.safeParse(exported).success).toBe(true)
    expect(exported?.noteTypes).toEqual([VOCAB])
  })

  it('edits a note field by field: cards follow the templates, progress stays, undo puts it back', async () => {
    const db = freshDatabase()
    await mergeDeck(db, { deck: deck(['das Haus', 'the house', '[sound:haus.mp3]']), origin: 'user', file: 'de.apkg' }, now)
    expect(await fieldsOfCard(db, { deckId: 'de', cardId: 'haus' })).toEqual({
      noteType: 'Vocabulary (3 ways)',
      names: ['Word', 'Meaning', 'Audio'],
      values: ['das Haus', 'the house', '[sound:haus.mp3]']
    })
    const entry = await editCardText(db, 'de', 'haus', {
      front: '',
      back: '',
      extra: '',
      fields: ['das Häuschen 🏠', 'the little house', '']
    })
    const cards = await db.cards.where('deckId').equals('de').toArray()
    expect(cards.map((c) => [c.id, c.question, c.answer, c.queue === Queue.Removed])).toEqual([
      ['de/haus', 'das Häuschen 🏠', 'the little house', false],
      ['de/haus/t1', 'the little house', 'das Häuschen 🏠', false],
      // No audio any more: the Listening card leaves study, its history kept.
      ['de/haus/t2', '[sound:haus.mp3] Which word?', 'das Haus', true]
    ])
    await expect(editCardText(db, 'de', 'haus', { front: '', back: '', extra: '', fields: ['', '', ''] })).rejects.toThrow(/makes no card/)
    await expect(editCardText(db, 'de', 'haus', { front: 'x', back: 'y', extra: '' })).rejects.toThrow(/edit it in the browser/)
    await undo(db, entry)
    expect((await db.cards.get('de/haus'))?.question).toBe('das Haus')
    expect((await db.notes.get('de/haus'))?.note).toMatchObject({ fields: ['das Haus', 'the house', '[sound:haus.mp3]'] })
  })

  it('moves a note with all its cards, under the same template keys, and takes its note type along', async () => {
    const db = freshDatabase()
    await mergeDeck(db, { deck: deck(['das Haus', 'the house', '[sound:haus.mp3]']), origin: 'user', file: 'de.apkg' }, now)
    await db.decks.put({ id: 'mine', name: 'Mine', origin: 'user', file: '', contentHash: '', cardCount: 0, updatedAt: now })
    const moved = await moveCards(db, ['de/haus/t1'], 'mine')
    expect(moved).toMatchObject({ ok: true, added: ['mine/haus', 'mine/haus/t1', 'mine/haus/t2'] })
    expect((await db.decks.get('mine'))?.noteTypes).toEqual([VOCAB])
    // The note can still be edited where it is now: its note type came along.
    await editCardText(db, 'mine', 'haus', { front: '', back: '', extra: '', fields: ['das Dach', 'the roof', '[sound:haus.mp3]'] })
    expect((await db.cards.get('mine/haus/t1'))?.question).toBe('the roof')
  })
})
