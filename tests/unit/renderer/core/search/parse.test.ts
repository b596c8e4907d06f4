import type { SearchNode } from '@core/search/ast'
import { compileSearch } from '@core/search/compile'
import { parseSearch } from '@core/search/parse'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readDeck, studyCardsOf } from '../../../helpers/built-in-cards'

const text = (pattern: string): SearchNode => ({ kind: 'text', pattern })
const and = (...children: SearchNode[]): SearchNode => ({ kind: 'and', children })
const or = (...children: SearchNode[]): SearchNode => ({ kind: 'or', children })
const not = (child: SearchNode): SearchNode => ({ kind: 'not', child })

const cases: [string, SearchNode][] = [
  ['', { kind: 'all' }],
  ['   ', { kind: 'all' }],
  ['sagemaker', text('sagemaker')],
  ['Amazon polly', and(text('Amazon'), text('polly'))],
  ['"model  training"', text('model  training')],
  ['a-b', text('a-b')],
  ['-', text('-')],
  ['"or"', text('or')],
  ['S3: storage', and(text('S3:'), text('storage'))],
  ['is\\:new', text('is:new')],
  ['a\\*b *c', and(text('a\\*b'), text('*c'))],
  ['deck:aws-ml-services', { kind: 'deck', pattern: 'aws-ml-services' }],
  ['deck:"AWS ML: service → purpose"', { kind: 'deck', pattern: 'AWS ML: service → purpose' }],
  ['"deck:AWS ML*"', { kind: 'deck', pattern: 'AWS ML*' }],
  ['tag:ai-services', { kind: 'tag', pattern: 'ai-services' }],
  ['tag:aws::s3', { kind: 'tag', pattern: 'aws::s3' }],
  ['TAG:data*', { kind: 'tag', pattern: 'data*' }],
  ['tag:none', { kind: 'tag', pattern: '' }],
  ['is:new', { kind: 'is', state: 'new' }],
  ['is:learn is:review', and({ kind: 'is', state: 'learn' }, { kind: 'is', state: 'review' })],
  // The key in any case, the state in lower case, as in Anki (is:DUE is refused: anki-syntax.test.ts).
  ['IS:due', { kind: 'is', state: 'due' }],
  ['is:suspended OR is:buried', or({ kind: 'is', state: 'suspended' }, { kind: 'is', state: 'buried' })],
  ['flag:0', { kind: 'flag', flag: 0 }],
  ['flag:7', { kind: 'flag', flag: 7 }],
  ['prop:ivl>=10', { kind: 'prop', prop: 'ivl', op: '>=', value: 10 }],
  ['prop:due=-1', { kind: 'prop', prop: 'due', op: '=', value: -1 }],
  ['prop:r<0.8', { kind: 'prop', prop: 'r', op: '<', value: 0.8 }],
  ['prop:s>30', { kind: 'prop', prop: 's', op: '>', value: 30 }],
  ['prop:d<=7.5', { kind: 'prop', prop: 'd', op: '<=', value: 7.5 }],
  ['prop:reps!=0', { kind: 'prop', prop: 'reps', op: '!=', value: 0 }],
  ['prop:lapses>2', { kind: 'prop', prop: 'lapses', op: '>', value: 2 }],
  ['rated:7', { kind: 'rated', days: 7 }],
  ['added:1', { kind: 'added', days: 1 }],
  ['added:0', { kind: 'added', days: 1 }],
  ['rated:0', { kind: 'rated', days: 1 }],
  ['d_g \\_', and(text('d_g'), text('\\_'))],
  ['nc:uber', { kind: 'nc', pattern: 'uber' }],
  ['w:dog*', { kind: 'word', pattern: 'dog*' }],
  ['re:\\d{3}', { kind: 'regex', source: '\\d{3}' }],
  ['RE:x', { kind: 'regex', source: 'x' }],
  ['tag:re:^aws$', { kind: 'tag-regex', source: '^aws$' }],
  ['tag:nc:francais', { kind: 'tag', pattern: 'francais', nc: true }],
  ['tag:*', { kind: 'tag', pattern: '*' }],
  ['-tag:key-terms', not({ kind: 'tag', pattern: 'key-terms' })],
  ['--a', not(not(text('a')))],
  ['a OR b', or(text('a'), text('b'))],
  ['a or b', or(text('a'), text('b'))],
  ['a AND b', and(text('a'), text('b'))],
  ['a b OR c', or(and(text('a'), text('b')), text('c'))],
  ['a (b OR c)', and(text('a'), or(text('b'), text('c')))],
  [
    '-(is:new OR is:learn) deck:aws*',
    and(not(or({ kind: 'is', state: 'new' }, { kind: 'is', state: 'learn' })), { kind: 'deck', pattern: 'aws*' })
  ],
  ['((a))', text('a')],
  ['a OR b OR -c', or(text('a'), text('b'), not(text('c')))]
]

