/**
 * The limits: the same reads done with the bare IndexedDB API, no Dexie, no app code. What the
 * browser itself needs for a query is the floor our figures are compared with.
 */
export function openRaw(name = 'recall'): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not open the database'))
  })
}

export function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('an IndexedDB request failed'))
  })
}

/** Rows per table, counted by the browser: proof of what the collection holds. */
export async function rowCounts(): Promise<Record<string, number>> {
  const db = await openRaw()
  try {
    const names = [...db.objectStoreNames]
    const tx = db.transaction(names, 'readonly')
    const counts = await Promise.all(names.map((n) => done(tx.objectStore(n).count())))
    return Object.fromEntries(names.map((n, i) => [n, counts[i]!]))
  } finally {
    db.close()
  }
}

/** Reads a whole store in primary-key batches with getAll (the fastest bulk read IndexedDB has). */
export async function readAll(db: IDBDatabase, store: string, visit: (row: unknown) => void, batch = 10_000): Promise<number> {
  const tx = db.transaction(store, 'readonly')
  const os = tx.objectStore(store)
  let last: IDBValidKey | undefined
  let total = 0
  for (;;) {
    const range = last === undefined ? undefined : IDBKeyRange.lowerBound(last, true)
    const [rows, keys] = await Promise.all([done(os.getAll(range, batch)), done(os.getAllKeys(range, batch))])
    for (const row of rows) visit(row)
    total += rows.length
    if (rows.length < batch) return total
    last = keys[keys.length - 1]
  }
}

const LOW = -Infinity
const HIGH: IDBValidKey = [] // arrays sort after numbers: Dexie's maxKey

/** Today's queue of one deck, bare: the same four index ranges the app reads. */
export async function rawQueue(
  db: IDBDatabase,
  deckId: string,
  day: { start: number; end: number },
  limits: { reviews: number; fresh: number }
): Promise<number> {
  const tx = db.transaction(['cards', 'reviews'], 'readonly')
  const due = tx.objectStore('cards').index('[deckId+queue+due]')
  const ord = tx.objectStore('cards').index('[deckId+queue+ord]')
  const today = tx.objectStore('reviews').index('[deckId+review]')
  const rows = await Promise.all([
    done(today.getAll(IDBKeyRange.bound([deckId, day.start], [deckId, day.end], false, true))),
    done(due.getAll(IDBKeyRange.bound([deckId, 1, LOW], [deckId, 1, day.end], false, true))),
    done(due.getAll(IDBKeyRange.bound([deckId, 2, LOW], [deckId, 2, day.end], false, true), limits.reviews)),
    done(ord.getAll(IDBKeyRange.bound([deckId, 0, LOW], [deckId, 0, HIGH]), limits.fresh))
  ])
  return rows.reduce((n, r) => n + r.length, 0)
}

/** The deck list's counts, bare: three index counts and today's logs per deck. */
export async function rawCounts(db: IDBDatabase, deckIds: readonly string[], day: { start: number; end: number }): Promise<number> {
  const tx = db.transaction(['cards', 'reviews'], 'readonly')
  const due = tx.objectStore('cards').index('[deckId+queue+due]')
  const ord = tx.objectStore('cards').index('[deckId+queue+ord]')
  const today = tx.objectStore('reviews').index('[deckId+review]')
  const counts = await Promise.all(
    deckIds.flatMap((deckId) => [
      done(today.getAll(IDBKeyRange.bound([deckId, day.start], [deckId, day.end], false, true))).then((r) => r.length),
      done(due.count(IDBKeyRange.bound([deckId, 1, LOW], [deckId, 1, day.end], false, true))),
      done(due.count(IDBKeyRange.bound([deckId, 2, LOW], [deckId, 2, day.end], false, true))),
      done(ord.count(IDBKeyRange.bound([deckId, 0, LOW], [deckId, 0, HIGH])))
    ])
  )
  return counts.reduce((a, b) => a + b, 0)
}

/** The cards of some decks, bare, through the deckId index. */
export async function rawCardsOfDecks(db: IDBDatabase, deckIds: readonly string[]): Promise<number> {
  const tx = db.transaction('cards', 'readonly')
  const index = tx.objectStore('cards').index('deckId')
  const rows = await Promise.all(deckIds.map((id) => done(index.getAll(IDBKeyRange.only(id)))))
  return rows.reduce((n, r) => n + r.length, 0)
}

/** Rows of a store by primary key, bare (the card columns of some decks). */
export async function rawRowsOf(db: IDBDatabase, store: string, keys: readonly IDBValidKey[]): Promise<number> {
  const tx = db.transaction(store, 'readonly')
  const rows = await Promise.all(keys.map((key) => done(tx.objectStore(store).get(key))))
  return rows.filter((row) => row !== undefined).length
}
