import { Queue } from '@core/model'
import { RecallDatabase } from '@db/database'
import { readJournal } from '@db/journal/journal-replay'
import { journalOptions } from '@db/journal/journal-start'
import { JournalWriter, MARK_KEY, MARK_TABLE } from '@db/journal/journal-writer'
import { OUTBOX_TABLE } from '@db/sync/sync-records'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { afterEach, describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { makeCards, makeDeck } from '../../helpers/fixtures'
import { memoryJournal } from './journal/memory-journal'

/**
 * A grade is the app's hottest path (issue 23): every storage request it makes is a task of the
 * page's (Dexie's callbacks, the middlewares'), so the number of requests is its cost that time
 * cannot measure here. What it must keep: one transaction holding the card, the log, the rollup's
 * rows, the journal's mark and (linked) the sync outbox's entry.
 */

let counter = 0
const opened: RecallDatabase[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

const REQUESTS = ['get', 'getAll', 'getAllKeys', 'getKey', 'put', 'add', 'delete', 'clear', 'count', 'openCursor', 'openKeyCursor'] as const

/** Every IndexedDB request the page makes while `run` runs (`store.method`, `store[index].method`), and the transactions they ran in (their stores). */
async function countRequests(run: () => Promise<void>) {
  const requests: string[] = []
  const seen = new Set<IDBTransaction>()
  const restore: Array<() => void> = []
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Array<Record<string, unknown>>)
    for (const name of REQUESTS) {
      const original = proto[name] as ((...args: unknown[]) => unknown) | undefined
      if (!original) continue
      proto[name] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
        const store = 'objectStore' in this ? this.objectStore : this
        requests.push('objectStore' in this ? `${store.name}[${this.name}].${name}` : `${store.name}.${name}`)
        seen.add(store.transaction)
        return original.apply(this, args)
      }
      restore.push(() => (proto[name] = original))
    }
  try {
    await run()
  } finally {
    for (const undo of restore) undo()
  }
  const transactions = [...seen].map((t) => `${t.mode}: ${[...t.objectStoreNames].sort().join(' ')}`)
  return { requests, transactions }
}

/** A collection opened with the journal, as main.tsx opens it, and a study session of a deck with reverse cards (siblings). */
async function session(linked: boolean) {
  const writer = new JournalWriter(memoryJournal(), Date.now())
  const journal = writer.store as ReturnType<typeof memoryJournal>
  const db = new RecallDatabase(
    `grade-requests-${process.pid}-${++counter}`,
    journalOptions(
      writer,
      null,
      () => undefined,
      () => Date.now()
    )
  )
  // Counts the wrappers of tables built at the bottom of Dexie's stack (see cached-tables.ts).
  const built = { tables: 0 }
  db.use({
    stack: 'dbcore',
    name: 'count-table-wrappers',
    level: -10,
    create: (down) => ({
      ...down,
      table(name) {
        built.tables++
        return down.table(name)
      }
    })
  })
  opened.push(db)
  await db.open()
  db.syncRecording.linked = linked
  const store = createRecallStore({
    db,
    platform: fakePlatform({ decks: [makeDeck('aws', makeCards(30, true))], problems: [] }),
    now: () => Date.now()
  })
  await store.getState().loadLibrary()
  await store.getState().startStudy('aws')
  // One grade first: the rollup's middleware has then read its day-start hour once, as in a session.
  store.getState().reveal()
  await store.getState().grade(Rating.Good)
  return { db, store, journal, writer, built }
}

describe('a grade', () => {
  it('is one transaction holding the card, its log, the rollup, the journal mark and its burial of the sibling', async () => {
    const { db, store, journal, writer, built } = await session(false)
    const card = store.getState().session!.card!
    store.getState().reveal()
    const tablesBefore = built.tables
    const { requests, transactions } = await countRequests(() => store.getState().grade(Rating.Good))
    // Every table it touches was wrapped by the middlewares once, before: none is wrapped again.
    expect(built.tables).toBe(tablesBefore)
    expect(store.getState().session!.card!.id).not.toBe(card.id)
    expect(transactions).toEqual([
      `readwrite: ${['cardColumns', 'cards', 'derived', MARK_TABLE, 'reviewDays', 'reviewSlots', 'reviews'].sort().join(' ')}`
    ])
    // Read first: the card (as stored, with its siblings), the rollup's bookkeeping, the card's
    // logs, the slot and day rows, the journal mark; written: card, sibling, log, the two rollup
    // rows, the mark.
    expect(requests.sort()).toEqual(
      [
        'cards[[deckId+cardId]].getAll',
        'cards.put',
        'cards.put',
        'reviews.add',
        'reviews[cardKey].getAll',
        'derived.get',
        'reviewSlots.get',
        'reviewDays.get',
        'reviewSlots.put',
        'reviewDays.put',
        `${MARK_TABLE}.get`,
        `${MARK_TABLE}.put`
      ].sort()
    )
    const stored = (await db.cards.get(card.id))!
    expect(stored.reps).toBe(card.reps + 1)
    expect(await db.cards.get(`${card.id}/reverse`)).toMatchObject({ queue: Queue.Buried })
    expect((await db.reviewSlots.toArray()).length).toBeGreaterThan(0)
    expect(await db.reviews.where('cardKey').equals(card.id).count()).toBe(1)
    const [epoch] = await journal.epochs()
    const txs = readJournal(epoch!, await journal.read(epoch!)).txs
    // The journal holds the transaction whole: the card, its log, the buried sibling.
    expect(txs.at(-1)!.changes.map((c) => (c.k === 'put' ? `${c.table} ${c.values.length}` : c.k))).toEqual([
      'cards 1',
      'reviews 1',
      'cards 1'
    ])
    expect(await db.table(MARK_TABLE).get(MARK_KEY)).toMatchObject({ seq: txs.at(-1)!.seq })
    expect(writer.failure).toBeUndefined()
  })

  it('linked to a sync folder, adds its outbox entries in the same transaction: the two cards it changes read by key, an entry for the log and one for the buried sibling', async () => {
    const unlinked = await session(false)
    unlinked.store.getState().reveal()
    const plain = await countRequests(() => unlinked.store.getState().grade(Rating.Good))
    const { db, store } = await session(true)
    const card = store.getState().session!.card!
    store.getState().reveal()
    const before = await db.table(OUTBOX_TABLE).count()
    const { requests, transactions } = await countRequests(() => store.getState().grade(Rating.Good))
    expect(transactions).toEqual([
      `readwrite: ${['cardColumns', 'cards', 'derived', MARK_TABLE, OUTBOX_TABLE, 'reviewDays', 'reviewSlots', 'reviews'].sort().join(' ')}`
    ])
    expect(requests.sort()).toEqual([...plain.requests, 'cards.get', 'cards.get', `${OUTBOX_TABLE}.add`, `${OUTBOX_TABLE}.add`].sort())
    const entries = (await db.table(OUTBOX_TABLE).toArray()).slice(before) as Array<{ k: string; key?: string }>
    expect(entries.map((e) => e.k).sort()).toEqual(['review', 'row'])
    expect(entries.find((e) => e.k === 'row')!.key).toBe(`${card.id}/reverse`)
    expect((await db.cards.get(card.id))!.reps).toBe(card.reps + 1)
  })
})
