import { basicNotes, clozeNotes } from '../../helpers/notes'
import { importDeckFile, type ImportOptions } from '@shared/deck/import-file'
import { decodeText } from '@shared/deck/text-lines'
import { readDeckFile } from '@shared/deck/read-deck-file'
import { readFileSync } from 'node:fs'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const bytesOf = (path: string) => new Uint8Array(readFileSync(path))
const fixture = (name: string) => bytesOf(`tests/fixtures/import/${name}`)
const encode = (text: string) => new TextEncoder().encode(text)
const load = (name: string, bytes: Uint8Array, options: ImportOptions = {}) => importDeckFile({ name, bytes }, { sqlJs: SQL, ...options })
const refusal = (file: string, message: string) => ({ problems: [{ file, message }] })

describe('importDeckFile: recognising the format', () => {
  it.each([
    ['anki-notes.txt', 'anki-notes.txt', 'AWS ML::Data Engineering', 6, ['labels.png', 'kms-intro.mp3']], // Anki header lines
    ['quizlet-export.txt', 'quizlet-export.txt', 'quizlet-export', 6], // tab-separated rows
    ['headerless.tsv', 'terms.tsv', 'terms', 5],
    ['exam-domains.csv', 'exam-domains.csv', 'exam-domains', 4],
    ['cards-array.json', 'cards-array.txt', 'cards-array', 3], // a JSON array, whatever the name
    ['nested-deck.json', 'nested-deck.json', 'AI Practitioner: responsible AI', 3],
    ['obsidian-notes.md', 'obsidian-notes.txt', 'ML-Grundlagen 🧠', 5], // Markdown cues in a .txt
    ['legacy.apkg', 'download.bin', 'AWS ML::Services', 6], // zip magic, whatever the name
    ['modern.apkg', 'modern.colpkg', 'MLA-C01::Deployment', 6]
  ])('reads %s named %s', async (file, name, deckName, count, missing: string[] = []) => {
    const { deck, problems } = await load(name, fixture(file))
    // Media a file names but does not carry is said, file by file; the note still comes in.
    expect(problems.map((p) => /"([^"]+)" is not in the file/.exec(p.message)?.[1])).toEqual(missing)
    expect(deck?.name).toBe(deckName)
    expect(deck?.notes).toHaveLength(count)
  })

  it('tells spreadsheet rows from notes in a .txt, even with "::" in Anki tags and clozes', async () => {
    const clozes = await load(
      'clozes.txt',
      encode('{{c1::Amazon Polly}} turns text into speech,Polly\n{{c1::Amazon Lex}} builds chatbots,Lex\n')
    )
    expect(clozeNotes(clozes.deck).map((c) => [c.text, c.extra])).toEqual([
      ['{{c1::Amazon Polly}} turns text into speech', 'Polly'],
      ['{{c1::Amazon Lex}} builds chatbots', 'Lex']
    ])
    const tagged = await load('tagged.txt', encode('Polly,Text to speech,AWS::AI\nLex,Chatbots,AWS::AI\n'))
    expect(basicNotes(tagged.deck).map((c) => [c.back, c.extra])).toEqual([
      ['Text to speech', 'AWS::AI'],
      ['Chatbots', 'AWS::AI']
    ]) // unnamed third column
    const notes = await load('notes.txt', encode('Polly::Text to speech\nLex:::Chatbots\n'))
    expect(basicNotes(notes.deck).map((c) => [c.front, c.reverse])).toEqual([
      ['Polly', undefined],
      ['Lex', true]
    ])
    expect((await load('cut.txt', encode('{\n  "cards": [\n    {"front": "a"\n'))).problems).toEqual([
      { file: 'cut.txt', line: 4, message: 'invalid JSON: close brace expected' }
    ])
  })

  it('sends native decks to the native reader, which keeps every field exactly', async () => {
    const native = bytesOf('decks/aws-ml-chips.json')
    const committed = JSON.parse(readFileSync('decks/aws-ml-chips.json', 'utf8'))
    expect((await load('aws-ml-chips.json', native)).deck).toEqual(committed)
    expect((await load('chips.txt', native, { format: 'json' })).deck).toEqual(committed)
    const broken = await load('broken.json', bytesOf('tests/fixtures/decks/broken-card.json'))
    expect(broken.problems).toEqual([{ file: 'broken.json', line: 8, note: 2, field: 'back', message: 'back is empty' }])
  })

  it('lets the caller choose the format', async () => {
    const asCsv = await load('notes.md', encode('Amazon Polly;Text to speech\nAmazon Lex;Chatbots\n'), { format: 'csv' })
    expect(basicNotes(asCsv.deck).map((c) => c.back)).toEqual(['Text to speech', 'Chatbots'])
    const asTsv = await load('x.csv', encode('a,b\tcomma, inside\n'), { format: 'tsv' })
    expect(basicNotes(asTsv.deck)[0]).toMatchObject({ front: 'a,b', back: 'comma, inside' })
    expect(await load('deck.apkg', encode('front,back'), { format: 'apkg' })).toEqual(
      refusal('deck.apkg', 'not an Anki package: .apkg and .colpkg files are zip archives, and this file is not one')
    )
  })

  it('keeps readDeckFile working for text callers, now for every text format', () => {
    expect(readDeckFile(readFileSync('tests/fixtures/decks/notes.md', 'utf8'), 'notes.md').deck?.id).toBe('sample-notes')
    expect(readDeckFile(readFileSync('tests/fixtures/import/exam-domains.csv', 'utf8'), 'exam-domains.csv').deck?.notes).toHaveLength(4)
    expect(readDeckFile('{"format": "recall-deck", "version": 1', 'cut.json').problems[0]?.message).toMatch(/^invalid JSON/)
  })
})

