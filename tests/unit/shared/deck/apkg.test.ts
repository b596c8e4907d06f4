import { basicNotes, clozeNotes } from '../../helpers/notes'
import { parseApkgDeck } from '@shared/deck/apkg'
import { parseCsvDeck } from '@shared/deck/csv'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import { formatProblem } from '@shared/deck/problems'
import { cardsOfNote } from '@core/notes/cards-of-note'
import type { Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  LEGACY_NOTES,
  legacyCollection,
  META_LATEST,
  MODERN_NOTES,
  packApkg,
  placeholderCollection,
  schema18Collection,
  zstdRawFrame
} from '../../../fixtures/import/make-apkg'
import { modelsCollection, type ModelSpec, type NoteSpec } from '../../../fixtures/import/make-anki-models'

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

const HR = '\n\n<hr id=answer>\n\n'
const JAPANESE_FIELDS = [
  'Expression',
  'Meaning',
  'Reading',
  'Audio',
  'Sentence',
  'Sentence meaning',
  'Sentence audio',
  'Image',
  'Part of speech',
  'Notes',
  'Frequency',
  'JLPT',
  'Kanji 1',
  'Kanji 2',
  'Kanji 3',
  'Stroke order',
  'Pitch accent',
  'Synonyms',
  'Antonyms',
  'Source',
  'Added by',
  'Core index'
]
const MODELS: ModelSpec[] = [
  {
    id: 101,
    name: 'Basic (and reversed card)',
    fields: ['Front', 'Back'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: `{{FrontSide}}${HR}{{Back}}` },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: `{{FrontSide}}${HR}{{Front}}` }
    ]
  },
  {
    id: 102,
    name: 'Cloze',
    cloze: true,
    fields: ['Text', 'Back Extra'],
    templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }]
  },
  {
    id: 103,
    name: 'Cloze (with source)',
    cloze: true,
    fields: ['Text', 'Back Extra', 'Source'],
    templates: [
      {
        name: 'Cloze',
        qfmt: '{{cloze:Text}}',
        afmt: '{{cloze:Text}}<br>{{Back Extra}}{{#Source}}<div class="src">Source: {{Source}}</div>{{/Source}}'
      }
    ]
  },
  {
    id: 104,
    name: 'Japanese Core 2k',
    fields: JAPANESE_FIELDS,
    templates: [
      {
        name: 'Recognition',
        qfmt: '<div class="big">{{Expression}}</div>{{#Sentence}}<div class="sentence">{{Sentence}}</div>{{/Sentence}}',
        afmt:
          '{{FrontSide}}<hr id=answer><div>{{furigana:Reading}}</div><div>{{Meaning}}</div>' +
          '{{#Notes}}<div><i>{{Notes}}</i></div>{{/Notes}}{{^Image}}<div>(no picture)</div>{{/Image}}{{#Image}}{{Image}}{{/Image}}' +
          '<div>#{{Core index}} · JLPT {{JLPT}}</div>'
      }
    ]
  },
  {
    id: 105,
    name: 'Vocabulary (3 ways)',
    fields: ['Word', 'Meaning', 'Audio'],
    templates: [
      { name: 'Recognition', qfmt: '{{Word}}', afmt: `{{FrontSide}}${HR}{{Meaning}}` },
      { name: 'Production', qfmt: '{{Meaning}}<br>{{type:Word}}', afmt: `{{FrontSide}}${HR}{{Word}}` },
      { name: 'Listening', qfmt: '{{#Audio}}{{Audio}}<br>Which word is this?{{/Audio}}', afmt: `{{FrontSide}}${HR}{{Word}} — {{Meaning}}` }
    ]
  }
]
const japanese = (values: Record<string, string>) => JAPANESE_FIELDS.map((name) => values[name] ?? '')
const NOTES: NoteSpec[] = [
  { guid: 'rev-katze', model: 101, fields: ['Katze 🐱', 'cat'], tags: 'deutsch', cards: [0, 1] },
  { guid: 'cz-tokyo', model: 102, fields: ['{{c1::Tokyo}} is the capital of {{c2::Japan}}', 'Since 1868'], cards: [0, 1] },
  {
    guid: 'cz-mito',
    model: 103,
    fields: ['<b>Mitochondria</b> are the {{c1::powerhouse::function}} of the cell', '', 'Biology 101'],
    cards: [0]
  },
  {
    guid: 'jp-neko',
    model: 104,
    fields: japanese({
      Expression: '猫',
      Meaning: 'cat &lt;animal&gt;',
      Reading: '猫[ねこ]',
      Sentence: '猫が好きです。',
      Image: '<img src="neko.jpg">',
      JLPT: 'N5',
      'Core index': '42'
    }),
    tags: '日本語 core2k',
    cards: [0]
  },
  {
    guid: 'jp-inu',
    model: 104,
    fields: japanese({ Expression: '犬', Meaning: 'dog', Reading: '犬[いぬ]', Notes: 'also 🐕', JLPT: 'N5', 'Core index': '43' }),
    cards: [0]
  },
  { guid: 'voc-haus', model: 105, fields: ['das Haus', 'the house', '[sound:haus.mp3]'], cards: [0, 1, 2] },
  { guid: 'voc-baum', model: 105, fields: ['der Baum', 'the tree', ''], cards: [0, 1] }
]

