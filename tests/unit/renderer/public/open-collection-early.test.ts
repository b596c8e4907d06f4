import { RecallDatabase } from '@db/database'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'

const SCRIPT = readFileSync(resolve(__dirname, '../../../../src/renderer/public/open-collection-early.js'), 'utf8')

/**
 * Runs the page's early open as index.html does, before the app, against this test's IndexedDB
 * (fake-indexeddb). Resolves once its request has settled: whether it opened a connection.
 */
function runEarlyOpen(): Promise<{ opened: boolean }> {
  return new Promise((done) => {
    const open = (name: string, version?: number) => {
      const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version)
      request.addEventListener('success', () => setTimeout(() => done({ opened: true })))
      request.addEventListener('error', () => setTimeout(() => done({ opened: false })))
      return request
    }
    runInNewContext(SCRIPT, { indexedDB: { open }, setTimeout })
  })
}

function openRaw(name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
    request.onblocked = () => reject(new Error('blocked by another connection'))
  })
}

async function names() {
  return (await indexedDB.databases()).map((d) => d.name)
}

describe('the collection opened early, before the app', () => {
  it('names the database the app opens', () => {
    expect(SCRIPT).toContain(`var NAME = '${new RecallDatabase().name}'`)
  })

  it('creates nothing on a first run: the app then creates the collection at its own version', async () => {
    await expect(runEarlyOpen()).resolves.toEqual({ opened: false })
    expect(await names()).not.toContain('recall')

    const db = new RecallDatabase()
    await db.decks.put({ id: 'd', name: 'Deck' } as never)
    expect(db.verno).toBeGreaterThan(1)
    expect(await db.decks.count()).toBe(1)
    db.close()
    await db.delete()
  })

  it('gives way at once to an upgrade, so a newer Recall is never blocked by it', async () => {
    const old = await openRaw('recall', 3)
    old.close()
    await expect(runEarlyOpen()).resolves.toEqual({ opened: true })

    const upgraded = await openRaw('recall', 4)
    expect(upgraded.version).toBe(4)
    upgraded.close()
    await new Promise<void>((done) => (indexedDB.deleteDatabase('recall').onsuccess = () => done()))
    expect(await names()).not.toContain('recall')
  })

  it('leaves an existing collection as it was, and the app opens it while the early connection is held', async () => {
    const first = new RecallDatabase()
    await first.decks.put({ id: 'kept', name: 'Kept' } as never)
    const version = first.verno
    first.close()

    await expect(runEarlyOpen()).resolves.toEqual({ opened: true })
    const db = new RecallDatabase()
    expect((await db.decks.get('kept'))?.name).toBe('Kept')
    expect(db.verno).toBe(version)
    db.close()
    await db.delete()
  })
})
