import { importDeckFile } from '@shared/deck/import-file'
import type { SaveFileRequest } from '@shared/ipc'
import { base64ToBytes } from '@shared/media/base64'
import { createRecallStore } from '@store'
import { unzipSync } from 'fflate'
import initSqlJs from 'sql.js'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'

const file = (name: string, text: string) => ({
  name,
  size: new TextEncoder().encode(text).length,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer
})
const csv = ['#separator:comma', '#deck:My AWS notes', '#columns:id,front,back', 's3,Amazon S3,Object storage', 'glue,AWS Glue,ETL'].join(
  '\n'
)

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
  await state().startImport(file('notes.csv', csv))
  await state().confirmImport()
  // One card studied: its progress and its review go to Anki with it.
  await state().startStudy('my-aws-notes')
  state().reveal()
  clock.now += 8000
  await state().grade(Rating.Easy)
  await state().leaveStudy()
  return { state, saved }
}

const packageOf = async (request: SaveFileRequest) => {
  const files = unzipSync(base64ToBytes(request.content)!)
  const SQL = await initSqlJs()
  const db = new SQL.Database(files['collection.anki21'])
  const count = (sql: string) => Number(db.exec(sql)[0]!.values[0]![0])
  return { files, db, count }
}

describe('exporting to Anki from the app', () => {
  it('saves a deck as an .apkg with its cards, the studied card’s progress and its review', async () => {
    const { state, saved } = await setup()
    state().openDeckAdmin('my-aws-notes')
    await state().exportDeckFile('my-aws-notes', 'apkg')
    expect(saved.map((s) => [s.suggestedName, s.kind])).toEqual([['my-aws-notes.apkg', 'deck-apkg']])
    expect(state().deckAdmin?.message).toBe(
      'Saved 2 notes, 2 cards and 1 review to my-aws-notes.apkg. Import it in Anki or AnkiDroid (File › Import).'
    )
    const { db, count } = await packageOf(saved[0]!)
    expect(count('SELECT count(*) FROM notes')).toBe(2)
    expect(count('SELECT count(*) FROM revlog WHERE ease = 4')).toBe(1)
    expect(count('SELECT count(*) FROM cards WHERE type = 2')).toBe(1) // Easy on a new card: straight to review
    expect(count('SELECT count(*) FROM cards WHERE type = 0')).toBe(1)
    db.close()
    // Recall reads its own package back: the same deck, the same cards.
    const again = await importDeckFile(
      { name: 'my-aws-notes.apkg', bytes: base64ToBytes(saved[0]!.content)! },
      { sqlJs: await initSqlJs() }
    )
    expect(again.problems).toEqual([])
    expect(again.deck?.name).toBe('My AWS notes')
    expect(again.deck?.notes).toHaveLength(2)
  })

  it('exports every deck from the backups dialog as one package', async () => {
    const { state, saved } = await setup()
    await state().exportAnkiPackage()
    expect(saved).toHaveLength(1)
    expect(saved[0]!.kind).toBe('deck-apkg')
    expect(saved[0]!.suggestedName).toMatch(/^recall-.*\.apkg$/)
    expect(state().backups.message).toMatch(/^Saved 2 notes, 2 cards and 1 review of 1 deck to recall-.*\.apkg\./)
    const { db, count } = await packageOf(saved[0]!)
    expect(count('SELECT count(DISTINCT did) FROM cards')).toBe(1)
    db.close()
  })
})
