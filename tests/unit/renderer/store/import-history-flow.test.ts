import { readPackageHistory } from '@shared/deck/apkg-history'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import type { Deck } from '@shared/deck/schema'
import { createRecallStore } from '@store'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { historyCollection, NOW } from '../../helpers/anki-history-package'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const DECK = {
  format: 'recall-deck',
  version: 2,
  id: 'geography',
  name: 'Geography',
  notes: [
    { type: 'basic', id: ankiGuidId('hist-capital'), front: 'Capital of Peru', back: 'Lima', tags: [], reverse: true },
    { type: 'basic', id: ankiGuidId('hist-river'), front: 'Longest river', back: 'Nile', tags: [] },
    { type: 'basic', id: ankiGuidId('hist-peak'), front: 'Highest peak', back: 'Everest', tags: [] }
  ]
} as Deck

async function setup() {
  const sqlDb = new SQL.Database(historyCollection(SQL))
  const history = readPackageHistory(sqlDb)!
  sqlDb.close()
  const db = freshDatabase()
  const store = createRecallStore({
    db,
    platform: fakePlatform({ decks: [], problems: [] }, { readDeckFile: async () => ({ deck: DECK, problems: [], history }) }),
    now: () => NOW
  })
  const state = () => store.getState()
  await state().loadLibrary()
  await state().startImport({ name: 'geo.apkg', size: 10, arrayBuffer: async () => new ArrayBuffer(10) })
  return { db, state }
}

describe('importing an Anki package that has review history', () => {
  it('offers the history, off by default as in Anki, and imports no review unless asked', async () => {
    const { db, state } = await setup()
    expect(state().importer).toMatchObject({ status: 'preview', history: { reviewCount: 11 } })
    expect(state().importer?.withHistory).toBeFalsy()
    await state().confirmImport()
    expect(state().importer?.message).not.toContain('Anki')
    expect(await db.reviews.count()).toBe(0)
  })

  it('brings the reviews when asked, and says what it brought and left out', async () => {
    const { db, state } = await setup()
    state().setWithHistory(true)
    await state().confirmImport()
    expect(state().importer?.status).toBe('done')
    expect(state().importer?.message).toContain(
      'Brought 9 reviews of 3 cards from Anki; 2 reviews of 1 card that was not imported were left out; 2 manual changes and cram answers were left out.'
    )
    expect(await db.reviews.count()).toBe(9)
    // The learning card is due today: the deck list counts it.
    expect(state().library.decks.find((d) => d.id === 'geography')?.counts.learning).toBe(1)
  })
})
