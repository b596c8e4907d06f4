import { RecallDatabase } from '@db/database'
import { describeOpenError, openCollection, watchConnection } from '@db/open-database'
import { describeStorageError } from '@db/storage-errors'
import Dexie from 'dexie'
import { describe, expect, it, vi } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'

/** What a newer Recall in another window does: open the collection at a higher version. */
function openRaw(name: string, version: number, onVersionChange?: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version)
    request.onsuccess = () => {
      request.result.onversionchange = onVersionChange ?? null
      resolve(request.result)
    }
    request.onerror = () => reject(request.error)
  })
}

/** The schema version this build of Recall declares. */
const CURRENT = new RecallDatabase('version-probe').verno

class NextRecall extends RecallDatabase {
  constructor(name: string) {
    super(name)
    this.version(CURRENT + 1).stores({ notes: 'id' })
  }
}

describe('another window changes the collection', () => {
  it('closes this connection for good and says so when another window upgrades it, so no write lands on a stale schema', async () => {
    const db = freshDatabase()
    await db.open()
    const listener = { closedElsewhere: vi.fn(), blocked: vi.fn() }
    watchConnection(db, listener)

    const newer = await openRaw(db.name, (CURRENT + 1) * 10)
    expect(listener.closedElsewhere).toHaveBeenCalledOnce()
    expect(db.isOpen()).toBe(false)
    const write = await db.settings.put({ key: 'dayStartsAtHour', value: 6 }).catch((e: unknown) => e)
    expect(describeStorageError(write)).toMatch(/^The collection was closed/)
    newer.close()
    // Dexie's default would have reopened silently; this one stays closed until the page reloads.
    expect(await db.settings.count().catch((e: Error) => e.name)).toBe('DatabaseClosedError')
  })

  it('tells this window when an older one blocks its upgrade, and opens once the other one lets go', async () => {
    const old = freshDatabase()
    await old.open()
    old.close()
    // An old window that ignores versionchange and keeps its connection.
    const stubborn = await openRaw(old.name, CURRENT * 10, () => undefined)
    const db = new NextRecall(old.name)
    const listener = { closedElsewhere: vi.fn(), blocked: vi.fn() }
    watchConnection(db, listener)

    const opening = openCollection(db)
    await vi.waitFor(() => expect(listener.blocked).toHaveBeenCalled())
    expect(db.isOpen()).toBe(false)
    stubborn.close()
    expect(await opening).toEqual({ ok: true })
    expect(db.verno).toBe(CURRENT + 1)
  })

  it('stops watching when asked', async () => {
    const db = freshDatabase()
    await db.open()
    const listener = { closedElsewhere: vi.fn(), blocked: vi.fn() }
    watchConnection(db, listener)()
    const newer = await openRaw(db.name, (CURRENT + 1) * 10)
    expect(listener.closedElsewhere).not.toHaveBeenCalled()
    newer.close()
  })
})

describe('describeOpenError', () => {
  it('explains a collection saved by a newer Recall', () => {
    expect(
      describeOpenError(new Dexie.VersionError('requested version (30) is less than the existing version (40)'), { stored: 4, wanted: 3 })
    ).toMatch(/saved by a newer version of Recall\. Update Recall/)
  })

  it('passes on a full disk and storage the browser does not offer', () => {
    expect(describeOpenError(new Dexie.QuotaExceededError(), { stored: 3, wanted: 3 })).toMatch(
      /^Recall could not open your collection\. There is no room left/
    )
    expect(describeOpenError(new Dexie.MissingAPIError(), { stored: undefined, wanted: 3 })).toMatch(/IndexedDB is unavailable/)
  })

  it('falls back to the reason and the reassurance that nothing changed', () => {
    expect(describeOpenError(new Error('odd'), { stored: 3, wanted: 3 })).toBe(
      'Recall could not open your collection (odd). Your data has not been changed. Reload or restart Recall to try again.'
    )
  })
})
