import { clozeNumbersOf, questionHasContent, renderCard, renderNoteCards, type NoteTypeLike } from '@shared/deck/anki-template'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const vocab: NoteTypeLike = {
  name: 'Vocabulary',
  kind: 'standard',
  fields: ['Word', 'Meaning', 'Example', 'Notes', 'Audio'],
  templates: [
    {
      name: 'Recognition',
      front: '{{Word}}\n{{#Audio}}{{Audio}}{{/Audio}}',
      back: '{{FrontSide}}\n{{Meaning}}\n{{#Example}}Example: {{Example}}{{/Example}}\n{{^Example}}(no example){{/Example}}\n{{hint:Notes}}'
    },
    { name: 'Production', front: '{{Meaning}}\n{{type:Word}}', back: '{{FrontSide}}\n{{Word}}' },
    { name: 'Listening', front: '{{#Audio}}{{Audio}}\nWhat word is this?{{/Audio}}', back: '{{FrontSide}}\n{{Word}} — {{Meaning}}' }
  ]
}

const card = (type: NoteTypeLike, ord: number, values: string[], cloze?: number) =>
  renderCard({ noteType: type, template: type.templates[ord]!, values, ...(cloze ? { cloze } : {}) })

describe('renderCard: fields, FrontSide and sections', () => {
  it('puts each field in its place and leaves the question off the answer when the back starts with {{FrontSide}}', () => {
    const values = ['der Apfel 🍎', 'the apple', 'Ich esse einen Apfel.', '', '']
    expect(card(vocab, 0, values)).toEqual({
      question: 'der Apfel 🍎',
      answer: 'the apple\nExample: Ich esse einen Apfel.'
    })
  })

  it('shows a {{^Field}} section only when the field is empty, and a {{#Field}} section only when it is filled', () => {
    const values = ['la pomme', 'the apple', '  ', 'feminine', '[sound:pomme.mp3]']
    expect(card(vocab, 0, values)).toEqual({
      question: 'la pomme\n[sound:pomme.mp3]',
      answer: 'the apple\n(no example)\n*Hint:* feminine'
    })
  })

  it('nests sections: the inner one is reached only through the outer one', () => {
    const type: NoteTypeLike = {
      name: 'Nested',
      kind: 'standard',
      fields: ['Q', 'A', 'Source', 'Page'],
      templates: [{ name: 'Card 1', front: '{{Q}}', back: '{{A}}{{#Source}} — {{Source}}{{#Page}}, p. {{Page}}{{/Page}}{{/Source}}' }]
    }
    expect(card(type, 0, ['Q', 'Antwort', 'Duden', '42']).answer).toBe('Antwort — Duden, p. 42')
    expect(card(type, 0, ['Q', 'Antwort', '', '42']).answer).toBe('Antwort')
    expect(card(type, 0, ['Q', 'Antwort', 'Duden', '']).answer).toBe('Antwort — Duden')
  })

  it('reduces {{type:…}} to nothing on the question and the expected answer on the answer', () => {
    const values = ['犬', 'dog', '', '', '']
    expect(card(vocab, 1, values)).toEqual({ question: 'dog', answer: '犬' })
    const typeOnBack: NoteTypeLike = { ...vocab, templates: [{ name: 't', front: '{{Meaning}}', back: '{{type:Word}}' }] }
    expect(card(typeOnBack, 0, values).answer).toBe('犬')
  })

  it('shows the question once when the back repeats its fields instead of {{FrontSide}} (Basic, type in the answer)', () => {
    const typed: NoteTypeLike = {
      name: 'Basic (type in the answer)',
      kind: 'standard',
      fields: ['Front', 'Back'],
      templates: [{ name: 'Card 1', front: '{{Front}}\n{{type:Back}}', back: '{{Front}}\n{{type:Back}}' }]
    }
    expect(card(typed, 0, ['¿Cómo estás?', 'Bien, gracias'])).toEqual({ question: '¿Cómo estás?', answer: 'Bien, gracias' })
  })

  it('keeps the question where a back template places {{FrontSide}} later, and shows special fields', () => {
    const type: NoteTypeLike = {
      name: 'Capitals',
      kind: 'standard',
      fields: ['Country', 'Capital'],
      templates: [
        { name: 'Forward', front: '{{Country}}', back: '{{Capital}} is the capital.\n({{FrontSide}}, {{Type}}: {{Card}}, {{Tags}})' }
      ]
    }
    const rendered = renderCard({
      noteType: type,
      template: type.templates[0]!,
      values: ['Ελλάδα', 'Αθήνα'],
      context: { tags: ['geo', 'europe'] }
    })
    expect(rendered.answer).toBe('Αθήνα is the capital.\n(Ελλάδα, Capitals: Forward, geo europe)')
  })

  it('leaves unknown fields empty, shows the field for unknown filters, and text: drops images', () => {
    const type: NoteTypeLike = {
      name: 'Odd',
      kind: 'standard',
      fields: ['Front', 'Back'],
      templates: [
        { name: 'c', front: '[{{Missing}}]{{edit:Front}}', back: '{{text:Back}}|{{tts en_US:Front}}|{{furigana:Front}}|{{kana:Front}}' }
      ]
    }
    const rendered = card(type, 0, ['日本[にほん]', 'Nippon ![](flag.png)'])
    expect(rendered.question).toBe('[]日本[にほん]')
    expect(rendered.answer).toBe('Nippon||日本（にほん）|にほん')
  })

  it('renders template text with no tags as written, and a template of only tags that are empty as nothing', () => {
    const type: NoteTypeLike = {
      name: 'x',
      kind: 'standard',
      fields: ['A'],
      templates: [{ name: 'c', front: 'Plain {{!comment}}text', back: '{{A}}' }]
    }
    expect(card(type, 0, ['']).question).toBe('Plain text')
    expect(card(type, 0, ['']).answer).toBe('')
  })

  it('never lets an unclosed section or a stray closing tag break the rest of the template', () => {
    const type: NoteTypeLike = {
      name: 'Broken',
      kind: 'standard',
      fields: ['A', 'B'],
      templates: [{ name: 'c', front: '{{A}}{{/Nowhere}}', back: '{{B}}{{#A}} and more' }]
    }
    expect(card(type, 0, ['a', 'b'])).toEqual({ question: 'a', answer: 'b and more' })
    expect(card(type, 0, ['', 'b']).answer).toBe('b')
  })
})

