import { type CardRecord, type DeckRecord, DEFAULT_PRESET_ID } from '@core/model'
import { restoreCollection } from '@db/collection-backup'
import { RecallDatabase } from '@db/database'
import { countReviewHistory } from '@db/review-rollup-count'
import { openCollection } from '@db/open-database'
import { encodeBackup } from '@shared/backup/encode-backup'
import Dexie from 'dexie'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { DatabaseDump } from '../../../fixtures/db/make-fixtures'
import { allUnstamped, freshDatabase } from '../../helpers/fixtures'

const readDump = (file: string) => JSON.parse(readFileSync(`tests/fixtures/db/${file}`, 'utf8')) as DatabaseDump

let counter = 0
/** The dump as the old Recall stored it: a database declared exactly as that version declared it (as in migrations.test.ts). */
async function oldDatabase(dump: DatabaseDump): Promise<string> {
  const name = `old-backup-${process.pid}-${++counter}`
  const old = new Dexie(name)
  for (const d of dump.declarations) old.version(d.version).stores(d.stores)
  await old.transaction('rw', Object.keys(dump.tables), async () => {
    for (const [table, rows] of Object.entries(dump.tables)) await old.table(table).bulkAdd(rows)
  })
  old.close()
  return name
}

/** Every table, cards without their change stamp (a restore writes them, an upgrade does not). */
async function everyTable(db: RecallDatabase) {
  const out: Record<string, unknown[]> = {}
  for (const table of db.tables) out[table.name] = await table.toArray()
  out.cards = allUnstamped(out.cards as CardRecord[])
  return out
}

describe('restoring a backup made by an earlier version of Recall', () => {
  for (const dump of [readDump('v1.json'), readDump('v2.json')]) {
    it(`gives the same collection as opening the version ${dump.version} database through the upgrade`, async () => {
      const text = await encodeBackup(
        { appVersion: `0.${dump.version}.0`, schemaVersion: dump.version, tables: dump.tables },
        dump.capturedAt
      )
      const restored = freshDatabase()
      // Every row of the backup, and the notes version 5 makes from its cards (one per card id).
      const notes = new Set((dump.tables.cards as CardRecord[]).map((c) => `${c.deckId}/${c.cardId}`)).size
      const rows = Object.values(dump.tables).reduce((sum, t) => sum + t.length, 0) + notes
      expect(await restoreCollection(restored, text)).toEqual({ ok: true, rows })
      expect(await restored.notes.count()).toBe(notes)

      const upgraded = new RecallDatabase(await oldDatabase(dump))
      expect(await openCollection(upgraded)).toEqual({ ok: true })
      // The upgraded collection counts its log into the review rollup after start; the restore, in the restore.
      await countReviewHistory(upgraded)
      expect(await everyTable(restored)).toEqual(await everyTable(upgraded))

      // The migration really ran: version 1 decks had no preset, and now every deck has one.
      const oldDecks = dump.tables.decks as DeckRecord[]
      const decks = await restored.decks.toArray()
      expect(decks.every((d) => typeof d.presetId === 'string')).toBe(true)
      if (dump.version === 1) {
        expect(oldDecks.some((d) => d.presetId === undefined)).toBe(true)
        expect(decks.map((d) => d.presetId)).toEqual(oldDecks.map(() => DEFAULT_PRESET_ID))
      }
      expect(await restored.cards.count()).toBeGreaterThan(20)
      restored.close()
      upgraded.close()
    })
  }
})
