import { markdownElements } from '@components/card-markdown'
import { plainParagraphs, plainTextElements } from '@components/card-text-plain'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderToStaticMarkup } from 'react-dom/server'
import { XSS_PAYLOADS } from '../../../fixtures/xss/payloads'
import { describe, expect, it } from 'vitest'

// Plain card text is drawn without the Markdown pipeline (card-text-plain.ts): it must look
// exactly as the pipeline draws it, and anything with Markdown in it must go to the pipeline.
const full = (text: string) => renderToStaticMarkup(markdownElements(text, undefined))
const plain = (text: string) => {
  const elements = plainTextElements(text)
  return elements && renderToStaticMarkup(elements)
}

/** Every string a built-in deck shows on a card (questions, answers, options, explanations). */
function deckTexts(): string[] {
  const texts: string[] = []
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  const dir = join(__dirname, '../../../../decks')
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(join(dir, file), 'utf8')).notes)
  return texts
}

/** Seeded texts built from characters the plain path accepts and some it must refuse, in lines and paragraphs. */
function generatedTexts(count: number): string[] {
  let seed = 42
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pieces = [
    'model',
    'Q3.17:',
    'what',
    'e.g.',
    '99%',
    '1.',
    '2)',
    '10.',
    '-',
    '--',
    '---',
    '+',
    '=',
    '==',
    '#',
    '# ',
    '##',
    '>',
    ':',
    '(a)',
    '"x"',
    "it's",
    'é',
    '→',
    '\u00a0',
    '\u2003',
    '^',
    '{',
    '}',
    ';',
    '/',
    'a/b',
    '?',
    ',',
    ' ',
    ' ',
    ' ',
    '  ',
    '\n',
    '\n',
    '\n\n',
    '\n\n\n',
    '\n ',
    ' \n',
    '    code',
    '1. item',
    '- item',
    '* star',
    '_under_',
    '**bold**',
    '`code`',
    '[x](y)',
    '<b>',
    '&amp;',
    '~~s~~',
    '$x$',
    'www.a.com',
    'http://a.b',
    'a@b.c',
    '|a|b|',
    '\t',
    '\r\n',
    '\\',
    '!',
    'Setext\n===',
    'Rule\n---',
    '\r',
    '\f',
    '\v',
    '\u0000',
    '\u0085',
    '\u2028',
    '\u200b',
    '\ufeff',
    '\ud83d\ude00',
    '\ud800',
    'javascript:alert(1)',
    'onerror=x',
    '"><',
    '&#106;',
    '[sound:a.mp3]',
    '![i](a.png)',
    '\\(x\\)',
    '$$x$$',
    '```',
    '~~~',
    '1)',
    '*',
    '***',
    '   ',
    '<!--',
    '\u3000',
    '\u200e',
    '\ue000',
    '\u2029',
    'ǅ',
    'Ⅻ',
    '½',
    '«»',
    '¡',
    '€',
    '©'
  ]
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(rand() * 12)
    return Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join(rand() < 0.5 ? ' ' : '')
  })
}

describe('plain card text without the Markdown pipeline', () => {
  it('draws the same markup as the pipeline for the built-in texts it takes, and takes nearly all of them', () => {
    const texts = [...new Set(deckTexts())]
    const taken = texts.filter((text) => plainParagraphs(text))
    // Every text of more than one line, and one in four of the rest: the pipeline takes 1–3 ms a
    // text here, and all of them held the whole unit suite up on a busy machine.
    const compared = taken.filter((text, i) => text.includes('\n') || i % 4 === 0)
    for (const text of compared) expect(plain(text), text).toBe(full(text))
    expect(compared.length).toBeGreaterThan(1000)
    // Not a timing: most built-in cards are plain words, which is what makes the path worth having.
    expect(taken.length / texts.length).toBeGreaterThan(0.8)
  })

  it('draws the same markup as the pipeline on generated texts with lines, paragraphs and near-Markdown', () => {
    let taken = 0
    for (const text of generatedTexts(20000)) {
      const html = plain(text)
      if (html === null) continue
      taken++
      expect(html, JSON.stringify(text)).toBe(full(text))
    }
    expect(taken).toBeGreaterThan(1000)
  })

  it('splits paragraphs at blank lines and keeps single line breaks inside them, as Markdown does', () => {
    const text = '\nA data scientist reports 99% accuracy\non training data.\n\n\nWhat is the MOST likely problem?\n'
    expect(plain(text)).toBe('<p>A data scientist reports 99% accuracy\non training data.</p>\n<p>What is the MOST likely problem?</p>')
    expect(plain(text)).toBe(full(text))
    expect(plain('')).toBe(full(''))
  })

  it('leaves Markdown, HTML, entities, links and block syntax to the pipeline', () => {
    for (const text of [
      'Use **Clarify**',
      'a `b`',
      '[x](https://a.b)',
      'see https://aws.amazon.com',
      'www.example.com',
      'mail a@b.com',
      'AT&amp;T',
      '<b>x</b>',
      '# Title',
      'Title\n===',
      'Title\n---',
      '- one\n- two',
      '1. one',
      '> quote',
      '    indented code',
      'hard  \nbreak',
      'a\tb',
      'a\r\nb',
      'price $5',
      'a | b',
      '[sound:a.mp3]'
    ])
      expect(plainParagraphs(text), text).toBeNull()
  })

  it('draws a hostile text it takes as paragraphs of text, and leaves every one with markup to the pipeline', () => {
    for (const payload of XSS_PAYLOADS) {
      const text = `Question: ${payload}`
      const html = plain(text)
      if (/[<>&]/.test(payload)) expect(html, payload).toBeNull()
      if (html === null) continue
      expect(html, payload).toMatch(/^<p>[^<]*<\/p>(\n<p>[^<]*<\/p>)*$/)
      expect(html, payload).toBe(full(text))
    }
  })
})
