import { cardsOfNote } from '@core/notes/cards-of-note'
import { isCrowdAnki, parseCrowdAnkiDeck } from '@shared/deck/crowdanki'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import { importDeckFile } from '@shared/deck/import-file'
import { formatProblem } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * A CrowdAnki export as the add-on writes it: the root deck with its note models, notes and a
 * child deck with a grandchild. The "Numbered Q&A" model is the shape that came in wrongly before:
 * its first field is a running index the templates never show.
 */
const HR = '\n\n<hr id=answer>\n\n'
const BASIC_UUID = '6d5c2c0e-0b52-11ef-8a3a-0242ac120002'
const NUMBERED_UUID = 'a1f0c7d2-0b52-11ef-8a3a-0242ac120002'
const EXAMPLE_UUID = 'c3e9d1b4-0b52-11ef-8a3a-0242ac120002'
const note = (guid: string, model: string, fields: string[], tags: string[] = []) => ({
  __type__: 'Note',
  fields,
  flags: 0,
  guid,
  note_model_uuid: model,
  tags
})
const DECK = {
  __type__: 'Deck',
  children: [
    {
      __type__: 'Deck',
      children: [
        {
          __type__: 'Deck',
          children: [],
          crowdanki_uuid: 'deck-3',
          name: 'Kapitel 2',
          notes: [note('n5', EXAMPLE_UUID, ['sprechen', 'to speak', 'Wir <b>sprechen</b> Deutsch.'], ['verb'])]
        }
      ],
      crowdanki_uuid: 'deck-2',
      media_files: [],
      name: 'Verben',
      notes: [note('n4', EXAMPLE_UUID, ['laufen 🏃', 'to run', ''], ['verb'])]
    }
  ],
  crowdanki_uuid: 'deck-1',
  desc: 'Shared on GitHub',
  dyn: 0,
  media_files: ['hund.jpg'],
  name: 'Deutsch A1',
  note_models: [
    {
      __type__: 'NoteModel',
      crowdanki_uuid: BASIC_UUID,
      css: '.card { font-family: arial; }',
      flds: [
        { name: 'Front', ord: 0, sticky: false },
        { name: 'Back', ord: 1, sticky: false }
      ],
      name: 'Basic',
      tmpls: [{ afmt: `{{FrontSide}}${HR}{{Back}}`, name: 'Card 1', ord: 0, qfmt: '{{Front}}' }],
      type: 0
    },
    {
      __type__: 'NoteModel',
      crowdanki_uuid: NUMBERED_UUID,
      flds: [
        { name: 'Index', ord: 0 },
        { name: 'Question', ord: 1 },
        { name: 'Answer', ord: 2 }
      ],
      name: 'Numbered Q&A',
      tmpls: [{ afmt: `{{FrontSide}}${HR}{{Answer}}`, name: 'Card 1', ord: 0, qfmt: '{{Question}}' }],
      type: 0
    },
    {
      __type__: 'NoteModel',
      crowdanki_uuid: EXAMPLE_UUID,
      flds: [
        { name: 'Wort', ord: 0 },
        { name: 'Bedeutung', ord: 1 },
        { name: 'Beispiel', ord: 2 }
      ],
      name: 'Wort mit Beispiel',
      tmpls: [
        {
          afmt: `{{FrontSide}}${HR}{{Bedeutung}}{{#Beispiel}}<br><i>{{Beispiel}}</i>{{/Beispiel}}`,
          name: 'Deutsch → Englisch',
          ord: 0,
          qfmt: '{{Wort}}'
        },
        { afmt: `{{FrontSide}}${HR}{{Wort}}`, name: 'Englisch → Deutsch', ord: 1, qfmt: '{{Bedeutung}}' }
      ],
      type: 0
    }
  ],
  notes: [
    note('n1', BASIC_UUID, ['der Hund', 'the dog<br><img src="hund.jpg">'], ['tier']),
    note('n2', NUMBERED_UUID, ['0', 'Wie heißt du?', 'What is your name?'], ['frage']),
    note('n3', NUMBERED_UUID, ['1', 'Wo wohnst du? 🏠', 'Where do you live?'])
  ]
}

const read = (deck: unknown = DECK) => parseCrowdAnkiDeck(JSON.stringify(deck, null, 2), 'deck.json')

function cardsOf(deck: Deck | undefined): string[] {
  if (!deck) return []
  return deck.notes.flatMap((n) =>
    cardsOfNote(deck.id, n, deck.noteTypes).map((c) => `${c.id.slice(deck.id.length + 1)}: ${c.question} ⇒ ${c.answer}`)
  )
}

