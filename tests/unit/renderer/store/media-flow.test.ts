import { basicNotes } from '../../helpers/notes'
import { encodeCollection, restoreCollection } from '@db/collection-backup'
import { importDeckFile } from '@shared/deck/import-file'
import type { SaveFileRequest } from '@shared/ipc'
import { bytesToBase64 } from '@shared/media/base64'
import { createRecallStore } from '@store'
import initSqlJs from 'sql.js'
import { describe, expect, it } from 'vitest'
import { legacyCollection, legacyMedia, packApkg } from '../../../fixtures/import/make-apkg'
import { HOSTILE_SVGS, MP3, pngOf } from '../../../fixtures/media/make-media'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'

const RED = pngOf(4, 3, [220, 20, 20])
const BLUE = pngOf(5, 2, [20, 20, 220])

const bytesFile = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer })
const textFile = (name: string, text: string) => bytesFile(name, new TextEncoder().encode(text))
const nativeDeck = (
  id: string,
  notes: Array<{ id: string; front: string; back: string }>,
  media: Array<{ name: string; bytes: Uint8Array }>
) =>
  JSON.stringify({
    format: 'recall-deck',
    version: 2,
    id,
    name: id,
    notes: notes.map((n) => ({ type: 'basic', ...n })),
    media: media.map((m) => ({ name: m.name, data: bytesToBase64(m.bytes) }))
  })

async function setup(db = freshDatabase()) {
  const saved: SaveFileRequest[] = []
  const SQL = await initSqlJs()
  const store = createRecallStore({
    db,
    platform: fakePlatform(
      { decks: [], problems: [] },
      {
        saveFile: async (r) => (saved.push(r), { status: 'saved', file: r.suggestedName }),
        readDeckFile: (file) => importDeckFile(file, { sqlJs: SQL })
      }
    ),
    now: () => new Date(2026, 11, 5, 10).getTime()
  })
  const state = () => store.getState()
  await state().loadLibrary()
  const importFile = async (file: ReturnType<typeof bytesFile>) => {
    await state().startImport(file)
    expect(state().importer?.status).toBe('preview')
    await state().confirmImport()
    expect(state().importer?.status).toBe('done')
    return state().importer!.message
  }
  return { db, state, saved, importFile, SQL }
}