describe('parseSearch', () => {
  it.each(cases)('reads %j', (query, ast) => {
    expect(parseSearch(query)).toEqual({ ok: true, ast })
  })

  const errors: [string, number, RegExp][] = [
    ['(a', 0, /Missing "\)" for the "\(" at character 1/],
    ['a (b', 2, /Missing "\)"/],
    ['(', 0, /Missing "\)"/],
    ['a)', 1, /Unmatched "\)" at character 2/],
    ['()', 0, /Empty parentheses/],
    ['OR a', 0, /Nothing before OR/],
    ['a OR', 2, /Nothing after OR/],
    ['a OR OR b', 2, /Nothing after OR/],
    ['a AND', 2, /Nothing after AND/],
    ['-OR a', 0, /Nothing to leave out/],
    ['tag:x "unfinished', 6, /Missing closing quote for the one at character 7/],
    ['is:fresh', 0, /Unknown is:fresh; use is:new, is:learn/],
    ['a flag:8', 2, /flag: takes a number from 0/],
    ['prop:ivl>>3', 0, /prop:ivl needs a comparison and a number/],
    ['prop:reps', 0, /prop:reps needs a comparison/],
    // Each example fits its property: retrievability runs from 0 to 1.
    ['prop:r<', 0, /e\.g\. prop:r<0\.9 \(retrievability, from 0 to 1\)/],
    ['prop:d', 0, /e\.g\. prop:d>7 \(difficulty, from 1 to 10\)/],
    ['prop:ease>2', 0, /Unknown prop:ease>2/],
    ['rated:-1', 0, /rated: takes a number of days/],
    ['added:week', 0, /added: takes a number of days/],
    ['deck:', 0, /deck: needs a deck name/],
    ['tag:', 0, /tag: needs a tag/],
    [`${'('.repeat(100)}a${')'.repeat(100)}`, 64, /nested more than 64 deep/]
  ]

  it.each(errors)('reports a mistake in %j with its position', (query, position, message) => {
    const result = parseSearch(query)
    expect(result).toMatchObject({ ok: false, position })
    expect(result.ok || result.error).toMatch(message)
  })

  it('never throws, whatever is typed, and what it reads can be evaluated', () => {
    const cards = studyCardsOf(readDeck('aws-ml-chips')).slice(0, 3)
    const ctx = { now: 0, dayStart: 0, dayStartsAtHour: 4, retrievability: () => 0.5, ratedSince: () => false }
    const searchy = fc.string({ unit: fc.constantFrom(...'()-" :\\*<>=!.01279aOoRrdeckistagprolvnwu'.split('')), maxLength: 40 })
    fc.assert(
      fc.property(fc.oneof(searchy, fc.string({ unit: 'binary' })), (query) => {
        const result = parseSearch(query)
        if (!result.ok) {
          // The parser's own messages only: the catch-all would mean an internal bug.
          expect(result.error).not.toBe('This search could not be read')
          expect(result.position).toBeGreaterThanOrEqual(0)
          expect(result.position).toBeLessThanOrEqual(query.length)
          return
        }
        const predicate = compileSearch(result.ast)
        for (const card of cards) expect(typeof predicate(card, ctx)).toBe('boolean')
      }),
      { seed: 424242, numRuns: 2000 }
    )
  })

  it('survives very long negation chains and inputs', () => {
    expect(parseSearch(`${'-'.repeat(50_000)}a`).ok).toBe(true)
    expect(parseSearch('a '.repeat(20_000)).ok).toBe(true)
  })
})
