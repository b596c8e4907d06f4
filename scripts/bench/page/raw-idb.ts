/**
 * The limits' IndexedDB work, with the bare API: no Dexie, no app code. Each function reads or
 * writes only what the app's own figure must read or write, never more (a limit that does more
 * work than the app is not a limit), so a figure's ratio to it is what the app adds on top.
 * Shared by the bench page, the bare first-card page and the module the bench loads into the app.
 */
export function openRaw(name = 'recall'): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onsuccess = () => {
      // Never hold up the app's own upgrade.
      open.result.onversionchange = () => open.result.close()
      resolve(open.result)
    }
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not open the database'))
  })
}

export function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('an IndexedDB request failed'))
  })
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new Error('an IndexedDB transaction was aborted'))
  })
}

/**
 * A fresh, empty database `name` of the same shape as `source` (every store with its key path, key
 * generator and indexes): where the write limits put their rows, so that a write of the app's
 * own going on in its database (a cache built in the background) cannot hold them up, while the
 * disk and the browser's storage process are the same (one LevelDB per origin in Chromium).
 */
export async function sameShape(source: IDBDatabase, name: string): Promise<IDBDatabase> {
  const stores = [...source.objectStoreNames]
  const tx = source.transaction(stores, 'readonly')
  const shapes = stores.map((store) => {
    const os = tx.objectStore(store)
    const indexes = [...os.indexNames].map((index) => os.index(index))
    return { store, keyPath: os.keyPath, autoIncrement: os.autoIncrement, indexes }
  })
  await done(indexedDB.deleteDatabase(name))
  const open = indexedDB.open(name, 1)
  open.onupgradeneeded = () => {
    for (const { store, keyPath, autoIncrement, indexes } of shapes) {
      const os = open.result.createObjectStore(store, { keyPath, autoIncrement })
      for (const index of indexes) os.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry })
    }
  }
  return done(open)
}

/** Rows per table, counted by the browser: proof of what the collection holds. */
export async function rowCounts(): Promise<Record<string, number>> {
  const db = await openRaw()
  try {
    const names = [...db.objectStoreNames]
    const tx = db.transaction(names, 'readonly')
    const counts = await Promise.all(names.map((n) => done(tx.objectStore(n).count())))
    return { version: db.version, ...Object.fromEntries(names.map((n, i) => [n, counts[i]!])) }
  } finally {
    db.close()
  }
}

/** Reads a whole store in primary-key batches with getAll (the fastest bulk read IndexedDB has). */
export async function readAll(db: IDBDatabase, store: string, batch = 10_000): Promise<number> {
  const os = db.transaction(store, 'readonly').objectStore(store)
  let last: IDBValidKey | undefined
  let total = 0
  for (;;) {
    const range = last === undefined ? undefined : IDBKeyRange.lowerBound(last, true)
    const [rows, keys] = await Promise.all([done(os.getAll(range, batch)), done(os.getAllKeys(range, batch))])
    total += rows.length
    if (rows.length < batch) return total
    last = keys[keys.length - 1]
  }
}

const LOW = -Infinity
const HIGH: IDBValidKey = [] // arrays sort after numbers: Dexie's maxKey

/** The queue numbers of core/model (New 0, Learning 1, Review 2), passed in so no app code is imported here. */
interface Queues {
  fresh: number
  learning: number
  review: number
}

/**
 * What the deck list shows, per deck: its review and new numbers. The app reads at least that
 * many keys of each range (it reads up to the day's allowance, capped by the limits), and the
 * two counter rows; so does this, and nothing else.
 */
export interface CountsSpec {
  dayEnd: number
  queues: Queues
  decks: Array<{ id: string; review: number; fresh: number }>
}

/** The deck list's reads, bare: decks, presets, the two counter rows, and the keys behind each number shown. */
export async function bareCounts(db: IDBDatabase, spec: CountsSpec): Promise<{ decks: Array<{ id: string; name: string }>; keys: number }> {
  const tx = db.transaction(['decks', 'presets', 'derived', 'cards'], 'readonly')
  const due = tx.objectStore('cards').index('[deckId+queue+due]')
  const ord = tx.objectStore('cards').index('[deckId+queue+ord]')
  const derived = tx.objectStore('derived')
  const { queues } = spec
  const [decks, , , , ...keys] = await Promise.all([
    done(tx.objectStore('decks').getAll()) as Promise<Array<{ id: string; name: string }>>,
    done(tx.objectStore('presets').getAll()),
    done(derived.get('studiedToday')),
    done(derived.get('learningCards')),
    // A count of 0 would read the whole range: such a range is not read at all.
    ...spec.decks.flatMap(({ id, review, fresh }) => [
      review > 0
        ? done(due.getAllKeys(IDBKeyRange.bound([id, queues.review, LOW], [id, queues.review, spec.dayEnd], false, true), review))
        : Promise.resolve([]),
      fresh > 0 ? done(ord.getAllKeys(IDBKeyRange.bound([id, queues.fresh, LOW], [id, queues.fresh, HIGH]), fresh)) : Promise.resolve([])
    ])
  ])
  return { decks, keys: keys.reduce((n, k) => n + k.length, 0) }
}

