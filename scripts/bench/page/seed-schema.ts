import { RecallDatabase } from '@db/database'
import Dexie from 'dexie'

/** A Dexie version as the class declared it (Dexie keeps them on `_versions`; not part of its typings). */
interface DeclaredVersion {
  _cfg: { version: number; storesSource?: Record<string, string | null> }
}

/**
 * The app's schema as it stood at `version`: every table and index declared by the versions up to
 * it, read from the app's own class without opening it (a later declaration of a table replaces
 * an earlier one; null deletes it).
 */
function storesAt(version: number): { stores: Record<string, string>; current: number } {
  const declared = (new RecallDatabase('bench-shape') as unknown as { _versions: DeclaredVersion[] })._versions
  const stores: Record<string, string | null> = {}
  for (const v of [...declared].sort((a, b) => a._cfg.version - b._cfg.version))
    if (v._cfg.version <= version) Object.assign(stores, v._cfg.storesSource ?? {})
  const kept = Object.entries(stores).filter((entry): entry is [string, string] => entry[1] !== null)
  return { stores: Object.fromEntries(kept), current: Math.max(...declared.map((v) => v._cfg.version)) }
}

/**
 * Creates the collection `recall` as Recall's database version `version` left it, empty: its
 * tables and indexes as the app declared them then (Dexie stores version n as IndexedDB version
 * 10·n), so that the app's first start upgrades it as it would a user's. From version 2 on (the
 * generator writes settings, a version-2 table); the rows it writes have the shape of version 4
 * (cards without notes; version 5 makes the notes from them).
 */
export async function createCollectionAt(version: number): Promise<number> {
  const { stores, current } = storesAt(version)
  if (version < 2 || version > current) throw new Error(`--seed-version must be from 2 to ${current}, not ${version}`)
  const old = new Dexie('recall')
  old.version(version).stores(stores)
  await old.open()
  const tables = old.tables.length
  old.close()
  return tables
}
