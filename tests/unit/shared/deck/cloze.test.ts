import { clozeAnswer, clozePlain, clozeQuestion, insertCloze, parseCloze } from '@shared/deck/cloze'
import { clozeNoteSchema } from '@shared/deck/schema'
import { describe, expect, it } from 'vitest'

const F1 = 'F1 is the {{c1::harmonic mean}} of {{c2::precision}} and {{c2::recall::two metrics}}.'

describe('cloze deletions as Anki writes them', () => {
  it('finds each deletion, its hint, and one card per number (a number used twice is one card)', () => {
    const parsed = parseCloze(F1)
    expect(parsed.problems).toEqual([])
    expect(parsed.numbers).toEqual([1, 2])
    expect(parsed.deletions.map((d) => [d.n, d.answer, d.hint])).toEqual([
      [1, 'harmonic mean', undefined],
      [2, 'precision', undefined],
      [2, 'recall', 'two metrics']
    ])
  })

  it('hides only the card’s own deletions, shows the others as text, and marks the answer', () => {
    expect(clozeQuestion(F1, 1)).toBe('F1 is the **&#91;…&#93;** of precision and recall.')
    expect(clozeQuestion(F1, 2)).toBe('F1 is the harmonic mean of **&#91;…&#93;** and **&#91;two metrics&#93;**.')
    expect(clozeAnswer(F1, 2)).toBe('F1 is the harmonic mean of **precision** and **recall**.')
    expect(clozePlain(F1)).toBe('F1 is the harmonic mean of precision and recall.')
  })

  it('keeps a hint from reading as a link, markup or a formula', () => {
    expect(clozeQuestion('{{c1::x::see [here](javascript:alert(1))}}(y)', 1)).toBe(
      '**&#91;see &#91;here&#93;(javascript:alert(1))&#93;**(y)'
    )
    expect(clozeQuestion('{{c1::x::\\[a\\] or $b$ or *c*}}', 1)).toBe('**&#91;&#92;&#91;a&#92;&#93; or &#36;b&#36; or &#42;c&#42;&#93;**')
  })

  it('names what is wrong: no closing braces, an empty, a nested or an out-of-range deletion', () => {
    expect(parseCloze('The {{c1::answer never closes').problems).toEqual(['the cloze c1 at “{{c1::answer never closes” has no closing }}'])
    expect(parseCloze('An {{c1::}} gap and {{c2::  ::hint}}').problems).toEqual([
      'the cloze c1 at “{{c1::}} gap and {{c2:: ::hint}}” is empty',
      'the cloze c2 at “{{c2:: ::hint}}” is empty'
    ])
    expect(parseCloze('{{c1::outer {{c2::inner}} rest}} then {{c3::fine}}')).toMatchObject({
      numbers: [3],
      problems: ['the cloze c1 at “{{c1::outer {{c2::inner}} rest}} then {{…” holds another cloze: nested deletions are not supported']
    })
    expect(parseCloze('{{c0::zero}} and {{c501::many}}').problems).toEqual([
      'the cloze number c0 is outside c1–c500',
      'the cloze number c501 is outside c1–c500'
    ])
  })

  it('refuses a cloze note without a deletion or with a broken one, naming the field', () => {
    const note = { id: 'n', type: 'cloze', tags: [] }
    expect(clozeNoteSchema.safeParse({ ...note, text: F1 }).success).toBe(true)
    const none = clozeNoteSchema.safeParse({ ...note, text: 'No deletion here' })
    expect(none.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['text', 'a cloze note has no deletion: mark one as {{c1::answer}}']
    ])
    const broken = clozeNoteSchema.safeParse({ ...note, text: '{{c1::open' })
    expect(broken.error?.issues.map((i) => i.path.join('.'))).toEqual(['text'])
  })
})

describe('Ctrl+Shift+C in the editor', () => {
  it('wraps the selection in the next number, or the same number with Alt, and places the caret', () => {
    const text = 'Precision is TP over predicted positives'
    const first = insertCloze(text, 0, 9, false)
    expect(first).toEqual({ text: '{{c1::Precision}} is TP over predicted positives', caret: 17 })
    const at = first.text.indexOf('predicted')
    const second = insertCloze(first.text, at, at + 'predicted positives'.length, false)
    expect(second.text).toBe('{{c1::Precision}} is TP over {{c2::predicted positives}}')
    const same = insertCloze(second.text, 21, 23, true)
    expect(same.text).toBe('{{c1::Precision}} is {{c2::TP}} over {{c2::predicted positives}}')
    // Nothing selected: an empty deletion with the caret inside, ready to type.
    expect(insertCloze('F1 is ', 6, 6, false)).toEqual({ text: 'F1 is {{c1::}}', caret: 12 })
  })
})