describe('importDeckFile: text encodings', () => {
  const csv = 'Frage;Antwort\nWas ist Überanpassung?;Das Modell lernt Rauschen 😵\n'

  it('decodes UTF-16 with a byte-order mark, little- and big-endian, like UTF-8', async () => {
    const utf8 = await load('de.csv', encode(csv))
    const le = Uint8Array.from([0xff, 0xfe, ...[...csv].flatMap(utf16Units).flatMap((u) => [u & 0xff, u >> 8])])
    const be = Uint8Array.from([0xfe, 0xff, ...[...csv].flatMap(utf16Units).flatMap((u) => [u >> 8, u & 0xff])])
    expect(basicNotes(utf8.deck)[0]).toMatchObject({ front: 'Was ist Überanpassung?', back: 'Das Modell lernt Rauschen 😵' })
    expect((await load('de.csv', le)).deck).toEqual(utf8.deck)
    expect((await load('de.csv', be)).deck).toEqual(utf8.deck)
    expect((await load('de.csv', Uint8Array.from([0xef, 0xbb, 0xbf, ...encode(csv)]))).deck).toEqual(utf8.deck)
  })

  it('refuses binary data and text that is not UTF-8', async () => {
    const message = 'not a text file (it contains binary data or is not UTF-8), so it cannot be read as a deck'
    expect(await load('image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual(
      refusal('image.png', message)
    )
    expect(await load('latin1.csv', Uint8Array.from([...encode('Caf'), 0xe9, ...encode(',coffee\n')]))).toEqual(
      refusal('latin1.csv', message)
    )
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41]))).toBeUndefined() // odd UTF-16
  })
})

describe('importDeckFile: limits', () => {
  it('refuses an empty file, a blank one and one over the size limit', async () => {
    expect(await load('empty.csv', new Uint8Array(0))).toEqual(refusal('empty.csv', 'the file is empty'))
    expect(await load('blank.md', encode(' \n\t\n'))).toEqual(refusal('blank.md', 'the file is empty'))
    const big = encode(`Q,A\n${'Polly,Text to speech\n'.repeat(60_000)}`)
    expect(await load('big.csv', big, { limits: { maxBytes: 1024 * 1024 } })).toEqual(
      refusal('big.csv', 'the file is too large (1.3 MB); a deck file may have at most 1 MB')
    )
  })

  it('refuses more cards than the limit in every format', async () => {
    const limits = { maxCards: 3 }
    const tooMany = (file: string) => refusal(file, 'the file has more than 3 cards; split it into smaller decks')
    expect(await load('four.csv', encode('a,1\nb,2\nc,3\nd,4\n'), { limits })).toEqual(tooMany('four.csv'))
    expect(await load('four.json', encode('[["a",1],["b",2],["c",3],["d",4]]'), { limits })).toEqual(tooMany('four.json'))
    expect(await load('four.md', encode('a::1\nb::2\nc::3\nd::4\n'), { limits })).toEqual(tooMany('four.md'))
    expect((await load('legacy.apkg', fixture('legacy.apkg'), { limits })).problems[0]?.message).toBe(
      'the package has more than 3 notes; split it into smaller decks'
    )
  })

  it('reports a field over the length limit by its record and keeps the rest of the deck', async () => {
    const json = JSON.stringify(
      [
        { q: 'Polly', a: 'Text to speech' },
        { q: 'Huge', a: 'x'.repeat(20_001) },
        { q: 'Lex', a: 'Chatbots' }
      ],
      null,
      1
    )
    const { deck, problems } = await load('huge.json', encode(json))
    expect(problems).toEqual([{ file: 'huge.json', line: 6, note: 2, field: 'back', message: 'back is longer than 20000 characters' }])
    expect(basicNotes(deck).map((c) => c.front)).toEqual(['Polly', 'Lex'])
  })

  it('lists at most 200 problems and says how many more there are', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `Question ${i},`).join('\n')
    const { problems } = await load('blank-backs.csv', encode(`front,back\n${rows}`))
    expect(problems).toHaveLength(201)
    expect(problems[200]).toEqual({ file: 'blank-backs.csv', message: '… and 50 more problems' })
  })
})

function utf16Units(char: string): number[] {
  const units: number[] = []
  for (let i = 0; i < char.length; i++) units.push(char.charCodeAt(i))
  return units
}
