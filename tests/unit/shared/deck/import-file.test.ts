import { basicNotes, clozeNotes } from '../../helpers/notes'
import { importDeckFile, type ImportOptions } from '@shared/deck/import-file'
import { decodeText } from '@shared/deck/text-lines'
import { readDeckFile } from '@shared/deck/read-deck-file'
import { zipSync } from 'fflate'
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
    expect(await load('cards.dat', Uint8Array.from([0x00, 0x01, 0x7f, 0x00, 0xfe, 0x02, 0, 0, 0, 13]))).toEqual(
      refusal('cards.dat', message)
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

  it('lists at most 200 problems and says how many more there are, in words that fit the count', async () => {
    const cards = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ front: `Question ${i}`, back: '' })))
    const { problems } = await load('blank-backs.json', encode(cards(250)))
    expect(problems).toHaveLength(201)
    expect(problems[200]).toEqual({ file: 'blank-backs.json', message: '… and 50 more problems' })
    expect((await load('blank-backs.json', encode(cards(201)))).problems[200]).toEqual({
      file: 'blank-backs.json',
      message: '… and 1 more problem'
    })
  })
})

/** A zip written by hand whose one entry has the "encrypted" bit set, as password-protected zips have. */
function encryptedZip(name: string, data: Uint8Array): Uint8Array {
  const nameBytes = encode(name)
  const local = new DataView(new ArrayBuffer(30))
  local.setUint32(0, 0x04034b50, true)
  local.setUint16(4, 20, true)
  local.setUint16(6, 0x0001, true) // general-purpose flags: bit 0, encrypted
  local.setUint32(18, data.length, true)
  local.setUint32(22, data.length, true)
  local.setUint16(26, nameBytes.length, true)
  const central = new DataView(new ArrayBuffer(46))
  central.setUint32(0, 0x02014b50, true)
  central.setUint16(4, 20, true)
  central.setUint16(6, 20, true)
  central.setUint16(8, 0x0001, true)
  central.setUint32(20, data.length, true)
  central.setUint32(24, data.length, true)
  central.setUint16(28, nameBytes.length, true)
  const directoryAt = 30 + nameBytes.length + data.length
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, 1, true)
  end.setUint16(10, 1, true)
  end.setUint32(12, 46 + nameBytes.length, true)
  end.setUint32(16, directoryAt, true)
  const parts = [new Uint8Array(local.buffer), nameBytes, data, new Uint8Array(central.buffer), nameBytes, new Uint8Array(end.buffer)]
  return Uint8Array.from(parts.flatMap((p) => [...p]))
}