/** Every study card of the deck, as `key: question ⇒ answer`. */
function cardsOf(deck: Deck | undefined): string[] {
  if (!deck) return []
  return deck.notes.flatMap((note) =>
    cardsOfNote(deck.id, note, deck.noteTypes).map((c) => `${c.id.slice(deck.id.length + 1)}: ${c.question} ⇒ ${c.answer}`)
  )
}

describe('parseApkgDeck: note types and their templates', () => {
  for (const schema of [11, 18] as const) {
    it(`makes the cards each note type's templates make (schema ${schema})`, () => {
      const collection = modelsCollection(SQL, MODELS, NOTES, { schema, deck: 'Sprachen::Wörter' })
      const bytes =
        schema === 11
          ? packApkg({ 'collection.anki2': collection })
          : packApkg({ 'collection.anki21b': zstdRawFrame(collection), meta: META_LATEST })
      const { deck, problems } = read(bytes)
      expect(problems).toEqual([])
      expect(deck?.name).toBe('Sprachen::Wörter')
      const id = (guid: string) => ankiGuidId(guid)
      // Basic (and reversed card) and Cloze stay simple notes, with the ids they always had.
      expect(deck?.notes.slice(0, 2)).toEqual([
        { id: id('rev-katze'), type: 'basic', front: 'Katze 🐱', back: 'cat', reverse: true, tags: ['deutsch'] },
        { id: id('cz-tokyo'), type: 'cloze', text: '{{c1::Tokyo}} is the capital of {{c2::Japan}}', extra: 'Since 1868', tags: [] }
      ])
      // The other three come whole: their note types, with every field of their notes.
      expect(deck?.noteTypes?.map((t) => [t.name, t.kind, t.fields.length, t.templates.length])).toEqual([
        ['Cloze (with source)', 'cloze', 3, 1],
        ['Japanese Core 2k', 'standard', 22, 1],
        ['Vocabulary (3 ways)', 'standard', 3, 3]
      ])
      const neko = deck?.notes.find((n) => n.id === id('jp-neko'))
      expect(neko).toMatchObject({ type: 'fields', tags: ['日本語', 'core2k'] })
      expect(neko?.type === 'fields' && neko.fields).toHaveLength(22)
      expect(cardsOf(deck)).toEqual([
        `${id('rev-katze')}: Katze 🐱 ⇒ cat`,
        `${id('rev-katze')}/reverse: cat ⇒ Katze 🐱`,
        `${id('cz-tokyo')}/c1: **&#91;…&#93;** is the capital of Japan ⇒ **Tokyo** is the capital of Japan`,
        `${id('cz-tokyo')}/c2: Tokyo is the capital of **&#91;…&#93;** ⇒ Tokyo is the capital of **Japan**`,
        `${id('cz-mito')}/c1: Mitochondria are the **&#91;function&#93;** of the cell ⇒ Mitochondria are the **powerhouse** of the cell\nSource: Biology 101`,
        `${id('jp-neko')}: 猫\n猫が好きです。 ⇒ 猫（ねこ）\ncat \\<animal>\n![](neko.jpg)\n#42 · JLPT N5`,
        `${id('jp-inu')}: 犬 ⇒ 犬（いぬ）\ndog\nalso 🐕\n(no picture)\n#43 · JLPT N5`,
        `${id('voc-haus')}: das Haus ⇒ the house`,
        `${id('voc-haus')}/t1: the house ⇒ das Haus`,
        `${id('voc-haus')}/t2: [sound:haus.mp3]\nWhich word is this? ⇒ das Haus — the house`,
        // No audio: Anki makes no Listening card, and neither does Recall.
        `${id('voc-baum')}: der Baum ⇒ the tree`,
        `${id('voc-baum')}/t1: the tree ⇒ der Baum`
      ])
    })
  }

  it('keeps ids and cards when the same package is read again, and skips a cloze note without deletions with a message', () => {
    const broken: NoteSpec = { guid: 'cz-broken', model: 102, fields: ['{{c1L::Osaka}} is in Kansai', ''], cards: [0] }
    const bytes = packApkg({ 'collection.anki2': modelsCollection(SQL, MODELS, [...NOTES, broken], { schema: 11, deck: 'D' }) })
    const first = read(bytes)
    expect(first.problems.map(formatProblem)).toEqual([
      'deck.apkg: note 8, field text: this cloze note has no cloze deletion (mark one as {{c1::answer}}); it was skipped'
    ])
    expect(cardsOf(read(bytes).deck)).toEqual(cardsOf(first.deck))
    expect(first.deck?.notes).toHaveLength(7)
  })

  it('reads Anki’s "Basic (type in the answer)" as a basic note, and a Basic with a field its cards never show whole', () => {
    const models: ModelSpec[] = [
      {
        id: 201,
        name: 'Basic (type in the answer)',
        fields: ['Front', 'Back'],
        templates: [{ name: 'Card 1', qfmt: '{{Front}}\n\n{{type:Back}}', afmt: `{{Front}}${HR}{{type:Back}}` }]
      },
      {
        id: 202,
        name: 'Basic with index',
        fields: ['Index', 'Question', 'Answer'],
        templates: [{ name: 'Card 1', qfmt: '{{Question}}', afmt: `{{FrontSide}}${HR}{{Answer}}` }]
      }
    ]
    const notes: NoteSpec[] = [
      { guid: 'typed', model: 201, fields: ['¿Cómo estás?', 'Bien'], cards: [0] },
      { guid: 'indexed', model: 202, fields: ['0', 'Wie spät ist es?', 'Halb drei'], cards: [0] }
    ]
    const { deck, problems } = read(packApkg({ 'collection.anki2': modelsCollection(SQL, models, notes, { schema: 11, deck: 'D' }) }))
    expect(problems).toEqual([])
    expect(deck?.notes[0]).toEqual({ id: ankiGuidId('typed'), type: 'basic', front: '¿Cómo estás?', back: 'Bien', tags: [] })
    expect(cardsOf(deck).slice(1)).toEqual([`${ankiGuidId('indexed')}: Wie spät ist es? ⇒ Halb drei`])
  })

  it('refuses, saying what to do, a package or a collection newer than Recall reads', () => {
    const collection = modelsCollection(SQL, MODELS, NOTES, { schema: 18, deck: 'D' })
    expect(read(packApkg({ 'collection.anki21b': zstdRawFrame(collection), meta: Uint8Array.from([0x08, 0x04]) }))).toEqual(
      only(
        /^the package was made by a newer Anki \(package version 4; Recall reads versions 1 to 3\)\. In Anki, export it again with "Support older Anki versions" ticked/
      )
    )
    const schema19 = modelsCollection(SQL, MODELS, NOTES, { schema: 18, deck: 'D', version: 19 })
    expect(read(packApkg({ 'collection.anki21b': zstdRawFrame(schema19), meta: META_LATEST }))).toEqual(
      only(
        /^the package's collection is of schema 19, made by a newer Anki than Recall reads \(schemas 11 to 18\)\. In Anki, export it again/
      )
    )
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