/** One deck's queue as the app read it for today: how many cards of each list it holds. */
export interface QueueSpec {
  deckId: string
  dayEnd: number
  queues: Queues
  review: number
  fresh: number
}

/** Today's queue of one deck, bare: the studied-today counter, the learning cards due today, and as many review and new cards as the app's queue holds. */
export async function bareQueue(db: IDBDatabase, spec: QueueSpec): Promise<Array<{ question: string }>> {
  const { deckId, queues } = spec
  const tx = db.transaction(['derived', 'cards'], 'readonly')
  const due = tx.objectStore('cards').index('[deckId+queue+due]')
  const ord = tx.objectStore('cards').index('[deckId+queue+ord]')
  const [, learning, review, fresh]: [unknown, unknown[], unknown[], unknown[]] = await Promise.all([
    done(tx.objectStore('derived').get('studiedToday')),
    done(due.getAll(IDBKeyRange.bound([deckId, queues.learning, LOW], [deckId, queues.learning, spec.dayEnd], false, true))),
    spec.review > 0
      ? done(due.getAll(IDBKeyRange.bound([deckId, queues.review, LOW], [deckId, queues.review, spec.dayEnd], false, true), spec.review))
      : Promise.resolve([]),
    spec.fresh > 0
      ? done(ord.getAll(IDBKeyRange.bound([deckId, queues.fresh, LOW], [deckId, queues.fresh, HIGH]), spec.fresh))
      : Promise.resolve([])
  ])
  return [...learning, ...review, ...fresh] as Array<{ question: string }>
}

/** Every row of some stores, one readonly transaction: what the statistics screen reads (the rollup rows and card columns). */
export async function bareGetAll(db: IDBDatabase, stores: readonly string[]): Promise<number> {
  const tx = db.transaction([...stores], 'readonly')
  const rows = await Promise.all(stores.map((store) => done(tx.objectStore(store).getAll())))
  return rows.reduce((n, r) => n + r.length, 0)
}

/** Rows of one store by primary key, one readonly transaction (the exam decks' card columns). */
export async function bareGet(db: IDBDatabase, store: string, keys: readonly IDBValidKey[]): Promise<number> {
  const os = db.transaction(store, 'readonly').objectStore(store)
  const rows = await Promise.all(keys.map((key) => done(os.get(key))))
  return rows.filter((row) => row !== undefined).length
}

/** The first `count` rows of a store in primary-key order: one screenful of a table. */
export function bareFirstRows(db: IDBDatabase, store: string, count: number): Promise<unknown[]> {
  return done(db.transaction(store, 'readonly').objectStore(store).getAll(null, count))
}

/**
 * Rows put as they are, one readwrite transaction with strict durability, as the app's own writes
 * are (Dexie's `chromeTransactionDurability: 'strict'`): the same stores, keys and bytes.
 */
export async function barePut(db: IDBDatabase, rows: Readonly<Record<string, readonly unknown[]>>): Promise<void> {
  const stores = Object.keys(rows).filter((store) => rows[store]!.length > 0)
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' })
  for (const store of stores) {
    const os = tx.objectStore(store)
    for (const row of rows[store]!) os.put(row)
  }
  await completion(tx)
}

/**
 * What an `.apkg` export of the whole collection reads (db/apkg-export-repository.ts), bare: every
 * deck, then deck by deck its notes, cards and review log through the same indexes, then the
 * media. One readonly transaction; each deck's rows are let go before the next deck's are read.
 */
export async function bareExportReads(db: IDBDatabase): Promise<number> {
  const tx = db.transaction(['decks', 'notes', 'cards', 'reviews', 'media', 'presets', 'settings'], 'readonly')
  const [decks] = await Promise.all([
    done(tx.objectStore('decks').getAll()) as Promise<Array<{ id: string }>>,
    done(tx.objectStore('presets').getAll()),
    done(tx.objectStore('settings').getAll())
  ])
  let rows = decks.length
  for (const { id } of decks) {
    const read = await Promise.all([
      done(tx.objectStore('notes').index('deckId').getAll(IDBKeyRange.only(id))),
      done(tx.objectStore('cards').index('deckId').getAll(IDBKeyRange.only(id))),
      done(
        tx
          .objectStore('reviews')
          .index('[deckId+review]')
          .getAll(IDBKeyRange.bound([id, LOW], [id, Infinity]))
      )
    ])
    rows += read.reduce((n, r) => n + r.length, 0)
  }
  return rows + (await done(tx.objectStore('media').getAll())).length
}
