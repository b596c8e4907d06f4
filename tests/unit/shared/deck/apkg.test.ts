import { basicNotes, clozeNotes } from '../../helpers/notes'
import { parseApkgDeck } from '@shared/deck/apkg'
import { parseCsvDeck } from '@shared/deck/csv'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import { formatProblem } from '@shared/deck/problems'
import { readFileSync } from 'node:fs'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  LEGACY_NOTES,
  legacyCollection,
  MODERN_NOTES,
  packApkg,
  placeholderCollection,
  schema18Collection,
  zstdRawFrame
} from '../../../fixtures/import/make-apkg'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/import/${name}`))
const read = (bytes: Uint8Array, options = {}) => parseApkgDeck(bytes, 'deck.apkg', SQL, options)
const only = (message: string | RegExp) => ({
  problems: [{ file: 'deck.apkg', message: typeof message === 'string' ? message : expect.stringMatching(message) }]
})

describe('parseApkgDeck: packages Anki writes', () => {
  it('reads an old package (collection.anki2, decks as JSON) with HTML, media, clozes and reversed notes', () => {
    const { deck, problems } = parseApkgDeck(fixture('legacy.apkg'), 'legacy.apkg', SQL)
    expect(problems).toEqual([])
    expect(deck?.name).toBe('AWS ML::Services') // five notes there, one in Default
    expect(deck?.id).toBe('aws-ml-services')
    const card = (front: string) => basicNotes(deck).find((c) => c.front === front)
    expect(card('Amazon Polly')).toEqual({
      id: ankiGuidId('f]Qx1#Polly'),
      type: 'basic',
      front: 'Amazon Polly',
      back: 'Turns text into lifelike speech.\nSupports SSML & custom lexicons.',
      tags: ['ai-services', 'speech']
    })
    expect(card('Amazon Comprehend')?.reverse).toBe(true) // two cards: "Basic (and reversed card)"
    // Media stays named by file; import-file.ts checks it against the package's files.
    expect(card('Amazon Rekognition')).toMatchObject({ back: 'Image and video analysis\n![](rekognition-console.png)' })
    expect(card('Amazon Lex')?.back).toBe('Builds chatbots with voice and text [sound:lex-demo.mp3]')
    expect(clozeNotes(deck)).toMatchObject([
      {
        type: 'cloze',
        text: '{{c1::SageMaker Clarify}} detects {{c2::bias::what?}} in data and models.',
        extra: 'Also explains predictions with SHAP values.'
      }
    ])
  })

  it('reads a current package from collection.anki21b (zstd, schema 18), not the placeholder beside it', () => {
    const { deck, problems } = parseApkgDeck(fixture('modern.apkg'), 'modern.apkg', SQL)
    expect(problems).toEqual([])
    expect(deck?.name).toBe('MLA-C01::Deployment')
    expect(basicNotes(deck).map((c) => c.front)).toEqual(MODERN_NOTES.map((n) => n.fields[0]))
    expect(basicNotes(deck)[1]).toMatchObject({
      back: 'Scales to zero between requests; expect cold starts',
      extra: 'docs.aws.amazon.com/sagemaker',
      tags: ['AWS::Deployment']
    })
    expect(basicNotes(deck)[2]?.back).toBe('- payloads up to 1 GB\n- processing up to 1 hour')
    expect(basicNotes(deck)[5]).toMatchObject({ front: 'モデルの監視', tags: ['日本語'] })
  })

  it('reads collection.anki21 ("support older Anki versions"), and zstd made of stored blocks', () => {
    const anki21 = packApkg({ 'collection.anki2': placeholderCollection(SQL), 'collection.anki21': legacyCollection(SQL, LEGACY_NOTES) })
    expect(read(anki21).deck?.notes).toHaveLength(LEGACY_NOTES.length)
    const stored = packApkg({
      'collection.anki2': placeholderCollection(SQL),
      'collection.anki21b': zstdRawFrame(schema18Collection(SQL, MODERN_NOTES))
    })
    expect(read(stored).deck?.name).toBe('MLA-C01::Deployment')
  })

  it('gives a note the same id as in Anki’s text export, so progress follows the note', () => {
    const fromText = parseCsvDeck('#separator:tab\n#guid column:1\nf]Qx1#Polly\tAmazon Polly\tText to speech\n', 'notes.txt')
    const fromPackage = read(fixture('legacy.apkg'))
    expect(basicNotes(fromText.deck)[0]?.id).toBe(basicNotes(fromPackage.deck).find((c) => c.front === 'Amazon Polly')?.id)
  })

  it('reports a bad note by its position and imports the others', () => {
    const notes = [
      { guid: 'a', fields: ['Amazon Polly', 'Text to speech'], deck: 'D' },
      { guid: 'b', fields: ['Front only', ''], deck: 'D' }
    ]
    const result = read(packApkg({ 'collection.anki2': legacyCollection(SQL, notes) }))
    expect(result.problems.map(formatProblem)).toEqual(['deck.apkg: note 2, field back: back is empty'])
    expect(basicNotes(result.deck).map((c) => c.front)).toEqual(['Amazon Polly'])
  })
})

describe('parseApkgDeck: files it refuses', () => {
  it('says what is wrong with a file that is no package', () => {
    expect(read(new TextEncoder().encode('front,back\n'))).toEqual(only(/^not an Anki package/))
    expect(read(packApkg({ media: new TextEncoder().encode('{}') }))).toEqual(only(/^the package holds no Anki collection/))
    expect(read(fixture('legacy.apkg').slice(0, 600))).toEqual(only(/^the package is damaged/))
    expect(read(packApkg({ 'collection.anki2': new TextEncoder().encode('not sqlite at all, just text '.repeat(40)) }))).toEqual(
      only('the collection in the package cannot be read (file is not a database)')
    )
  })

  it('explains the "please update" placeholder of a package whose real collection is missing', () => {
    expect(read(packApkg({ 'collection.anki2': placeholderCollection(SQL) }))).toEqual(
      only(/holds only the "please update Anki" placeholder/)
    )
  })

  it('says so when the zstd data is damaged', () => {
    const frame = zstdRawFrame(schema18Collection(SQL, MODERN_NOTES))
    expect(read(packApkg({ 'collection.anki21b': frame.slice(0, frame.length - 100) }))).toEqual(only(/zstd compression cannot be read/))
  })

  it('refuses packages that unpack beyond the limit, before unpacking them', () => {
    expect(read(fixture('legacy.apkg'), { maxUnzippedBytes: 10_000 })).toEqual(
      only('the package unpacks to more than 0.1 MB; it was not opened')
    )
    // A zip entry that lies about its size is inflated into a buffer of the declared size only.
    const bomb = packApkg({ 'collection.anki2': new Uint8Array(2_000_000) })
    patchDeclaredSizes(bomb, 100)
    expect(read(bomb)).toEqual(only(/cannot be read/))
  })

  it('refuses zstd bombs: a huge declared window, or more output than the limit', () => {
    const hugeWindow = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 21 << 3, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(read(packApkg({ 'collection.anki21b': hugeWindow }))).toEqual(only(/unpacks to more than 200 MB/))
    const rle = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3] // 128 KiB window, no declared size
    for (let i = 0; i < 100; i++) rle.push(...blockHeader(i === 99, 1, 128 * 1024), 0x41) // 100 × 128 KiB of "A"
    expect(read(packApkg({ 'collection.anki21b': Uint8Array.from(rle) }), { maxUnzippedBytes: 1024 * 1024 })).toEqual(
      only(/unpacks to more than 1 MB/)
    )
  })

  it('refuses more notes than the limit, and needs SQLite', () => {
    expect(read(fixture('legacy.apkg'), { maxCards: 5 })).toEqual(only('the package has more than 5 notes; split it into smaller decks'))
    expect(parseApkgDeck(fixture('legacy.apkg'), 'deck.apkg', undefined)).toEqual(only(/needs SQLite/))
  })
})

function blockHeader(last: boolean, type: number, size: number): number[] {
  const value = (last ? 1 : 0) | (type << 1) | (size << 3)
  return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]
}

/** Rewrites the uncompressed size in every local and central zip header. */
function patchDeclaredSizes(zip: Uint8Array, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  for (let i = 0; i + 4 <= zip.length; i++) {
    const signature = view.getUint32(i, true)
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true)
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true)
  }
}
