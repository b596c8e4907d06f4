import { SCHEDULING_FIELDS, type CardRecord } from '@core/model'
import { applyImport, planImport } from '@db/import-repository'
import { syncNow } from '@db/sync/sync-engine'
import { importDeckFile } from '@shared/deck/import-file'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { historyPackage, NOW } from '../../../helpers/anki-history-package'
import { collectionOf, linkedPair } from './sync-helpers'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

describe('a history imported from an Anki package while linked', () => {
  it('reaches the other machine with the states it gave here: both hold the same cards after one sync each', async () => {
    const { laptop, desktop, folder } = await linkedPair({ aws: 2 })
    const { deck, history } = await importDeckFile({ name: 'geo.apkg', bytes: historyPackage(SQL) }, { sqlJs: SQL })
    const summary = await applyImport(laptop, deck!, await planImport(laptop, deck!), {
      file: 'geo.apkg',
      keepRemoved: false,
      now: NOW,
      history: history!
    })
    expect(summary.history).toMatchObject({ reviews: 9, cards: 3 })
    const here = await laptop.cards.where('deckId').equals(deck!.id).sortBy('id')

    // The laptop sends once and the desktop reads once: no later sync of the laptop's puts anything right.
    expect((await syncNow(laptop, folder)).ok).toBe(true)
    expect((await syncNow(desktop, folder)).ok).toBe(true)
    const there = await desktop.cards.where('deckId').equals(deck!.id).sortBy('id')
    // A new card's due is when it was made on each machine (docs/sync.md); a studied card's is its schedule.
    const schedule = (card: CardRecord) => ({
      id: card.id,
      queue: card.queue,
      ...Object.fromEntries(SCHEDULING_FIELDS.map((field) => [field, card[field]])),
      due: card.reps === 0 ? 'new' : card.due
    })
    expect(there.map(schedule)).toEqual(here.map(schedule))
    expect((await collectionOf(desktop)).reviews).toEqual((await collectionOf(laptop)).reviews)
  })
})
