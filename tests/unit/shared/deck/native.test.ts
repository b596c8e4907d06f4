import { parseNativeDeck } from '@shared/deck/native'
import { formatProblem } from '@shared/deck/problems'
import { serializeDeck } from '@shared/deck/read-deck-file'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => readFileSync(`tests/fixtures/decks/${name}`, 'utf8')

describe('parseNativeDeck', () => {
  it('accepts a built-in deck and round-trips it byte for byte', () => {
    const text = readFileSync('decks/aws-ml-chips.json', 'utf8')
    const { deck, problems } = parseNativeDeck(text, 'aws-ml-chips.json')
    expect(problems).toEqual([])
    expect(serializeDeck(deck!)).toBe(text)
  })

  it('names the file, line, card and field of an invalid card, and keeps the cards that are fine', () => {
    const { deck, problems } = parseNativeDeck(fixture('broken-card.json'), 'broken-card.json')
    expect(deck?.notes.map((n) => n.id)).toEqual(['one'])
    expect(problems).toEqual([{ file: 'broken-card.json', line: 8, note: 2, field: 'back', message: 'back is empty' }])
    expect(formatProblem(problems[0]!)).toBe('broken-card.json:8: note 2, field back: back is empty')
  })

  it('names the line of a JSON syntax error', () => {
    const { problems } = parseNativeDeck(fixture('bad-syntax.json'), 'bad-syntax.json')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'bad-syntax.json', line: 6 })
    expect(problems[0]!.message).toMatch(/^invalid JSON: comma expected/)
  })

  it('rejects duplicate ids, unknown fields and a wrong format marker', () => {
    const deck = {
      format: 'recall-deck',
      version: 1,
      id: 'd',
      name: 'D',
      cards: [
        { id: 'x', front: 'a', back: 'b' },
        { id: 'x', front: 'c', back: 'd', colour: 'red' }
      ]
    }
    const { problems } = parseNativeDeck(JSON.stringify(deck, null, 2), 'd.json')
    expect(problems.map(formatProblem)).toEqual([
      'd.json:12: note 2: unknown field "colour"',
      'd.json:13: note 2, field id: duplicate id "x" (also note 1)'
    ])
    const wrong = parseNativeDeck(JSON.stringify({ ...deck, format: 'anki' }), 'w.json')
    expect(wrong.problems[0]).toMatchObject({ field: 'format', message: 'format must be "recall-deck"' })
  })

  it('leaves out only the notes the schema refuses, but refuses the whole file for a problem of the deck itself', () => {
    const notes = [
      { id: 'polly', type: 'basic', front: 'Amazon Polly', back: 'Text to speech', tags: [] },
      { id: 'lex', type: 'cloze', text: 'Amazon {{c1L::Lex}} builds chatbots', tags: [] },
      { id: 'kendra', type: 'basic', front: 'Amazon Kendra', back: 'Enterprise search', tags: [] },
      { id: 'transcribe', type: 'basic', front: 'Amazon Transcribe', back: '', tags: [] },
      { id: 'comprehend', type: 'basic', front: 'Amazon Comprehend', back: 'NLP insights', tags: [], confusable: ['lex'] }
    ]
    const deck = { format: 'recall-deck', version: 2, id: 'ai-services', name: 'AI services', notes }
    const { deck: read, problems } = parseNativeDeck(JSON.stringify(deck, null, 2), 'ai.json')
    // A note that names a left-out note is left out in turn, and says why.
    expect(read?.notes.map((n) => n.id)).toEqual(['polly', 'kendra'])
    expect(problems.map(formatProblem)).toEqual([
      'ai.json:17: note 2, field text: a cloze note has no deletion: mark one as {{c1::answer}}',
      'ai.json:31: note 4, field back: back is empty',
      'ai.json:40: note 5, field confusable: no note with id "lex" in this deck'
    ])
    const unnamed = parseNativeDeck(JSON.stringify({ ...deck, name: '' }), 'unnamed.json')
    expect(unnamed.deck).toBeUndefined()
    expect(unnamed.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['name']))
  })

  it('accepts a UTF-8 byte-order mark and Windows line ends', () => {
    const text = '\uFEFF' + readFileSync('decks/aws-ml-chips.json', 'utf8').replace(/\n/g, '\r\n')
    expect(parseNativeDeck(text, 'bom.json').problems).toEqual([])
  })
})
