import { basicNotes } from '../../helpers/notes'
import { cardIdFromFront } from '@shared/deck/ids'
import { parseMarkdownDeck } from '@shared/deck/markdown'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const notes = readFileSync('tests/fixtures/decks/notes.md', 'utf8')

describe('parseMarkdownDeck', () => {
  const { deck, problems } = parseMarkdownDeck(notes, 'notes.md')
  const card = (front: string) => basicNotes(deck).find((c) => c.front === front)

  it('reads every card style in the notes, with no problem', () => {
    expect(problems).toEqual([])
    expect(deck?.id).toBe('sample-notes')
    expect(deck?.name).toBe('Sample notes')
    expect(basicNotes(deck).map((c) => c.front)).toEqual([
      'Amazon Polly',
      'Amazon Transcribe',
      'Amazon Translate',
      'Which service finds sentiment in text?',
      'Which service builds chatbots?',
      'Kinesis',
      'Redshift',
      'Which services collect data?',
      'What does Lambda do?',
      'SageMaker',
      'Rekognition'
    ])
  })

  it('takes explicit block ids and derives the others from the front', () => {
    expect(card('Amazon Polly')?.id).toBe('polly')
    expect(card('What does Lambda do?')?.id).toBe('lambda')
    expect(card('Amazon Translate')?.id).toBe(cardIdFromFront('Amazon Translate'))
  })

  it('joins indented continuation lines to a bullet and keeps the definition text', () => {
    expect(card('Amazon Polly')?.back).toBe('Turns text into lifelike speech.')
    expect(card('Amazon Transcribe')?.back).toBe('Converts speech in audio to text.\nSupports custom vocabularies.')
    expect(card('Amazon Translate')?.back).toBe('Translates text between languages.')
  })

  it('turns the heading path above a card into its tags', () => {
    expect(card('Amazon Polly')?.tags).toEqual(['speech'])
    expect(card('Which service builds chatbots?')?.tags).toEqual(['speech', 'q-and-a'])
    expect(card('Kinesis')?.tags).toEqual(['inline'])
  })

  it('follows the directions of Obsidian spaced repetition, and reverse: true for definitions', () => {
    expect(card('Amazon Polly')?.reverse).toBe(true) // bullet + front matter
    expect(card('SageMaker')?.reverse).toBe(true) // table row + front matter
    expect(card('Which service builds chatbots?')?.reverse).toBeUndefined() // Q/A one way
    expect(card('Kinesis')?.reverse).toBeUndefined() // ::
    expect(card('Redshift')?.reverse).toBe(true) // :::
    expect(card('Which services collect data?')?.reverse).toBe(true) // ??
    expect(card('What does Lambda do?')?.reverse).toBeUndefined() // ?
  })

  it('reads Q/A pairs, multi-line answers and tables', () => {
    expect(card('Which service builds chatbots?')?.back).toBe('Amazon Lex')
    expect(card('Which services collect data?')?.back).toBe('- Amazon S3\n- AWS Glue')
    expect(card('SageMaker')?.back).toBe('**Purpose:** Build, train, deploy\n\n**Layer:** ML services')
  })

  it('names the line of a question without an answer and of a duplicate id', () => {
    const text = '# T\n\n- **A:** one ^same\n- **B:** two ^same\n\nQ: lonely question\n'
    const result = parseMarkdownDeck(text, 'dup.md')
    expect(result.problems).toEqual([
      { file: 'dup.md', line: 6, message: 'a question (Q:) has no answer (A:)' },
      { file: 'dup.md', line: 4, field: 'id', message: 'duplicate id "same" (first used on line 3)' }
    ])
    expect(basicNotes(result.deck).map((c) => c.front)).toEqual(['A'])
  })

  it('reports a file with no cards instead of producing an empty deck', () => {
    const result = parseMarkdownDeck('Just prose.\n', 'prose.md')
    expect(result.deck).toBeUndefined()
    expect(result.problems).toEqual([{ file: 'prose.md', message: 'no cards found' }])
  })

  it('ignores card-like lines inside code fences and keeps line numbers after front matter', () => {
    const text = '---\nname: X\n---\n```\n- **Not:** a card\n```\n- **Real:**\n'
    const result = parseMarkdownDeck(text, 'x.md')
    expect(result.problems).toEqual([{ file: 'x.md', line: 7, message: 'the card "Real" has no answer' }])
  })
})

describe('headings without latin letters', () => {
  it('give no empty tag, and the deck still imports', () => {
    const { deck, problems } = parseMarkdownDeck('## 日本語のメモ\n\n- **猫:** cat\n', 'ja.md')
    expect(problems).toEqual([])
    expect(basicNotes(deck)[0]).toMatchObject({ front: '猫', back: 'cat', tags: [] })
  })
})
