import { basicNotes } from '../../helpers/notes'
import { Queue } from '@core/model'
import { parseCsvDeck } from '@shared/deck/csv'
import { importDeckFile } from '@shared/deck/import-file'
import { parseNativeDeck } from '@shared/deck/native'
import type { SaveFileRequest } from '@shared/ipc'
import { createRecallStore } from '@store'
import { readFileSync } from 'node:fs'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'

const file = (name: string, text: string) => ({
  name,
  size: new TextEncoder().encode(text).length,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer
})
const csv = (rows: string[]) => ['#separator:comma', '#deck:My AWS notes', '#columns:id,front,back', ...rows].join('\n')

async function setup() {
  const db = freshDatabase()
  const saved: SaveFileRequest[] = []
  const clock = { now: new Date(2026, 8, 1, 10).getTime() }
  const store = createRecallStore({
    db,
    platform: fakePlatform(
      { decks: [], problems: [] },
      { saveFile: async (r) => (saved.push(r), { status: 'saved', file: r.suggestedName }) }
    ),
    now: () => clock.now
  })
  const state = () => store.getState()
  await state().loadLibrary()
  return { db, state, saved, clock }
}

describe('importing a deck', () => {
  it('previews, imports on confirmation, and a newer version keeps progress and lists removed cards', async () => {
    const { db, state, clock } = await setup()
    await state().startImport(
      file('notes.csv', csv(['s3,Amazon S3,Object storage', 'glue,AWS Glue,ETL', 'athena,Amazon Athena,SQL on S3']))
    )
    expect(state().importer).toMatchObject({ status: 'preview', plan: { deckId: 'my-aws-notes', existing: false, added: 3 } })
    expect(await db.cards.count()).toBe(0) // nothing changes before confirmation

    await state().confirmImport()
    expect(state().importer?.status).toBe('done')
    expect(state().library.decks.map((d) => [d.id, d.origin, d.file, d.counts.fresh])).toEqual([['my-aws-notes', 'user', 'notes.csv', 3]])

    // Study one card, then import a newer version: one card changed, one new, one gone.
    await state().startStudy('my-aws-notes')
    state().reveal()
    clock.now += 5000
    await state().grade(Rating.Easy)
    await state().leaveStudy()
    const studied = (await db.cards.get('my-aws-notes/s3'))!

    await state().startImport(
      file(
        'notes-v2.csv',
        csv(['s3,Amazon S3,Object storage for any amount of data', 'glue,AWS Glue,ETL', 'emr,Amazon EMR,Spark and Hadoop'])
      )
    )
    expect(state().importer?.plan).toMatchObject({
      existing: true,
      added: 1,
      updated: 1,
      unchanged: 1,
      removed: [{ cardId: 'athena', front: 'Amazon Athena' }]
    })
    await state().confirmImport()
    const s3 = (await db.cards.get('my-aws-notes/s3'))!
    expect(s3.answer).toBe('Object storage for any amount of data')
    expect({ due: s3.due, stability: s3.stability, reps: s3.reps }).toEqual({ due: studied.due, stability: studied.stability, reps: 1 })
    expect((await db.cards.get('my-aws-notes/athena'))?.queue).toBe(Queue.Removed)
    expect(await db.reviews.count()).toBe(1)

    // Importing the first version again with "keep" leaves the extra card in study.
    await state().startImport(
      file('notes.csv', csv(['s3,Amazon S3,Object storage', 'glue,AWS Glue,ETL', 'athena,Amazon Athena,SQL on S3']))
    )
    expect(state().importer?.plan?.removed).toEqual([{ cardId: 'emr', front: 'Amazon EMR' }])
    state().setKeepRemoved(true)
    await state().confirmImport()
    expect((await db.cards.get('my-aws-notes/emr'))?.queue).toBe(Queue.New)
    expect((await db.cards.get('my-aws-notes/athena'))?.queue).toBe(Queue.New)
  })

  it('refuses a broken, empty or binary file with a message, and changes nothing', async () => {
    const { db, state } = await setup()
    await state().startImport(file('broken.json', '{"cards": [ {"front": "a" '))
    expect(state().importer).toMatchObject({ status: 'failed', message: 'broken.json cannot be imported. Nothing was changed.' })
    expect(state().importer?.problems[0]?.line).toBe(1)
    await state().startImport(file('empty.csv', ''))
    expect(state().importer?.status).toBe('failed')
    await state().startImport({ name: 'huge.csv', size: 80 * 1024 * 1024, arrayBuffer: async () => new ArrayBuffer(0) })
    expect(state().importer?.message).toBe('huge.csv is 80 MB; Recall imports files of up to 50 MB. Nothing was changed.')
    expect(await db.decks.count()).toBe(0)
    expect(await db.cards.count()).toBe(0)
  })

  it('updates a built-in deck in place from its own export, keeping progress and edits; a file that adds notes comes in beside it', async () => {
    const text = readFileSync('decks/aws-ml-chips.json', 'utf8')
    const builtIn = parseNativeDeck(text, 'aws-ml-chips.json').deck!
    const db = freshDatabase()
    const saved: SaveFileRequest[] = []
    const clock = { now: new Date(2026, 8, 1, 10).getTime() }
    const store = createRecallStore({
      db,
      platform: fakePlatform(
        { decks: [{ deck: builtIn, origin: 'builtin', file: 'aws-ml-chips.json' }], problems: [] },
        { saveFile: async (r) => (saved.push(r), { status: 'saved', file: r.suggestedName }) }
      ),
      now: () => clock.now
    })
    const state = () => store.getState()
    await state().loadLibrary()
    await state().startStudy(builtIn.id)
    const first = state().session?.card?.id
    state().reveal()
    clock.now += 4000
    await state().grade(Rating.Good)
    await state().leaveStudy()
    const studied = (await db.cards.get(first!))!
    expect(studied.reps).toBe(1)

    // Export → import: the same deck, nothing added, every note kept, the progress untouched.
    await state().exportDeckFile(builtIn.id, 'json')
    await state().startImport(file('aws-ml-chips.json', saved[0]!.content))
    const total = builtIn.notes.length
    expect(state().importer?.plan).toMatchObject({
      deckId: builtIn.id,
      existing: true,
      builtIn: true,
      added: 0,
      updated: 0,
      unchanged: total
    })
    await state().confirmImport()
    expect(state().importer?.message).toBe(`Imported “${builtIn.name}”: ${total} notes kept unchanged.`)
    expect((await db.decks.toArray()).map((d) => [d.id, d.origin])).toEqual([[builtIn.id, 'builtin']])
    expect(await db.cards.get(first!)).toMatchObject({ reps: 1, due: studied.due, stability: studied.stability })
    expect(await db.reviews.count()).toBe(1)

    // An edited export (one back changed, one note left out) changes that note as an edit, keeps the other.
    const exported = JSON.parse(saved[0]!.content) as { notes: Array<{ id: string; type: string; back?: string; confusable?: string[] }> }
    const basic = exported.notes.find((n) => n.type === 'basic')!
    basic.back = 'Edited in a text editor'
    const named = new Set(exported.notes.flatMap((n) => n.confusable ?? []))
    const dropped = exported.notes.find((n) => n !== basic && !named.has(n.id))!.id
    exported.notes = exported.notes.filter((n) => n.id !== dropped)
    await state().startImport(file('chips-edited.json', JSON.stringify(exported)))
    expect(state().importer?.problems).toEqual([])
    expect(state().importer?.plan).toMatchObject({ builtIn: true, updated: 1, removed: [] })
    await state().confirmImport()
    expect(state().importer?.message).toBe(`Imported “${builtIn.name}”: 1 note updated, ${total - 2} notes kept unchanged.`)
    expect((await db.cards.get(`${builtIn.id}/${basic.id}`))?.answer).toBe('Edited in a text editor')
    expect((await db.notes.get(`${builtIn.id}/${basic.id}`))?.edited).toBe(true)
    expect((await db.cards.get(`${builtIn.id}/${dropped}`))?.queue).not.toBe(Queue.Removed)
    expect(await db.cards.get(first!)).toMatchObject({ reps: 1, due: studied.due })
    // The app's own version of the deck, loaded at the next start, keeps that edit.
    await state().loadLibrary()
    expect((await db.cards.get(`${builtIn.id}/${basic.id}`))?.answer).toBe('Edited in a text editor')

    // A file that adds a note to the built-in deck is the person's own deck, beside it.
    exported.notes.push({ id: 'my-own-note', type: 'basic', front: 'My question', back: 'My answer' } as never)
    await state().startImport(file('chips-more.json', JSON.stringify(exported)))
    expect(state().importer?.plan).toMatchObject({ deckId: `${builtIn.id}-imported`, existing: false, besideBuiltIn: builtIn.name })
    await state().confirmImport()
    expect((await db.decks.get(`${builtIn.id}-imported`))?.name).toBe(`${builtIn.name} (my copy)`)
  })
})