describe('renderNoteCards: which cards a note makes', () => {
  it('makes a card per template whose question reaches a filled field, as Anki does', () => {
    const withAudio = renderNoteCards(vocab, ['Haus', 'house', '', '', '[sound:haus.mp3]'])
    expect(withAudio.map((c) => c.ord)).toEqual([0, 1, 2])
    expect(withAudio[2]).toEqual({ ord: 2, question: '[sound:haus.mp3]\nWhat word is this?', answer: 'Haus — house' })
    // No audio: the Listening card's front is empty, so it is not made.
    expect(renderNoteCards(vocab, ['Haus', 'house', '', '', '']).map((c) => c.ord)).toEqual([0, 1])
    // No word: Recognition asks nothing, Production still asks the meaning.
    expect(renderNoteCards(vocab, ['', 'house', '', '', '']).map((c) => c.ord)).toEqual([1])
  })

  it('does not count literal text or FrontSide as content of the question', () => {
    expect(questionHasContent('Translate: {{Word}}', ['Word'], [''])).toBe(false)
    expect(questionHasContent('{{^Word}}Nothing here{{/Word}}', ['Word'], [''])).toBe(false)
    expect(questionHasContent('{{^Word}}{{Meaning}}{{/Word}}', ['Word', 'Meaning'], ['', 'x'])).toBe(true)
  })

  it('makes a cloze card per number found in the fields the template passes to cloze:, hiding only that number', () => {
    const cloze: NoteTypeLike = {
      name: 'Cloze with source',
      kind: 'cloze',
      fields: ['Text', 'Back Extra', 'Source'],
      templates: [
        { name: 'Cloze', front: '{{cloze:Text}}', back: '{{cloze:Text}}\n{{Back Extra}}\n{{#Source}}Source: {{Source}}{{/Source}}' }
      ]
    }
    const values = ['{{c1::Paris}} is the capital of {{c2::France::country}} 🇫🇷', 'Seit 508', 'Wikipedia']
    expect(clozeNumbersOf(cloze, values)).toEqual([1, 2])
    const cards = renderNoteCards(cloze, values)
    expect(cards).toEqual([
      {
        ord: 0,
        cloze: 1,
        question: '**&#91;…&#93;** is the capital of France 🇫🇷',
        answer: '**Paris** is the capital of France 🇫🇷\nSeit 508\nSource: Wikipedia'
      },
      {
        ord: 0,
        cloze: 2,
        question: 'Paris is the capital of **&#91;country&#93;** 🇫🇷',
        answer: 'Paris is the capital of **France** 🇫🇷\nSeit 508\nSource: Wikipedia'
      }
    ])
    // Deletions in a field the template does not pass to cloze: make no card.
    expect(clozeNumbersOf(cloze, ['no deletion', '{{c3::x}}', ''])).toEqual([])
  })

  it('opens {{#c2}} sections only on card 2, and cloze-only / type: show the card’s answers', () => {
    const cloze: NoteTypeLike = {
      name: 'Cloze typed',
      kind: 'cloze',
      fields: ['Text'],
      templates: [
        { name: 'Cloze', front: '{{cloze:Text}}{{#c2}} (second){{/c2}}\n{{type:cloze:Text}}', back: '{{FrontSide}}\n{{cloze-only:Text}}' }
      ]
    }
    const [one, two] = renderNoteCards(cloze, ['{{c1::a}} {{c2::b}} {{c2::c}}'])
    expect(one?.question).toBe('**&#91;…&#93;** b c')
    expect(two?.question).toBe('a **&#91;…&#93;** **&#91;…&#93;** (second)')
    expect(two?.answer).toBe('b, c')
  })
})

describe('templates under fuzzing', () => {
  it('renders any mix of tags, sections and text without throwing, and shows no internal marker', () => {
    const piece = fc.constantFrom(
      '{{',
      '}}',
      '{{A}}',
      '{{#A}}',
      '{{^B}}',
      '{{/A}}',
      '{{/B}}',
      '{{cloze:A}}',
      '{{type:B}}',
      '{{hint:A}}',
      '{{FrontSide}}',
      '\n',
      'x',
      ' ',
      '{{c1::y}}',
      '::',
      '{{#c1}}'
    )
    const template = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(
        template,
        template,
        fc.array(fc.string({ maxLength: 20 }), { minLength: 2, maxLength: 2 }),
        fc.boolean(),
        (front, back, values, cloze) => {
          const type: NoteTypeLike = {
            name: 'T',
            kind: cloze ? 'cloze' : 'standard',
            fields: ['A', 'B'],
            templates: [{ name: 'c', front, back }]
          }
          for (const card of renderNoteCards(type, values)) {
            expect(card.question).not.toContain('\u0001')
            expect(card.answer).not.toContain('\u0001')
          }
        }
      ),
      { numRuns: 2000 }
    )
  })
})
