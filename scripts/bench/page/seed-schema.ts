import { RecallDatabase } from '@db/database'
import { tablesAddedIn } from '@db/schema-history'
import { done } from './raw-idb'

/** One object store as IndexedDB holds it: key path, key generator, indexes. */
interface StoreShape {
  name: string
  keyPath: string | string[] | null
  autoIncrement: boolean
  indexes: Array<{ name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }>
}

/** The app's schema as IndexedDB holds it, read from a scratch database the app's own class creates. */
async function currentShape(): Promise<{ version: number; stores: StoreShape[] }> {
  const scratch = new RecallDatabase('bench-shape')
  await scratch.open()
  const db = scratch.backendDB()
  const names = [...db.objectStoreNames]
  const tx = db.transaction(names, 'readonly')
  const stores = names.map((name) => {
    const os = tx.objectStore(name)
    return {
      name,
      keyPath: os.keyPath,
      autoIncrement: os.autoIncrement,
      indexes: [...os.indexNames].map((index) => {
        const i = os.index(index)
        return { name: index, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry }
      })
    }
  })
  const version = db.version
  scratch.close()
  await RecallDatabase.delete('bench-shape')
  return { version, stores }
}

/**
 * Creates the collection `recall` as Recall's database version `version` left it (Dexie stores
 * version n as IndexedDB version 10·n), empty, so that the app's first start upgrades it as it
 * would a user's. The tables are those schema-history.ts says existed then; their indexes are
 * today's, which holds from version 4 on (the cards' last index, `[deckId+mod]`, came with 4, and
 * the generator writes the change stamp `mod` that version introduced).
 */
export async function createCollectionAt(version: number): Promise<number> {
  const { version: current, stores } = await currentShape()
  if (version < 4 || version * 10 > current) throw new Error(`--seed-version must be from 4 to ${current / 10}, not ${version}`)
  const added = tablesAddedIn()
  const open = indexedDB.open('recall', version * 10)
  open.onupgradeneeded = () => {
    for (const store of stores.filter((s) => (added[s.name] ?? Infinity) <= version)) {
      const os = open.result.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement })
      for (const index of store.indexes) os.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry })
    }
  }
  const db = await done(open)
  const tables = db.objectStoreNames.length
  db.close()
  return tables
}
