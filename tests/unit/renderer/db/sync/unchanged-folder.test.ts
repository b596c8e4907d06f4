import { syncNow } from '@db/sync/sync-engine'
import { metaTable } from '@db/sync/sync-meta'
import type { SyncFolderResult } from '@shared/sync/sync-folder-access'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { deliver, MemoryFolder } from './memory-folder'
import { collectionOf, grade, linkedPair } from './sync-helpers'

const MINUTE = 60_000

/** A folder where another machine's file arrives while this machine writes its segment. */
class FolderWithAnArrival extends MemoryFolder {
  arrival?: () => void

  override writeSegment(device: string, seq: number, text: string): Promise<SyncFolderResult<string>> {
    const arrival = this.arrival
    this.arrival = undefined
    arrival?.()
    return super.writeSegment(device, seq, text)
  }
}

describe('a sync that finds the folder as the last one left it', () => {
  it('reads no file and changes nothing, and reads the folder again as soon as a file arrives', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 4 })
    await grade(desktop, 'aws/c1', Rating.Good, t)
    await syncNow(desktop, folder, { now: t + MINUTE })
    const first = await syncNow(laptop, folder, { now: t + 2 * MINUTE })
    expect(first).toMatchObject({ ok: true, received: 1 })
    const collection = await collectionOf(laptop)

    const reads = folder.textsRead
    const quiet = await syncNow(laptop, folder, { now: t + 3 * MINUTE })
    expect(folder.textsRead).toBe(reads)
    // The last report stands, with this sync's time and nothing sent or received.
    expect(quiet).toEqual({ ...first, at: t + 3 * MINUTE, received: 0, sent: 0, media: { changed: 0, arriving: 0 } })
    expect(await collectionOf(laptop)).toEqual(collection)

    // The desktop grades again: its new segment is read and applied at the laptop's next sync.
    await grade(desktop, 'aws/c2', Rating.Easy, t + 4 * MINUTE)
    await syncNow(desktop, folder, { now: t + 5 * MINUTE })
    const next = await syncNow(laptop, folder, { now: t + 6 * MINUTE })
    expect(next).toMatchObject({ ok: true, received: 1 })
    expect(folder.textsRead).toBeGreaterThan(reads)
    expect(await collectionOf(laptop)).toEqual(await collectionOf(desktop))
  })

  it('after writing its own segment, the next sync reads nothing; a grade here is sent at once', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 4 })
    await syncNow(desktop, folder, { now: t })
    await grade(laptop, 'aws/c3', Rating.Hard, t + MINUTE)
    expect(await syncNow(laptop, folder, { now: t + 2 * MINUTE })).toMatchObject({ ok: true, sent: 1 })
    const reads = folder.textsRead
    // The folder's watcher fires for the segment just written: nothing to read.
    expect(await syncNow(laptop, folder, { now: t + 3 * MINUTE })).toMatchObject({ ok: true, sent: 0, received: 0 })
    expect(folder.textsRead).toBe(reads)

    await grade(laptop, 'aws/c4', Rating.Again, t + 4 * MINUTE)
    expect(await syncNow(laptop, folder, { now: t + 5 * MINUTE })).toMatchObject({ ok: true, sent: 1 })
    await syncNow(desktop, folder, { now: t + 6 * MINUTE })
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
  })

  it('a file that arrived while the last sync ran is read by the next one, not taken as read', async () => {
    const folder = new FolderWithAnArrival()
    const { laptop, desktop, t } = await linkedPair({ aws: 4 }, folder)
    await syncNow(desktop, folder, { now: t })
    await syncNow(laptop, folder, { now: t + MINUTE })
    await grade(desktop, 'aws/c1', Rating.Good, t + 2 * MINUTE)
    await grade(laptop, 'aws/c2', Rating.Good, t + 2 * MINUTE)
    // The desktop's segment, written to its own copy of the folder, lands in the laptop's while the laptop writes its own.
    const desktopSide = new MemoryFolder(new Map(folder.files))
    expect(await syncNow(desktop, desktopSide, { now: t + 3 * MINUTE })).toMatchObject({ ok: true, sent: 1 })
    folder.arrival = () => deliver(desktopSide, folder)
    const during = await syncNow(laptop, folder, { now: t + 3 * MINUTE })
    expect(during).toMatchObject({ ok: true, sent: 1, received: 0 })

    const after = await syncNow(laptop, folder, { now: t + 4 * MINUTE })
    expect(after).toMatchObject({ ok: true, received: 1 })
    await syncNow(desktop, folder, { now: t + 5 * MINUTE })
    expect(await collectionOf(laptop)).toEqual(await collectionOf(desktop))
  })

  it('a file replaced under its name (a second installation with this id) is read again and reported', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 4 })
    await grade(desktop, 'aws/c1', Rating.Good, t)
    await syncNow(desktop, folder, { now: t + MINUTE })
    await syncNow(laptop, folder, { now: t + 2 * MINUTE })
    const reads = folder.textsRead

    // Another version of a segment of the desktop's, as a second writer would leave it: same name, other content.
    const device = ((await metaTable(desktop).get('device')) as { device: string }).device
    const [path, text] = [...folder.files].filter(([p]) => p.startsWith(`${device}/`) && p.endsWith('.seg')).at(-1)!
    expect(text).toContain('aws/c1')
    folder.files.set(path, text.replaceAll('aws/c1', 'aws/c2'))
    const report = await syncNow(laptop, folder, { now: t + 3 * MINUTE })
    expect(folder.textsRead).toBeGreaterThan(reads)
    // The applied segment is no longer the one read (its checksum fails): the sync waits and says so.
    expect(report.ok).toBe(false)
    expect(report.notices.join(' ')).toContain(device)
  })

  it('nothing is skipped while the last sync left work: a failed write, or a record dropped by a sync that did not finish', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 4 })
    await syncNow(desktop, folder, { now: t })
    await syncNow(laptop, folder, { now: t + MINUTE })
    await grade(laptop, 'aws/c1', Rating.Good, t + 2 * MINUTE)
    folder.failWrites = { kind: 'full', message: 'The disk is full.' }
    expect(await syncNow(laptop, folder, { now: t + 3 * MINUTE })).toMatchObject({ ok: false, folderProblem: { kind: 'full' } })
    folder.failWrites = undefined
    // The folder is as before, but the grade is still to send: this sync goes the whole way.
    expect(await syncNow(laptop, folder, { now: t + 4 * MINUTE })).toMatchObject({ ok: true, sent: 1 })

    // A sync that stopped half way leaves no record: the next one reads the folder.
    const exchange = (await metaTable(laptop).get('exchange'))!
    expect(exchange).toHaveProperty('files')
    const { files: _files, ...withoutRecord } = exchange as typeof exchange & { files: unknown }
    await metaTable(laptop).put(withoutRecord)
    const reads = folder.textsRead
    await syncNow(laptop, folder, { now: t + 5 * MINUTE })
    expect(folder.textsRead).toBeGreaterThan(reads)
  })
})
