import type { CardRecord } from '@core/model'
import { encodeCollection, restoreCollection } from '@db/collection-backup'
import type { RecallDatabase } from '@db/database'
import { DERIVED_TABLES, REVIEW_DAYS_ROW } from '@db/derived-tables'
import { tablesAddedIn } from '@db/schema-history'
import type { Backup } from '@shared/backup/backup-types'
import { decodeBackup } from '@shared/backup/decode-backup'
import { encodeBackup } from '@shared/backup/encode-backup'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { allUnstamped, freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const CORE_TABLES = [
  'cards',
  'decks',
  'exams',
  'journalMark',
  'media',
  'notes',
  'presets',
  'reviews',
  'settings',
  'simulations',
  'syncMeta',
  'syncOutbox'
]

async function everyTable(db: RecallDatabase) {
  const out: Record<string, unknown[]> = {}
  for (const table of db.tables) out[table.name] = await table.toArray()
  return out
}

/** The collection as a user sees it: the caches left out, and cards without their change stamp (every write renews it). */
async function collectionRows(db: RecallDatabase): Promise<Record<string, unknown[]>> {
  const { cards, ...rest } = await everyTable(db)
  for (const name of DERIVED_TABLES) delete rest[name]
  return { ...rest, cards: allUnstamped(cards as CardRecord[]) }
}

/** Fills the caches with rows like the statistics screen leaves (typed arrays included, which no backup could hold). */
async function fillCaches(db: RecallDatabase) {
  await db.table('reviewDays').put({ deckId: 'a', day: 0, grades: 3, timeMs: 9000 })
  await db.table('cardColumns').put({ deckId: 'a', builtFrom: 1, ids: ['a/c1'], queue: new Int8Array([0]), due: new Float64Array([1]) })
  await db.table('derived').put({ name: REVIEW_DAYS_ROW, dayStartsAtHour: 4, timeZone: 'UTC', lastLogId: 8, deleted: [] })
}

/** The same backup re-signed after a change, as an older Recall (or a damaged file) could have written it. */
async function rewrite(text: string, change: (backup: Backup) => Backup): Promise<string> {
  const decoded = await decodeBackup(text)
  if ('error' in decoded) throw new Error(decoded.error)
  const { appVersion, schemaVersion, tables } = change(decoded.backup)
  return encodeBackup({ appVersion, schemaVersion, tables }, decoded.backup.createdAt)
}

/** A backup as Recall at database version 3 made it: no table created after version 3. */
const asVersion3 = (backup: Backup): Backup => ({
  ...backup,
  schemaVersion: 3,
  tables: Object.fromEntries(Object.entries(backup.tables).filter(([name]) => tablesAddedIn()[name]! <= 3))
})

async function studiedCollection() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 9, 5, 9).getTime() }
  const store = createRecallStore({
    db,
    platform: fakePlatform({ decks: [makeDeck('a', makeCards(30, true)), makeDeck('b', makeCards(10))], problems: [] }),
    now: () => clock.now
  })
  const state = () => store.getState()
  await state().loadLibrary()
  await state().startStudy('a')
  for (const rating of [3, 1, 4, 3, 2, 3, 3, 1] as const) {
    state().reveal()
    clock.now += 7000
    await state().grade(rating)
  }
  await state().buryCard()
  await state().toggleFlag(3)
  await state().leaveStudy()
  await state().openOptions('b')
  state().editOptions({ newCardsPerDay: '7', presetName: 'Slow' })
  await state().saveOptions(true)
  await db.exams.put({ id: 'mla', name: 'MLA-C01', date: clock.now + 30 * 86_400_000, deckIds: ['a'], examMode: true, targetRecall: 0.9 })
  return db
}

const REVIEW_ROLLUP: readonly string[] = ['reviewDays', 'reviewSlots']