describe('exporting a deck', () => {
  it('writes native JSON and CSV that import back to the same deck, with edits made in the app', async () => {
    const { state, saved } = await setup()
    await state().startImport(file('notes.csv', csv(['s3,Amazon S3,"Object storage, durable"', 'glue,AWS Glue,ETL'])))
    await state().confirmImport()
    await state().startStudy('my-aws-notes')
    await state().editCard({ front: 'Amazon S3 (edited)', back: 'Object storage, durable', extra: '' })
    await state().leaveStudy()

    state().openDeckAdmin('my-aws-notes')
    await state().exportDeckFile('my-aws-notes', 'json')
    await state().exportDeckFile('my-aws-notes', 'csv')
    expect(saved.map((s) => [s.suggestedName, s.kind])).toEqual([
      ['my-aws-notes.json', 'deck-json'],
      ['my-aws-notes.csv', 'deck-csv']
    ])
    const fromJson = parseNativeDeck(saved[0]!.content, 'x.json').deck!
    const fromCsv = parseCsvDeck(saved[1]!.content, 'x.csv').deck!
    expect(basicNotes(fromJson).map((c) => [c.id, c.front, c.back])).toEqual([
      ['s3', 'Amazon S3 (edited)', 'Object storage, durable'],
      ['glue', 'AWS Glue', 'ETL']
    ])
    expect(fromCsv).toEqual(fromJson)
    expect(state().deckAdmin?.message).toBe('Saved 2 notes to my-aws-notes.csv.')
  })
})

