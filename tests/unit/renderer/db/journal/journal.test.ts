import type { CardRecord, ReviewRecord } from '@core/model'
import { encodeCollection, lastEncodedMark, restoreCollection } from '@db/collection-backup'
import { RecallDatabase } from '@db/database'
import { DERIVED_TABLES } from '@db/derived-tables'
import { compactJournal } from '@db/journal/journal-compaction'
import { readJournal } from '@db/journal/journal-replay'
import { journalOptions, type BaseBackups, type JournalStartReport } from '@db/journal/journal-start'
import { JournalWriter, MARK_KEY, MARK_TABLE } from '@db/journal/journal-writer'
import { encodeRecord } from '@shared/journal/journal-format'
import { createRecallStore } from '@store'
import Dexie from 'dexie'
import { Rating } from 'ts-fsrs'
import { afterEach, describe, expect, it } from 'vitest'
import { fakePlatform } from '../../../helpers/fake-platform'
import { allUnstamped, makeCards, makeDeck } from '../../../helpers/fixtures'
import { memoryJournal } from './memory-journal'

let counter = 0
const opened: RecallDatabase[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

/** Backups as the platform keeps them, in memory. */
function memoryBackups(): BaseBackups & { add(text: string, date: number): void } {
  const files: Array<{ file: string; date: number; text: string }> = []
  return {
    add: (text, date) => files.push({ file: `recall-${date}.recall-backup`, date, text }),
    list: async () => files.map(({ file, date }) => ({ file, date, size: 0 })),
    read: async (file) => {
      const found = files.find((f) => f.file === file)
      return found ? { content: found.text } : { error: 'missing' }
    }
  }
}

/** A page session: a collection opened with the journal, as main.tsx opens it. */
async function openSession(name: string, store: ReturnType<typeof memoryJournal>, backups: BaseBackups | null = null, now = Date.now()) {
  const reports: JournalStartReport[] = []
  const writer = new JournalWriter(store, now)
  const db = new RecallDatabase(
    name,
    journalOptions(
      writer,
      backups,
      (r) => reports.push(r),
      () => now
    )
  )
  opened.push(db)
  await db.open()
  return { db, writer, report: reports[0]! }
}

/** Everything a person would miss, from every table but the caches and the journal's mark. */
async function collection(db: RecallDatabase) {
  const out: Record<string, unknown> = {}
  for (const table of db.tables) {
    if ((DERIVED_TABLES as readonly string[]).includes(table.name) || table.name === MARK_TABLE) continue
    const rows = await table.toArray()
    out[table.name] = table.name === 'cards' ? allUnstamped(rows as CardRecord[]) : rows
  }
  return out
}

/** Studies through the store, as the study screen does: `n` answers of Good. */
async function study(db: RecallDatabase, n: number) {
  const store = createRecallStore({
    db,
    platform: fakePlatform({ decks: [makeDeck('aws', makeCards(30))], problems: [] }),
    now: () => Date.now()
  })
  await store.getState().loadLibrary()
  await store.getState().startStudy('aws')
  for (let i = 0; i < n; i++) {
    store.getState().reveal()
    await store.getState().grade(Rating.Good)
  }
  expect(await db.reviews.count()).toBeGreaterThanOrEqual(n)
}

const dbName = () => `journal-${process.pid}-${++counter}`

describe('the journal', () => {
  it('writes each change of a transaction under one place in the collection’s order, review ids included', async () => {
    const store = memoryJournal()
    const { db, report } = await openSession(dbName(), store)
    expect(report).toEqual({ kind: 'new-epoch', fromEmpty: true })
    await db.transaction('rw', db.cards, db.reviews, async () => {
      await db.reviews.add({ cardKey: 'd/c1', deckId: 'd', review: 1, rating: 3 } as unknown as ReviewRecord)
      await db.reviews.add({ cardKey: 'd/c1', deckId: 'd', review: 2, rating: 3 } as unknown as ReviewRecord)
    })
    await db.reviews.where('review').below(2).delete()
    const [epoch] = await store.epochs()
    const journal = readJournal(epoch!, await store.read(epoch!))
    expect(journal.txs.map((tx) => tx.seq)).toEqual([1, 2])
    const ids = (await db.reviews.toArray()).map((r) => r.id)
    expect(journal.txs[0]!.changes.flatMap((c) => (c.k === 'put' ? c.values.map((v) => (v as ReviewRecord).id) : []))).toEqual([1, 2])
    expect(journal.txs[1]!.changes).toEqual([{ k: 'delete', tx: journal.txs[1]!.id, table: 'reviews', keys: [1] }])
    expect(ids).toEqual([2])
    expect(await db.table(MARK_TABLE).get(MARK_KEY)).toEqual({ key: MARK_KEY, epoch, seq: 2 })
  })

  it('writes nothing of a transaction that rolled back', async () => {
    const store = memoryJournal()
    const name = dbName()
    const { db } = await openSession(name, store)
    await db.reviews.add({ cardKey: 'd/c1', deckId: 'd', review: 1, rating: 3 } as unknown as ReviewRecord)
    await expect(
      db.transaction('rw', db.reviews, async () => {
        await db.reviews.add({ cardKey: 'd/c1', deckId: 'd', review: 2, rating: 1 } as unknown as ReviewRecord)
        throw new Error('stale card')
      })
    ).rejects.toThrow('stale card')
    await new Promise((resolve) => setTimeout(resolve, 10))
    const [epoch] = await store.epochs()
    expect([...store.files.values()].join('')).not.toContain('"rating":1')
    expect(readJournal(epoch!, await store.read(epoch!)).txs).toHaveLength(1)
    db.close()
    await Dexie.delete(name)
    const again = await openSession(name, store)
    expect(again.report).toMatchObject({ kind: 'rebuilt', transactions: 1, reviews: 1, incomplete: false })
    expect(await again.db.reviews.count()).toBe(1)
  })

  it('rebuilds a collection the browser deleted from the last backup and the journal after it, and says so', async () => {
    const store = memoryJournal()
    const backups = memoryBackups()
    const name = dbName()
    const first = await openSession(name, store, backups)
    await study(first.db, 5)
    backups.add(await encodeCollection(first.db, '0.0.0', Date.now()), Date.now())
    await compactJournal(first.writer, lastEncodedMark(), Date.now())
    await study(first.db, 4)
    const before = await collection(first.db)
    expect((before.reviews as unknown[]).length).toBe(9)
    first.db.close()
    await Dexie.delete(name)

    const second = await openSession(name, store, backups)
    expect(second.report).toMatchObject({ kind: 'rebuilt', incomplete: false, reviews: 4 })
    expect(await collection(second.db)).toEqual(before)
    // What was replayed is not journaled a second time.
    const [epoch] = await store.epochs()
    const seqs = readJournal(epoch!, await store.read(epoch!)).txs.map((tx) => tx.seq)
    expect(new Set(seqs).size).toBe(seqs.length)
  })

  it('rebuilds from the journal alone when it began with an empty collection and no backup was made', async () => {
    const store = memoryJournal()
    const name = dbName()
    const first = await openSession(name, store)
    await study(first.db, 3)
    const before = await collection(first.db)
    first.db.close()
    await Dexie.delete(name)
    const second = await openSession(name, store)
    expect(second.report).toMatchObject({ kind: 'rebuilt', incomplete: false, reviews: 3 })
    expect(await collection(second.db)).toEqual(before)
  })

  it('puts back the last writes a crash cut off, and skips a torn last line', async () => {
    const store = memoryJournal()
    const name = dbName()
    const first = await openSession(name, store)
    await study(first.db, 3)
    const before = await collection(first.db)
    const mark = await first.db.table(MARK_TABLE).get(MARK_KEY)
    first.db.close()
    // The crash: the collection lost its last transaction (the grade), the journal's last line is half written.
    const raw = new Dexie(name)
    await raw.open()
    const last = await raw.table('reviews').orderBy('id').last()
    await raw.table('reviews').delete(last.id)
    await raw.table(MARK_TABLE).put({ ...mark, seq: mark.seq - 1 })
    raw.close()
    const [epoch] = await store.epochs()
    const [segment] = await store.read(epoch!)
    // A transaction whose last lines never reached the file: without its commit it counts for nothing.
    const cutShort = [
      encodeRecord({ k: 'begin', tx: 'x.9', seq: mark.seq + 1, epoch: epoch!, at: Date.now() }),
      encodeRecord({ k: 'put', tx: 'x.9', table: 'reviews', values: [{ id: 98, cardKey: 'aws/c9', deckId: 'aws', review: 1 }] })
    ].join('')
    store.files.set(`${epoch}/${segment!.segment}`, segment!.text + cutShort + '{"k":"commit","tx":"x.')

    const second = await openSession(name, store)
    expect(second.report).toMatchObject({ kind: 'caught-up', reviews: 1, damaged: 1 })
    expect((await collection(second.db)).reviews).toEqual(before.reviews)
  })

  it('puts the lost grade back before the deck list and study read, when they ask as the page opens', async () => {
    const store = memoryJournal()
    const name = dbName()
    const first = await openSession(name, store)
    await study(first.db, 3)
    const mark = await first.db.table(MARK_TABLE).get(MARK_KEY)
    first.db.close()
    const raw = new Dexie(name)
    await raw.open()
    await raw.table('reviews').delete((await raw.table('reviews').orderBy('id').last()).id)
    await raw.table(MARK_TABLE).put({ ...mark, seq: mark.seq - 1 })
    raw.close()
    // As main.tsx does: the deck list and study are asked for before the collection is open; the
    // journal's files are slow to read, so any read let through before the check would come first.
    const slow = { ...store, read: async (epoch: string) => (await new Promise((r) => setTimeout(r, 100)), store.read(epoch)) }
    const reports: JournalStartReport[] = []
    const db = new RecallDatabase(
      name,
      journalOptions(new JournalWriter(slow, Date.now()), null, (r) => reports.push(r))
    )
    opened.push(db)
    const app = createRecallStore({
      db,
      platform: fakePlatform({ decks: [makeDeck('aws', makeCards(30))], problems: [] }),
      now: () => Date.now()
    })
    const listed = app.getState().loadLibrary()
    const studying = listed.then(() => app.getState().startStudy('aws'))
    await studying
    expect(reports).toEqual([{ kind: 'caught-up', transactions: 1, reviews: 1, damaged: 0 }])
    const shown = app.getState().library.decks[0]!.counts
    await app.getState().refreshCounts()
    expect(app.getState().library.decks[0]!.counts).toEqual(shown)
    expect(shown.learning + shown.review).toBe(3) // the three cards answered, the lost one's grade included
    expect(app.getState().session!.queue.learning).toHaveLength(3)
  })

  it('starts again from the collection when the journal lost a transaction the collection holds (the page died before writing it)', async () => {
    const store = memoryJournal()
    const name = dbName()
    const first = await openSession(name, store)
    await study(first.db, 2)
    first.db.close()
    const [epoch] = await store.epochs()
    const [segment] = await store.read(epoch!)
    const lines = segment!.text.split('\n').filter(Boolean)
    const lastBegin = lines.findLastIndex((line) => line.startsWith('{"k":"begin"'))
    store.files.set(`${epoch}/${segment!.segment}`, lines.slice(0, lastBegin).join('\n') + '\n')

    const second = await openSession(name, store)
    expect(second.report).toEqual({ kind: 'new-epoch', fromEmpty: false })
    expect(await second.db.table(MARK_TABLE).get(MARK_KEY)).toMatchObject({ seq: 0 })
    expect(await store.epochs()).toHaveLength(2)
  })

  it('reads the journal again when the copy read while the collection opened lacks another window’s later grade', async () => {
    const store = memoryJournal()
    const name = dbName()
    const other = await openSession(name, store)
    await study(other.db, 1)
    // This window reads the journal as its collection starts to open...
    const reports: JournalStartReport[] = []
    const options = journalOptions(new JournalWriter(store, Date.now()), null, (r) => reports.push(r))
    await new Promise((resolve) => setTimeout(resolve, 0))
    // ...and the other window grades again before this one's check reads the journal mark.
    await study(other.db, 1)
    const db = new RecallDatabase(name, options)
    opened.push(db)
    await db.open()
    // Judged on the early copy alone, the mark would be ahead of the journal and a new epoch begun.
    expect(reports).toEqual([{ kind: 'in-step' }])
    expect(await store.epochs()).toHaveLength(1)
    expect(await db.reviews.count()).toBe(2)
  })

  it('follows a restored backup: the journal starts again from it, and no earlier change is replayed over it', async () => {
    const store = memoryJournal()
    const name = dbName()
    const first = await openSession(name, store)
    await study(first.db, 2)
    const backup = await encodeCollection(first.db, '0.0.0', Date.now())
    await study(first.db, 3)
    expect(await restoreCollection(first.db, backup)).toMatchObject({ ok: true })
    const restored = await collection(first.db)
    expect((restored.reviews as unknown[]).length).toBe(2)
    first.db.close()
    const second = await openSession(name, store)
    expect(second.report).toEqual({ kind: 'in-step' })
    expect(await collection(second.db)).toEqual(restored)
  })

  it('after a backup, drops the segments it holds and the older epochs', async () => {
    const store = memoryJournal()
    const backups = memoryBackups()
    const name = dbName()
    const first = await openSession(name, store, backups)
    await study(first.db, 2)
    const segmentsBefore = store.files.size
    backups.add(await encodeCollection(first.db, '0.0.0', Date.now()), Date.now())
    expect(await compactJournal(first.writer, lastEncodedMark(), Date.now())).toBe(segmentsBefore)
    await study(first.db, 1)
    const [epoch] = await store.epochs()
    const left = readJournal(epoch!, await store.read(epoch!))
    expect(left.txs.every((tx) => tx.seq > lastEncodedMark()!.seq)).toBe(true)
    expect(left.txs.length).toBeGreaterThan(0)
  })
})