describe('collection backup', () => {
  it('restores into an empty profile as an identical collection, table by table', async () => {
    const source = await studiedCollection()
    const text = await encodeCollection(source, '0.1.0', Date.now())
    const target = freshDatabase()
    expect(await restoreCollection(target, text)).toMatchObject({ ok: true })
    const [before, after] = [await collectionRows(source), await collectionRows(target)]
    expect(Object.keys(after).sort()).toEqual(CORE_TABLES)
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name])
    expect(before.reviews).toHaveLength(8)
    expect(before.presets).toHaveLength(1)
    expect(before.exams).toHaveLength(1)
  })

  it('leaves the caches out of a backup; a restore counts the review rollup and empties the others to be rebuilt', async () => {
    const source = await studiedCollection()
    // The rollup the source kept through its writes.
    const rollup = Object.fromEntries(await Promise.all(REVIEW_ROLLUP.map(async (name) => [name, await source.table(name).toArray()])))
    expect(rollup.reviewDays.length).toBeGreaterThan(0)
    await fillCaches(source)
    const text = await encodeCollection(source, '0.1.0', Date.now())
    const decoded = await decodeBackup(text)
    expect('backup' in decoded && Object.keys(decoded.backup.tables).sort()).toEqual(CORE_TABLES)

    const target = await studiedCollection()
    await fillCaches(target)
    expect(await restoreCollection(target, text)).toMatchObject({ ok: true })
    for (const name of DERIVED_TABLES.filter((t) => !REVIEW_ROLLUP.includes(t)))
      expect(
        (await target.table(name).toArray()).map((r: { name?: string }) => r.name),
        name
      ).toEqual(name === 'derived' ? [REVIEW_DAYS_ROW] : [])
    // Counted again from the restored log, it is the rollup the source kept.
    for (const name of REVIEW_ROLLUP) expect(await target.table(name).toArray(), name).toEqual(rollup[name])
    expect(await collectionRows(target)).toEqual(await collectionRows(source))
  })

  it('restores a backup made at database version 3 in full', async () => {
    const source = await studiedCollection()
    const text = await rewrite(await encodeCollection(source, '0.1.0', Date.now()), asVersion3)
    const target = freshDatabase()
    const rows = Object.values(await collectionRows(source)).reduce((sum, t) => sum + t.length, 0)
    expect(await restoreCollection(target, text)).toEqual({ ok: true, rows })
    expect(await collectionRows(target)).toEqual(await collectionRows(source))
  })

  it('accepts a version 2 backup without the exam tables version 3 added, and leaves them empty', async () => {
    const source = await studiedCollection()
    const text = await rewrite(await encodeCollection(source, '0.1.0', Date.now()), (b) => {
      const {
        exams: _,
        simulations: __,
        notes: ___,
        media: ____,
        journalMark: _____,
        syncMeta: ______,
        syncOutbox: _______,
        ...tables
      } = b.tables
      return { ...b, schemaVersion: 2, tables }
    })
    const target = await studiedCollection()
    expect(await restoreCollection(target, text)).toMatchObject({ ok: true })
    expect(await target.exams.count()).toBe(0)
    expect(await collectionRows(target)).toEqual({ ...(await collectionRows(source)), exams: [] })
  })

  it('refuses a backup lacking a table its version had, and one from a newer Recall, leaving the collection as it was', async () => {
    const source = await studiedCollection()
    const text = await encodeCollection(source, '0.1.0', Date.now())
    const target = await studiedCollection()
    await target.decks.update('b', { name: 'Renamed after the backup' })
    const before = await everyTable(target)

    const noExams = await rewrite(text, (b) => {
      const { exams: _, ...tables } = asVersion3(b).tables
      return { ...b, schemaVersion: 3, tables }
    })
    expect(await restoreCollection(target, noExams)).toEqual({
      ok: false,
      message: 'This backup is incomplete: it has no exams, so restoring it would lose them.'
    })
    const noReviews = await rewrite(text, (b) => {
      const { reviews: _, ...tables } = b.tables
      return { ...b, tables }
    })
    expect(await restoreCollection(target, noReviews)).toEqual({
      ok: false,
      message: 'This backup is incomplete: it has no reviews, so restoring it would lose them.'
    })
    const newer = await rewrite(text, (b) => ({ ...b, appVersion: '9.0.0', schemaVersion: target.verno + 1 }))
    expect(await restoreCollection(target, newer)).toEqual({
      ok: false,
      message: `This backup was made by a newer version of Recall (9.0.0, database version ${target.verno + 1}; this Recall uses version ${target.verno}). Update Recall to restore it.`
    })
    expect(await everyTable(target)).toEqual(before)
  })

  it('refuses a damaged backup and leaves the collection exactly as it was', async () => {
    const source = await studiedCollection()
    const text = await encodeCollection(source, '0.1.0', Date.now())
    const target = await studiedCollection()
    await target.reviews.add({
      cardKey: 'x',
      deckId: 'a',
      rating: Rating.Good,
      state: 0,
      due: 0,
      stability: 0,
      difficulty: 0,
      elapsed_days: 0,
      last_elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      review: 1,
      duration: 0
    })
    const before = await everyTable(target)
    const damaged = text.replace('"rating":3', '"rating":4')
    const outcome = await restoreCollection(target, damaged)
    expect(outcome).toEqual({
      ok: false,
      message: 'This backup is damaged: its checksum does not match (the file was changed or cut short).'
    })
    expect(await everyTable(target)).toEqual(before)
    expect(await restoreCollection(target, text.slice(0, text.length / 2))).toMatchObject({ ok: false })
    expect(await everyTable(target)).toEqual(before)
  })
})
