import { basicNotes, clozeNotes } from '../../helpers/notes'
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

describe('cloze notes in Markdown', () => {
  const { deck, problems } = parseMarkdownDeck(readFileSync('tests/fixtures/import/cloze-notes.md', 'utf8'), 'cloze-notes.md')

  it('reads Anki deletions, a list of one-line clozes and Obsidian highlights as cloze notes', () => {
    expect(clozeNotes(deck).map((n) => [n.id, n.text, n.tags])).toEqual([
      [
        'precision',
        '{{c1::Precision}} is the share of predicted positives that are right: TP / (TP + {{c2::FP}}).',
        ['classification-metrics']
      ],
      [
        cardIdFromFront('Recall is TP / (TP + FN), and sensitivity is another name for it.'),
        'Recall is TP / (TP + {{c1::FN::the positives it missed}}), and {{c1::sensitivity}} is another name for it.',
        ['classification-metrics']
      ],
      [
        cardIdFromFront('F1 is the harmonic mean of precision and recall.'),
        '{{c1::F1}} is the harmonic mean of precision and recall.',
        ['classification-metrics']
      ],
      [
        cardIdFromFront('AUC sums up the ROC curve in one number.'),
        '{{c1::AUC}} sums up the ROC curve in one number.',
        ['classification-metrics']
      ],
      [
        cardIdFromFront('The confusion matrix counts true and false positives and negatives.'),
        'The {{c1::confusion matrix}} counts {{c2::true and false positives}} and negatives.',
        ['classification-metrics']
      ]
    ])
    expect(clozeNotes(deck).every((n) => n.tasks?.join() === 'MLA-C02 2.3')).toBe(true)
  })

  it('keeps a definition with a highlighted phrase as a front/back note', () => {
    expect(basicNotes(deck).map((n) => [n.front, n.back])).toEqual([
      ['Specificity', 'the share of actual negatives predicted as negative, a ==true negative rate==.']
    ])
  })

  it('reads the file with no problem; a cloze in a code sample is code', () => {
    expect(problems).toEqual([])
    expect(deck?.notes.some((n) => n.type === 'cloze' && n.text.includes('not a cloze'))).toBe(false)
  })

  it('names the note, field and line of an unclosed or nested deletion, and imports the notes that are fine', () => {
    const broken = parseMarkdownDeck(
      [
        '# Metrics',
        '',
        '{{c1::Precision}} is fine.',
        '',
        'The {{c1::open deletion never closes.',
        '',
        '{{c1::outer {{c2::inner}} text}} is nested.'
      ].join('\n'),
      'broken.md'
    )
    expect(broken.deck?.notes.map((n) => (n.type === 'cloze' ? n.text : n.id))).toEqual(['{{c1::Precision}} is fine.'])
    expect(broken.problems.map((p) => [p.line, p.note, p.field, p.message])).toEqual([
      [5, 2, 'text', 'the cloze c1 at “{{c1::open deletion never closes.” has no closing }}'],
      [7, 3, 'text', 'the cloze c1 at “{{c1::outer {{c2::inner}} text}} is nest…” holds another cloze: nested deletions are not supported']
    ])
  })
})