describe('importDeckFile: files that are not decks', () => {
  const xml = encode('<?xml version="1.0" encoding="UTF-8"?><x/>')
  it.each([
    [
      'terms.xlsx',
      zipSync({ '[Content_Types].xml': xml, '_rels/.rels': xml, 'xl/workbook.xml': xml, 'xl/worksheets/sheet1.xml': xml }),
      /^this is an Excel workbook \(\.xlsx\), not a deck: save the sheet as CSV \(UTF-8\) from the spreadsheet app/
    ],
    ['download', zipSync({ '[Content_Types].xml': xml, 'xl/workbook.xml': xml }), /^this is an Excel workbook/], // whatever the name
    [
      'terms.ods',
      zipSync({
        mimetype: [encode('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
        'content.xml': xml,
        'META-INF/manifest.xml': xml
      }),
      /^this is an OpenDocument spreadsheet \(\.ods\), not a deck: save the sheet as CSV/
    ],
    [
      'terms.numbers',
      zipSync({
        'Index/Document.iwa': Uint8Array.of(0, 1, 2),
        'Index/Tables/DataList.iwa': Uint8Array.of(3),
        'Metadata/Properties.plist': xml
      }),
      /^this is an Apple Numbers spreadsheet, not a deck: in Numbers choose File › Export To › CSV…/
    ],
    [
      'terms.xls',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      /^this is an old Excel workbook \(\.xls\), not a deck: save the sheet as CSV/
    ],
    ['notes.pdf', encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), /^this is a PDF document, not a deck/],
    ['diagram.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /^this is a PNG image, not a deck/],
    ['photo.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), /^this is a JPEG image, not a deck/],
    [
      'Flashcards - Quizlet.html',
      encode('<!DOCTYPE html>\n<html lang="en"><head><title>AWS terms | Quizlet</title></head><body><div>Polly</div></body></html>'),
      /^this is a web page \(HTML\), not a deck: export the cards from the site as CSV or text/
    ],
    ['page.txt', encode('\uFEFF  <html><head><meta charset="utf-8"></head><body>Q: a</body></html>'), /^this is a web page \(HTML\)/],
    ['saved.htm', encode('<!-- saved from url=(0042)https://example.com/cards -->\n<html><body>x</body></html>'), /^this is a web page/],
    [
      'deck.zip',
      encryptedZip('notes.md', encode('Polly :: Text to speech\n')),
      /^this zip archive is protected by a password, so Recall cannot open it: extract it with the password/
    ],
    ['shared.apkg', encryptedZip('collection.anki21', encode('SQLite format 3\0')), /^this zip archive is protected by a password/]
  ])('says what %s is and what to do with it', async (name, bytes, message) => {
    const { deck, problems } = await load(name, bytes)
    expect(deck).toBeUndefined()
    expect(problems).toEqual([{ file: name, message: expect.stringMatching(message) }])
  })

  it('still reads decks that only look a little like those files', async () => {
    // A note about HTML, a folder of notes zipped, a Markdown heading underlined with "=".
    const html = await load('html.md', encode('# HTML\n\nWhat starts an HTML page? :: <!DOCTYPE html>\n'))
    expect(basicNotes(html.deck).map((n) => n.back)).toEqual(['<!DOCTYPE html>'])
    const zipped = await load('notes.zip', zipSync({ 'notes.md': encode('Polly :: Text to speech\n') }))
    expect(basicNotes(zipped.deck).map((n) => n.front)).toEqual(['Polly'])
    const setext = await load(
      'setext.md',
      encode('Services\n=======\n\nPolly :: Text to speech\n\nSee <<<<<<< in git :: a conflict marker\n')
    )
    expect(basicNotes(setext.deck).map((n) => n.front)).toEqual(['Polly', 'See <<<<<<< in git'])
  })
})

describe('importDeckFile: images in Markdown and text', () => {
  it('keep the image and its alt text when the file is not there, and name the note by its words', async () => {
    const { deck, problems } = await load('ml.md', encode('# ML\n\nWhat is ![a diagram of SageMaker](sm.png)? :: A training flow\n'))
    expect(basicNotes(deck).map((n) => n.front)).toEqual(['What is ![a diagram of SageMaker](sm.png)?'])
    expect(problems).toEqual([
      expect.objectContaining({
        noteLabel: 'What is a diagram of SageMaker?',
        message: expect.stringMatching(/"sm.png" is not in the file/)
      })
    ])
  })
})

describe('importDeckFile: merge conflicts and deep nesting', () => {
  const conflicted = (ours: string, theirs: string) => ['<<<<<<< HEAD', ours, '=======', theirs, '>>>>>>> add-lex'].join('\n')

  it('names unresolved git merge-conflict markers and their line, in JSON, Markdown and CSV', async () => {
    const json = [
      '{',
      '  "format": "recall-deck",',
      '  "version": 2,',
      '  "id": "ai",',
      '  "name": "AI",',
      '  "notes": [',
      conflicted(
        '    { "id": "polly", "type": "basic", "front": "Polly", "back": "Speech", "tags": [] }',
        '    { "id": "polly", "type": "basic", "front": "Polly", "back": "Text to speech", "tags": [] }'
      ),
      '  ]',
      '}'
    ].join('\n')
    for (const name of ['ai.json', 'ai.txt']) {
      expect((await load(name, encode(json))).problems).toEqual([
        {
          file: name,
          line: 7,
          message:
            'the file holds 1 unresolved git merge conflict (lines <<<<<<<, ======= and >>>>>>>), the first at line 7: resolve it (keep one side and delete the marker lines) before importing'
        }
      ])
    }
    const cards = `[\n${conflicted('{"q": "Polly", "a": "Speech"}', '{"q": "Polly", "a": "TTS"}')},\n${conflicted('{"q": "Lex", "a": "Bots"}', '{"q": "Lex", "a": "Chat"}')}\n]\n`
    expect((await load('cards.json', encode(cards))).problems[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^the file holds 2 unresolved git merge conflicts .*the first at line 2: resolve them/)
    })
    const markdown = `# Services\n\n${conflicted('Polly :: Speech', 'Polly :: Text to speech')}\n\nLex :: Chatbots\n`
    expect((await load('services.md', encode(markdown))).problems).toMatchObject([
      { line: 3, message: expect.stringMatching(/merge conflict/) }
    ])
    const csv = `front,back\r\nLex,Chatbots\r\n${conflicted('Polly,Speech', 'Polly,Text to speech').replace(/\n/g, '\r\n')}\r\n`
    const read = await load('services.csv', encode(csv))
    expect(read.deck).toBeUndefined()
    expect(read.problems).toMatchObject([{ line: 3, message: expect.stringMatching(/merge conflict/) }])
  })

  it.each([
    ['arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['a native deck', `{"format": "recall-deck", "version": 2, "id": "d", "name": "D", "notes": [${'['.repeat(100_000)}]}`],
    ['unclosed arrays', '['.repeat(100_000)]
  ])('refuses JSON of 100,000 nested %s with the line, never a stack overflow', async (_, text) => {
    for (const name of ['deep.json', 'deep.txt']) {
      const { deck, problems } = await load(name, encode(`\n${text}`))
      expect(deck).toBeUndefined()
      expect(problems).toHaveLength(1)
      expect(problems[0]!.message).not.toMatch(/stack/i)
      if (name === 'deep.json' || !text.endsWith('['))
        expect(problems[0]).toMatchObject({
          line: 2,
          message: expect.stringMatching(/^the JSON is nested more than 100 levels deep at line 2/)
        })
    }
  })
})

function utf16Units(char: string): number[] {
  const units: number[] = []
  for (let i = 0; i < char.length; i++) units.push(char.charCodeAt(i))
  return units
}
