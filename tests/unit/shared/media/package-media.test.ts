import { basicNotes, clozeNotes } from '../../helpers/notes'
import { importDeckFile } from '@shared/deck/import-file'
import { formatProblem } from '@shared/deck/problems'
import { mediaRefs } from '@shared/media/media-refs'
import { zipSync } from 'fflate'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  legacyCollection,
  legacyMedia,
  META_LATEST,
  modernMedia,
  packApkg,
  placeholderCollection,
  schema18Collection,
  zstdCompress,
  type FixtureNote
} from '../../../fixtures/import/make-apkg'
import { HOSTILE_SVGS, JPEG, MP3, pngOf, SAFE_SVG } from '../../../fixtures/media/make-media'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const DIAGRAM = pngOf(3, 2, [10, 120, 200])
const NOTES: FixtureNote[] = [
  { guid: 'pipe#1', fields: ['What does this pipeline show?', '<img src="pipeline diagram.png" alt="A pipeline">'], deck: 'Diagrams' },
  { guid: 'pipe#2', fields: ['{{c1::SageMaker Pipelines}} runs the steps in <img src="steps.jpg">', ''], deck: 'Diagrams', cards: 1 },
  { guid: 'pipe#3', fields: ['Say it', 'Polly [sound:polly.mp3] and <img src="bar.svg">'], deck: 'Diagrams' },
  { guid: 'pipe#4', fields: ['Same picture again', '<img src="copy.png">'], deck: 'Diagrams' }
]
const FILES = [
  { name: 'pipeline diagram.png', bytes: DIAGRAM },
  { name: 'steps.jpg', bytes: JPEG },
  { name: 'polly.mp3', bytes: MP3 },
  { name: 'bar.svg', bytes: SAFE_SVG },
  { name: 'copy.png', bytes: DIAGRAM },
  { name: 'unused.png', bytes: pngOf(1, 1) }
]

const read = (name: string, bytes: Uint8Array) => importDeckFile({ name, bytes }, { sqlJs: SQL })
const legacyPackage = (notes = NOTES, files = FILES) =>
  packApkg({ 'collection.anki2': legacyCollection(SQL, notes), ...legacyMedia(files) })
const modernPackage = (notes = NOTES, files = FILES) =>
  packApkg({
    'collection.anki2': placeholderCollection(SQL),
    'collection.anki21b': zstdCompress(schema18Collection(SQL, notes)),
    meta: META_LATEST,
    ...modernMedia(files)
  })