describe('parseCrowdAnkiDeck', () => {
  it('asks what each note model’s templates ask, not the first field (a running index)', () => {
    const { deck, problems } = read()
    expect(problems).toEqual([])
    expect(deck).toMatchObject({ id: 'deutsch-a1', name: 'Deutsch A1' })
    const id = ankiGuidId
    expect(cardsOf(deck)).toEqual([
      `${id('n1')}: der Hund ⇒ the dog\n![](media/hund.jpg)`,
      `${id('n2')}: Wie heißt du? ⇒ What is your name?`,
      `${id('n3')}: Wo wohnst du? 🏠 ⇒ Where do you live?`,
      `${id('n4')}: laufen 🏃 ⇒ to run`,
      `${id('n4')}/t1: to run ⇒ laufen 🏃`,
      `${id('n5')}: sprechen ⇒ to speak\nWir sprechen Deutsch.`,
      `${id('n5')}/t1: to speak ⇒ sprechen`
    ])
    // The index is kept with its note, where the note type has it.
    expect(deck?.notes.find((n) => n.id === id('n2'))).toMatchObject({
      type: 'fields',
      fields: ['0', 'Wie heißt du?', 'What is your name?']
    })
    expect(deck?.noteTypes?.map((t) => t.name)).toEqual(['Numbered Q&A', 'Wort mit Beispiel'])
  })

  it('brings child decks into the deck, each note tagged with its deck’s full name', () => {
    const { deck } = read()
    expect(deck?.notes.map((n) => n.tags)).toEqual([
      ['tier'],
      ['frage'],
      [],
      ['verb', 'Deutsch-A1::Verben'],
      ['verb', 'Deutsch-A1::Verben::Kapitel-2']
    ])
  })

  it('is recognised by the file importer, which brings its media from the folder’s media/', async () => {
    expect(isCrowdAnki(JSON.stringify(DECK))).toBe(true)
    expect(isCrowdAnki(JSON.stringify({ name: 'x', notes: [] }))).toBe(false)
    const bytes = new TextEncoder().encode(JSON.stringify(DECK))
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])
    const asked: string[] = []
    const readBeside = (path: string) => {
      asked.push(path)
      return Promise.resolve(path === 'media/hund.jpg' ? jpeg : undefined)
    }
    const fromFolder = await importDeckFile({ name: 'deck.json', bytes }, { readBeside })
    expect(asked).toEqual(['media/hund.jpg'])
    expect(fromFolder.deck?.notes[0]).toMatchObject({ type: 'basic', front: 'der Hund', back: 'the dog\n![](hund.jpg)' })
    expect(fromFolder.media?.map((m) => m.name)).toEqual(['hund.jpg'])
    // The file alone: the note names where the picture was expected, and a problem says it is missing.
    const alone = await importDeckFile({ name: 'deck.json', bytes })
    expect(alone.deck?.notes).toHaveLength(5)
    expect(alone.problems.map((p) => p.message)).toEqual([expect.stringContaining('"media/hund.jpg" is not in the file')])
  })

  it('reports a note whose model is missing or that has no fields, and imports the rest', () => {
    const broken = {
      ...DECK,
      children: [],
      notes: [...DECK.notes, note('n6', 'no-such-model', ['Front', 'Back']), { __type__: 'Note', guid: 'n7' }]
    }
    const { deck, problems } = read(broken)
    expect(problems.map(formatProblem)).toEqual([
      'deck.json: note 4: its note type (no-such-model) is not in the deck; its first field was taken as the front, its second as the back',
      'deck.json: note 5: this note has no list of fields; it was skipped'
    ])
    expect(deck?.notes).toHaveLength(4)
  })

  it('says what is wrong with broken JSON', () => {
    expect(parseCrowdAnkiDeck('{"__type__": "Deck", "notes": [', 'deck.json').problems[0]?.message).toMatch(
      /^invalid JSON in the CrowdAnki deck/
    )
  })

  it('reads the fuzzing seed deck: a cloze note type with an extra field, and a conditional reverse template', () => {
    const { deck, problems } = parseCrowdAnkiDeck(readFileSync('tests/fixtures/import/crowdanki-deck.json', 'utf8'), 'deck.json')
    expect(problems).toEqual([])
    expect(cardsOf(deck).map((c) => c.replace(/^[^:]+: /, ''))).toEqual([
      'das Brot 🥖 ⇒ bread\n![](media/brot.jpg)',
      "**&#91;…&#93;**, wie geht's? ⇒ **Guten Morgen**, wie geht's?\nBegrüßung\nLehrbuch S. 3",
      "Guten Morgen, wie **&#91;how&#93;**? ⇒ Guten Morgen, wie **geht's**?\nBegrüßung\nLehrbuch S. 3",
      'zwölf ⇒ twelve\n(12)',
      '12 ⇒ zwölf'
    ])
    expect(deck?.notes.at(-1)?.tags).toEqual(['zahl', 'Reise-Deutsch::Zahlen'])
  })
})