describe('media in the collection', () => {
  it('stores each content once: a second name for the same bytes, and the same name for other bytes, are both resolved in the notes', async () => {
    const { db, importFile, SQL } = await setup()
    const notes = [
      { guid: 'r1', fields: ['Red', '<img src="red.png">'], deck: 'Colours' },
      { guid: 'r2', fields: ['Red again', '<img src="crimson.png">'], deck: 'Colours' },
      { guid: 's1', fields: ['Sound', '[sound:hello.mp3]'], deck: 'Colours' }
    ]
    const apkg = packApkg({
      'collection.anki2': legacyCollection(SQL, notes),
      ...legacyMedia([
        { name: 'red.png', bytes: RED },
        { name: 'crimson.png', bytes: RED },
        { name: 'hello.mp3', bytes: MP3 }
      ])
    })
    expect(await importFile(bytesFile('colours.apkg', apkg))).toMatch(/: 3 notes added; 3 new study cards, 2 images and 1 sound\.$/)
    expect((await db.media.toArray()).map((m) => [m.name, m.type, m.size])).toEqual([
      ['hello.mp3', 'audio/mpeg', MP3.length],
      ['red.png', 'image/png', RED.length]
    ])
    const backs = (await db.cards.where('deckId').equals('colours').sortBy('ord')).map((c) => c.answer)
    expect(backs).toEqual(['![](red.png)', '![](red.png)', '[sound:hello.mp3]'])

    // Another deck's "red.png" is blue: it keeps its content under a name of its own.
    await importFile(
      textFile('other.json', nativeDeck('other', [{ id: 'b', front: 'Blue', back: '![](red.png)' }], [{ name: 'red.png', bytes: BLUE }]))
    )
    const blue = (await db.media
      .where('hash')
      .notEqual((await db.media.get('red.png'))!.hash)
      .and((m) => m.type === 'image/png')
      .first())!
    expect(blue.name).toMatch(/^red-[0-9a-f]{8}\.png$/)
    expect(blue.bytes).toEqual(BLUE)
    expect((await db.cards.get('other/b'))?.answer).toBe(`![](${blue.name})`)
    expect((await db.media.get('red.png'))?.bytes).toEqual(RED)
  })

  it('goes into a backup and comes back whole from a restore into an empty collection', async () => {
    const { db, importFile } = await setup()
    await importFile(
      textFile(
        'deck.json',
        nativeDeck(
          'deck',
          [{ id: 'a', front: 'A', back: '![](a.png) ![](b.png)' }],
          [
            { name: 'a.png', bytes: RED },
            { name: 'b.png', bytes: BLUE }
          ]
        )
      )
    )
    const backup = await encodeCollection(db, '0.0.0', Date.now())
    const fresh = freshDatabase()
    expect(await restoreCollection(fresh, backup)).toMatchObject({ ok: true })
    expect((await fresh.media.toArray()).map((m) => [m.name, m.bytes])).toEqual([
      ['a.png', RED],
      ['b.png', BLUE]
    ])
    // A damaged media row refuses the whole restore and changes nothing.
    const damaged = backup.replace(/"bytes":"[^"]+"/, '"bytes":"%%%"')
    expect(damaged).not.toBe(backup)
    const other = freshDatabase()
    const outcome = await restoreCollection(other, damaged)
    expect(outcome.ok).toBe(false)
    expect(await other.media.count()).toBe(0)
  })

  it('exports a deck as Recall JSON with its media, which imports back with the same bytes', async () => {
    const { db, state, saved, importFile } = await setup()
    await importFile(
      textFile('deck.json', nativeDeck('deck', [{ id: 'a', front: 'A ![](a.png)', back: 'B' }], [{ name: 'a.png', bytes: RED }]))
    )
    await state().exportDeckFile('deck', 'json')
    const exported = saved.at(-1)!
    const again = await importDeckFile({ name: 'again.json', bytes: new TextEncoder().encode(exported.content) })
    expect(again.problems).toEqual([])
    expect(again.media?.map((m) => [m.name, m.bytes])).toEqual([['a.png', RED]])
    expect(basicNotes(again.deck)[0]?.front).toBe('A ![](a.png)')
    expect(await db.media.count()).toBe(1)
  })

  it('adds pasted and dropped files under safe names, and refuses what is not the picture its name says', async () => {
    const { db, state } = await setup()
    const added = await state().addMediaFiles([
      { name: 'image.png', bytes: RED, pasted: true },
      { name: '../../diagram.png', bytes: BLUE, pasted: false },
      { name: 'fake.png', bytes: new TextEncoder().encode('<html>'), pasted: false },
      { name: 'script.svg', bytes: HOSTILE_SVGS['script.svg']!, pasted: false }
    ])
    expect(added.markdown).toEqual([expect.stringMatching(/^!\[\]\(paste-[0-9a-f]{16}\.png\)$/), '![](diagram.png)'])
    expect(added.problems).toEqual([
      'fake.png was not added: "fake.png" is not a PNG image: its bytes are not a file of that kind.',
      'script.svg was not added: "script.svg" carries a script; it was not imported.'
    ])
    expect(await db.media.count()).toBe(2)
  })

  it('finds unused and missing files (Check media) and deletes only the unused', async () => {
    const { db, state, importFile } = await setup()
    await importFile(
      textFile(
        'deck.json',
        nativeDeck('deck', [{ id: 'a', front: 'A', back: '![](a.png) ![](gone.png)' }], [{ name: 'a.png', bytes: RED }])
      )
    )
    await state().addMediaFiles([{ name: 'stray.png', bytes: BLUE, pasted: false }])
    await state().checkMedia()
    expect(state().mediaCheck.report).toMatchObject({
      files: 2,
      unused: [{ name: 'stray.png', size: BLUE.length }],
      missing: [{ name: 'gone.png', notes: 1 }]
    })
    await state().deleteUnusedMedia()
    expect((await db.media.toArray()).map((m) => m.name)).toEqual(['a.png'])
    expect(state().mediaCheck.message).toBe('Deleted 1 unused file.')
  })
})
