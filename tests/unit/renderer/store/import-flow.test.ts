import { basicNotes } from '../../helpers/notes'
import { Queue } from '@core/model'
import { parseCsvDeck } from '@shared/deck/csv'
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

  it('never takes over a built-in deck: a copy of one is imported beside it', async () => {
    const builtIn = parseNativeDeck(readFileSync('decks/aws-ml-chips.json', 'utf8'), 'aws-ml-chips.json').deck!
    const db = freshDatabase()
    const store = createRecallStore({
      db,
      platform: fakePlatform({ decks: [{ deck: builtIn, origin: 'builtin', file: 'aws-ml-chips.json' }], problems: [] }),
      now: () => Date.now()
    })
    await store.getState().loadLibrary()
    await store.getState().startImport(file('chips.json', readFileSync('decks/aws-ml-chips.json', 'utf8')))
    expect(store.getState().importer?.plan).toMatchObject({ deckId: 'aws-ml-chips-imported', existing: false })
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
