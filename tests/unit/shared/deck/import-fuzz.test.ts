import { importDeckFile, type DeckFormat } from '@shared/deck/import-file'
import { decodeText } from '@shared/deck/text-lines'
import { deckSchema } from '@shared/deck/schema'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { LEGACY_NOTES, legacyCollection, packApkg } from '../../../fixtures/import/make-apkg'

/**
 * Thousands of damaged inputs for every format: byte flips, cuts, separators, quotes, NULs, huge
 * fields and random JSON. Whatever comes in, importDeckFile resolves with a deck that passes the
 * schema or with at least one problem, and every line it names exists in the file.
 */
let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const fixture = (path: string) => new Uint8Array(readFileSync(path))
const encode = (text: string) => new TextEncoder().encode(text)
const TEXT_SEEDS: { name: string; format: DeckFormat; bytes: Uint8Array }[] = [
  { name: 'anki-notes.txt', format: 'csv', bytes: fixture('tests/fixtures/import/anki-notes.txt') },
  { name: 'exam-domains.csv', format: 'csv', bytes: fixture('tests/fixtures/import/exam-domains.csv') },
  { name: 'quizlet-export.tsv', format: 'tsv', bytes: fixture('tests/fixtures/import/quizlet-export.txt') },
  { name: 'quiz-app.json', format: 'json', bytes: fixture('tests/fixtures/import/quiz-app.json') },
  { name: 'crowdanki-notes.json', format: 'json', bytes: fixture('tests/fixtures/import/crowdanki-notes.json') },
  { name: 'deck.json', format: 'json', bytes: fixture('tests/fixtures/import/crowdanki-deck.json') },
  { name: 'obsidian-notes.md', format: 'markdown', bytes: fixture('tests/fixtures/import/obsidian-notes.md') },
  { name: 'aws-ml-chips.json', format: 'native', bytes: fixture('decks/aws-ml-chips.json').slice(0, 3000) },
  // CSV as people write it: quotes after ", ", Excel's sep= line, Windows and old Mac line ends.
  { name: 'excel-sep-line.csv', format: 'csv', bytes: fixture('tests/fixtures/import/csv/excel-sep-line.csv') },
  { name: 'hand-written-quotes.csv', format: 'csv', bytes: fixture('tests/fixtures/import/csv/hand-written-quotes.csv') },
  { name: 'old-mac-cr.csv', format: 'csv', bytes: fixture('tests/fixtures/import/csv/old-mac-cr.csv') },
  { name: 'windows-semicolon.csv', format: 'csv', bytes: fixture('tests/fixtures/import/csv/windows-semicolon.csv') }
]
const PIECES = [
  ',',
  ';',
  '\t',
  '|',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '{',
  '}',
  '[',
  ']',
  ':',
  '::',
  '#separator:tab\n',
  '#html:true\n',
  'sep=;\n',
  ', "',
  '" ,',
  '#separator:Pipe,,,,\n',
  '#tags column:9\n',
  '<script>',
  '<',
  '&#',
  '&lt;',
  '{{c1::',
  '{{#',
  '{{/',
  '{{^Ziffer}}',
  '"__type__": "Deck",',
  '[sound:',
  '- **',
  'Q: ',
  '?\n',
  '---\n',
  '\uFEFF',
  '"format": "recall-deck",',
  '{"front": 1, "back": null}',
  'x'.repeat(20_500)
].map(encode)

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; piece: number }
  | { kind: 'drop'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat({ max: PIECES.length - 1 }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) })
)

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = seed
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length
    if (m.kind === 'flip' && bytes.length > 0) (bytes = bytes.slice())[at] = m.byte
    else if (m.kind === 'cut') bytes = bytes.slice(0, at)
    else if (m.kind === 'insert') bytes = join(bytes.subarray(0, at), PIECES[m.piece]!, bytes.subarray(at))
    else if (m.kind === 'drop') bytes = join(bytes.subarray(0, at), bytes.subarray(at + m.length))
    else if (m.kind === 'repeat')
      bytes = join(bytes.subarray(0, at + m.length), bytes.subarray(at, at + m.length), bytes.subarray(at + m.length))
  }
  return bytes
}

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

async function expectSoundResult(name: string, bytes: Uint8Array, format?: DeckFormat): Promise<void> {
  const result = await importDeckFile({ name, bytes }, { format, sqlJs: SQL })
  if (result.deck) expect(deckSchema.safeParse(result.deck).success).toBe(true)
  else expect(result.problems.length).toBeGreaterThan(0)
  const text = decodeText(bytes)
  const lineCount = text === undefined ? 0 : text.split(/\r\n|\r|\n/).length
  for (const problem of result.problems) {
    expect(problem.file).toBe(name)
    expect(problem.message.length).toBeGreaterThan(0)
    if (problem.line !== undefined) expect(problem.line >= 1 && problem.line <= lineCount).toBe(true)
  }
}

describe('importDeckFile under fuzzing', () => {
  it('survives mutated CSV, TSV, JSON, Markdown and native decks, detected or forced', async () => {
    const input = fc.record({
      seed: fc.nat({ max: TEXT_SEEDS.length - 1 }),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
      forced: fc.boolean()
    })
    await fc.assert(
      fc.asyncProperty(input, async ({ seed, mutations, forced }) => {
        const { name, format, bytes } = TEXT_SEEDS[seed]!
        await expectSoundResult(name, mutate(bytes, mutations), forced ? format : undefined)
      }),
      { numRuns: 3000 }
    )
  })

  it('survives random JSON shapes', async () => {
    const card = fc.dictionary(
      fc.constantFrom('front', 'Back', 'question', 'answer', 'term', 'tags', 'id', 'topic', 'fields', 'extra', 'q', 'a'),
      fc.jsonValue({ maxDepth: 2 })
    )
    const deck = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.array(card, { maxLength: 8 }),
      fc.record({ name: fc.jsonValue({ maxDepth: 1 }), cards: fc.array(card, { maxLength: 8 }) }),
      fc.record({ deck: fc.record({ title: fc.string(), notes: fc.array(card, { maxLength: 8 }) }) })
    )
    await fc.assert(
      fc.asyncProperty(deck, fc.boolean(), async (value, minified) => {
        const text = minified ? JSON.stringify(value) : JSON.stringify(value, null, 2)
        await expectSoundResult('shape.json', encode(text ?? 'null'))
      }),
      { numRuns: 1500 }
    )
  })

  it('survives random bytes under every name', async () => {
    const names = fc.constantFrom('x.csv', 'x.tsv', 'x.txt', 'x.json', 'x.md', 'x.apkg', 'x')
    await fc.assert(
      fc.asyncProperty(names, fc.uint8Array({ maxLength: 600 }), async (name, bytes) => {
        await expectSoundResult(name, bytes)
      }),
      { numRuns: 800 }
    )
  })

  it('survives damaged Anki packages: in the zip, and in the SQLite collection inside', async () => {
    const apkg = fixture('tests/fixtures/import/legacy.apkg')
    const collection = legacyCollection(SQL, LEGACY_NOTES)
    const flips = fc.array(fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
      minLength: 1,
      maxLength: 6
    })
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        await expectSoundResult('deck.apkg', mutate(apkg, mutations))
      }),
      { numRuns: 200 }
    )
    await fc.assert(
      fc.asyncProperty(flips, async (mutations) => {
        await expectSoundResult('deck.apkg', packApkg({ 'collection.anki2': mutate(collection, mutations) }))
      }),
      { numRuns: 100 }
    )
  })
})