describe('reading a long file', () => {
  it('shows how far reading has got, and Cancel stops it with nothing stored, even when the reader answers later', async () => {
    const db = freshDatabase()
    let answer: (result: Awaited<ReturnType<typeof importDeckFile>>) => void = () => undefined
    let aborted = false
    const store = createRecallStore({
      db,
      platform: fakePlatform(
        { decks: [], problems: [] },
        {
          readDeckFile: (input, options) => {
            options?.signal?.addEventListener('abort', () => (aborted = true))
            options?.onProgress?.({ stage: 'reading', done: 2_500, total: 10_000 })
            return new Promise((resolve) => (answer = resolve))
          }
        }
      ),
      now: () => Date.now()
    })
    const state = () => store.getState()
    await state().loadLibrary()
    const started = state().startImport(file('big.csv', csv(['a,A,1', 'b,B,2'])))
    await expect.poll(() => state().importer?.progress).toEqual({ stage: 'reading', done: 2_500, total: 10_000 })
    expect(state().importer?.status).toBe('reading')

    state().cancelImport()
    expect(aborted).toBe(true)
    expect(state().importer).toBeNull()
    answer(await importDeckFile({ name: 'big.csv', bytes: new TextEncoder().encode(csv(['a,A,1', 'b,B,2'])) }))
    await started
    expect(state().importer).toBeNull()
    expect(await db.decks.count()).toBe(0)
    expect(await db.cards.count()).toBe(0)
  })
})