describe('media from Anki packages', () => {
  it.each([
    ['an Anki 2.1 package', legacyPackage],
    ['an Anki 2.1.50+ package', modernPackage]
  ])('brings every image and sound its notes name from %s, byte for byte, and leaves unused files out', async (_, make) => {
    const { deck, media = [], problems } = await read('diagrams.apkg', make())
    expect(problems.map(formatProblem)).toEqual([])
    expect(deck?.notes).toHaveLength(4)
    // An answer that is only an image is an answer.
    expect(basicNotes(deck)[0]?.back).toBe('![A pipeline](pipeline%20diagram.png)')
    expect(mediaRefs(clozeNotes(deck)[0]!.text)).toEqual([{ name: 'steps.jpg', kind: 'image' }])
    expect(media.map((m) => [m.name, m.type, m.kind]).sort()).toEqual([
      ['bar.svg', 'image/svg+xml', 'image'],
      ['copy.png', 'image/png', 'image'],
      ['pipeline diagram.png', 'image/png', 'image'],
      ['polly.mp3', 'audio/mpeg', 'sound'],
      ['steps.jpg', 'image/jpeg', 'image']
    ])
    expect(media.find((m) => m.name === 'pipeline diagram.png')?.bytes).toEqual(DIAGRAM)
  })

  it('refuses hostile and mislabelled files by name, and each note that names one says so', async () => {
    const notes: FixtureNote[] = Object.keys(HOSTILE_SVGS).map((name, i) => ({
      guid: `evil${i}`,
      fields: [`Picture ${i}`, `<img src="${name}">`],
      deck: 'Evil'
    }))
    notes.push({ guid: 'exe', fields: ['Fake', '<img src="fake.png">'], deck: 'Evil' })
    notes.push({ guid: 'climb', fields: ['Climb', '<img src="../../x.png">'], deck: 'Evil' })
    notes.push({ guid: 'web', fields: ['Remote', '<img src="https://tracker.example/p.png">'], deck: 'Evil' })
    const files = [
      ...Object.entries(HOSTILE_SVGS).map(([name, bytes]) => ({ name, bytes })),
      { name: 'fake.png', bytes: new TextEncoder().encode('MZ this is a program') },
      { name: '../../x.png', bytes: DIAGRAM }
    ]
    const { deck, media = [], problems } = await read('evil.apkg', legacyPackage(notes, files))
    expect(media).toEqual([])
    // Every note still comes in, showing a placeholder where the file was refused.
    expect(deck?.notes).toHaveLength(notes.length)
    expect(problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        'evil.apkg: media: "script.svg" carries a script; it was not imported',
        'evil.apkg: media: "onload.svg" carries event handlers (script); it was not imported',
        'evil.apkg: media: "foreign.svg" embeds HTML (foreignObject); it was not imported',
        'evil.apkg: media: "remote.svg" links to another file or site; it was not imported',
        'evil.apkg: media: "entity.svg" declares XML entities; it was not imported',
        'evil.apkg: media: "fake.png" is not a PNG image: its bytes are not a file of that kind',
        'evil.apkg: media: "../../x.png" is not a plain file name (no folders, "..", ":" or hidden files)',
        'evil.apkg: note “Picture 0”, field back: the image "script.svg" was refused (see above); the card shows its name in its place',
        'evil.apkg: note “Climb”, field back: the image "../../x.png" points outside the folder of the notes, so it was not read; the card shows its name in its place',
        'evil.apkg: note “Remote”, field back: the image "https://tracker.example/p.png" is on the web or elsewhere on the computer: Recall shows only media of the collection; the card shows its name in its place'
      ])
    )
  })

  it('refuses a 200 MB file and fields that name 10,000 or 150 images, and imports the rest', async () => {
    const images = (n: number) => Array.from({ length: n }, (_, i) => `<img src="i${i}.png">`).join('')
    const notes: FixtureNote[] = [
      { guid: 'big', fields: ['Huge', '<img src="huge.png">'], deck: 'Big' },
      { guid: 'many', fields: ['Many', images(10_000)], deck: 'Big' },
      { guid: 'more', fields: ['More', images(150)], deck: 'Big' },
      { guid: 'fine', fields: ['Fine', '<img src="fine.png">'], deck: 'Big' }
    ]
    const huge = new Uint8Array(200 * 1024 * 1024)
    huge.set(DIAGRAM)
    const files = [
      { name: 'huge.png', bytes: huge },
      { name: 'fine.png', bytes: DIAGRAM }
    ]
    const {
      deck,
      media = [],
      problems
    } = await importDeckFile(
      { name: 'big.apkg', bytes: packApkg({ 'collection.anki2': legacyCollection(SQL, notes), ...legacyMedia(files) }) },
      { sqlJs: SQL, limits: { maxUnzippedBytes: 400 * 1024 * 1024 } }
    )
    const lines = problems.map(formatProblem)
    expect(lines.some((l) => l.includes('"huge.png"') && l.includes('25 MB'))).toBe(true)
    expect(lines).toContain('big.apkg: note 2, field back: back is longer than 20000 characters')
    expect(lines).toContain(
      'big.apkg: note “More”, field back: the field names 150 media files; a field may name at most 100, so the note was not imported'
    )
    expect(basicNotes(deck).map((n) => n.front)).toEqual(['Huge', 'Fine'])
    expect(media.map((m) => m.name)).toEqual(['fine.png'])
  }, 120_000)
})

describe('media beside Markdown notes', () => {
  it('reads a zipped folder of notes with images by relative path, never outside it', async () => {
    const zip = zipSync({
      'notes/pipeline.md': new TextEncoder().encode(
        '# Pipelines\n\n- **Pipeline**: ![the steps](img/steps.png)\n- **Climb**: ![x](../../../etc/x.png)\n'
      ),
      'notes/img/steps.png': DIAGRAM,
      'notes/more.md': new TextEncoder().encode('# More\n\n- **Same name**: ![other](../other/steps.png)\n'),
      'other/steps.png': pngOf(1, 1, [0, 0, 0])
    })
    const { deck, media = [], problems } = await read('revision.zip', zip)
    expect(deck?.name).toBe('revision')
    expect(basicNotes(deck).map((n) => n.back)).toEqual(['![other](steps.png)', '![the steps](steps-2.png)', '![x](../../../etc/x.png)'])
    expect(media.map((m) => [m.name, m.bytes.length])).toEqual([
      ['steps.png', pngOf(1, 1, [0, 0, 0]).length],
      ['steps-2.png', DIAGRAM.length]
    ])
    expect(problems.map(formatProblem)).toEqual([
      'revision.zip: note “Climb”, field back: the image "../../../etc/x.png" points outside the folder of the notes, so it was not read; the card shows its name in its place'
    ])
  })
})
