import { classifyStorageError, describeStorageError, errorChain } from '@db/storage-errors'
import type Dexie from 'dexie'

export type OpenResult = { ok: true } | { ok: false; message: string }

export const CLOSED_ELSEWHERE_MESSAGE = 'Recall was updated in another window; reload to continue. Everything you answered so far is saved.'

export const BLOCKED_MESSAGE =
  'Another Recall window or tab is still using the previous version of your collection, so this one cannot finish opening it. Close the other Recall windows and tabs to continue; nothing is lost while you wait.'

/**
 * Opens the collection and turns a failure into a message a person understands. IndexedDB runs
 * every schema upgrade in one versionchange transaction, so a failed upgrade leaves the stored
 * version and its data exactly as they were; the stored version tells that case apart.
 */
export async function openCollection(db: Dexie, factory: IDBFactory = indexedDB): Promise<OpenResult> {
  try {
    await db.open()
    return { ok: true }
  } catch (error) {
    const stored = await storedVersion(factory, db.name)
    return { ok: false, message: describeOpenError(error, { stored, wanted: db.verno }) }
  }
}

/** `stored` and `wanted` are Dexie versions (IndexedDB's divided by 10); `stored` is undefined when unknown. */
export function describeOpenError(error: unknown, versions: { stored: number | undefined; wanted: number }): string {
  const chain = errorChain(error)
  const innermost = chain.at(-1)!
  const detail = innermost.message.trim() || innermost.name
  const { stored, wanted } = versions
  if (chain.some((e) => e.name === 'VersionError') || (stored !== undefined && stored > wanted)) {
    return 'Your collection was saved by a newer version of Recall. Update Recall (or reload this tab) to open it; your data is unchanged.'
  }
  if (stored !== undefined && stored > 0 && stored < wanted) {
    return `Recall could not upgrade your collection from version ${stored} to ${wanted} (${detail}). Your data is unchanged: the upgrade is all or nothing and was undone, so nothing was lost and no backup is needed. Restart Recall to try again; if it fails again, go back to the previous version of Recall and report this message.`
  }
  const problem = classifyStorageError(error)
  if (problem === 'full' || problem === 'disk-error' || problem === 'unavailable')
    return `Recall could not open your collection. ${describeStorageError(error)}`
  return `Recall could not open your collection (${detail}). Your data has not been changed. Reload or restart Recall to try again.`
}

/** The version stored on disk, without opening (and so without creating or upgrading) the database. */
async function storedVersion(factory: IDBFactory, name: string): Promise<number | undefined> {
  try {
    const found = (await factory.databases()).find((d) => d.name === name)
    return found?.version === undefined ? undefined : Math.floor(found.version / 10)
  } catch {
    return undefined
  }
}

export interface ConnectionListener {
  /** Another window upgraded or deleted the collection; this connection is closed for good. */
  closedElsewhere(): void
  /** This window wants to upgrade, and another one still holds the old version open. */
  blocked(): void
}

/**
 * Dexie's default on `versionchange` closes and silently reopens on the next query, which from
 * an outdated page means running old code against a newer schema. Instead the connection closes
 * without reopening (every later write fails with DatabaseClosedError, never half-applied) and
 * the user is asked to reload. Returns a function that stops watching.
 */
export function watchConnection(db: Dexie, listener: ConnectionListener): () => void {
  const onVersionChange = () => {
    db.close({ disableAutoOpen: true })
    listener.closedElsewhere()
    return false // stops Dexie's own handler
  }
  const onBlocked = () => listener.blocked()
  db.on('versionchange', onVersionChange)
  db.on('blocked', onBlocked)
  return () => {
    db.on('versionchange').unsubscribe(onVersionChange)
    db.on('blocked').unsubscribe(onBlocked)
  }
}
