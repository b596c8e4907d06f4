import { createOpfsBackupStore } from '@platform/opfs-backup-store'
import { backupFileName } from '@shared/backup/backup-names'
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { FakeOpfsFolder, type OpfsFaults } from '../../helpers/fake-opfs'

const T0 = Date.UTC(2026, 10, 21, 8, 33, 0)
const MINUTE = 60_000
const FIRST = 'recall-2026-11-21T08-33-00Z.recall-backup'

function opfs(options: { withMove?: boolean; faults?: OpfsFaults } = {}) {
  const root = new FakeOpfsFolder(options)
  const store = createOpfsBackupStore({ root: async () => root })
  const folder = () => root.getDirectoryHandle('backups', { create: true })
  return { root, store, folder, names: async () => (await folder()).names() }
}

describe('the browser backup store (OPFS)', () => {
  it('writes gzip files under the desktop names in backups/, and reads them back', async () => {
    const { store, folder } = opfs()
    const content = `{"format":"recall-backup"}\n${'{"id":1,"question":"What is SageMaker?"}\n'.repeat(2000)}`
    const written = await store.write(content, T0)
    expect(written).toEqual({ backup: { file: FIRST, date: T0, size: expect.any(Number) } })
    const file = await (await folder()).getFileHandle(FIRST)
    expect((written as { backup: { size: number } }).backup.size).toBe(file.bytes.length)
    expect(file.bytes.length).toBeLessThan(content.length / 10)
    expect(gunzipSync(file.bytes).toString('utf8')).toBe(content)
    expect(await store.read(FIRST)).toEqual({ content })
  })

  it('lists backups newest first, ignoring other files, folders and empty files', async () => {
    const { root, store, folder } = opfs()
    expect(await store.list()).toEqual([]) // backups/ does not exist yet
    expect(root.names()).toEqual([]) // and listing does not make it
    await store.write('a', T0)
    await store.write('b'.repeat(5000), T0 + 40 * MINUTE)
    const dir = await folder()
    dir.layDown('notes.txt', new Uint8Array([1]))
    dir.layDown(backupFileName(T0 + 2 * MINUTE), new Uint8Array())
    await dir.getDirectoryHandle(backupFileName(T0 + 3 * MINUTE), { create: true })
    expect((await store.list()).map((b) => [b.file, b.date])).toEqual([
      ['recall-2026-11-21T09-13-00Z.recall-backup', T0 + 40 * MINUTE],
      [FIRST, T0]
    ])
  })

  it('writes under a hidden name and moves it: a failed move keeps the old backups and leaves nothing behind', async () => {
    const { store, folder, names } = opfs({ faults: { move: new DOMException('disk went away', 'InvalidStateError') } })
    ;(await folder()).layDown(FIRST, gzipSync('the old backup'))
    expect(await store.write('the new backup', T0 + 30 * MINUTE)).toEqual({
      error: 'The backup could not be saved (disk went away). Your study progress is still safe in Recall.'
    })
    expect(await names()).toEqual([FIRST])
    expect(await store.read(FIRST)).toEqual({ content: 'the old backup' })
  })

  it('replaces a backup of the same second (Back up now twice)', async () => {
    const { store, names } = opfs()
    await store.write('first', T0)
    await store.write('second', T0 + 500)
    expect(await names()).toEqual([FIRST])
    expect(await store.read(FIRST)).toEqual({ content: 'second' })
  })

  it('says plainly when the storage is full, and leaves no file', async () => {
    const { store, names } = opfs({ faults: { close: new DOMException('quota', 'QuotaExceededError') } })
    expect(await store.write('x', T0)).toEqual({
      error: "The browser's storage for this site is full, so the backup could not be saved. Your study progress is still safe in Recall."
    })
    expect(await names()).toEqual([])
  })

  it('writes under the final name where files cannot be moved, and a failed write is never listed', async () => {
    const faults: OpfsFaults = {}
    const { store, names } = opfs({ withMove: false, faults })
    expect(await store.write('whole', T0)).toMatchObject({ backup: { file: FIRST } })
    expect(await names()).toEqual([FIRST])
    faults.close = new DOMException('quota', 'QuotaExceededError')
    expect(await store.write('cut short', T0 + MINUTE)).toHaveProperty('error')
    expect(await names()).toEqual([FIRST, 'recall-2026-11-21T08-34-00Z.recall-backup'])
    expect((await store.list()).map((b) => b.file)).toEqual([FIRST])
    // The empty file is cleared by the next prune, with the backups the rotation keeps left alone.
    expect(await store.prune(T0 + 2 * MINUTE)).toEqual(['recall-2026-11-21T08-34-00Z.recall-backup'])
    expect(await store.read(FIRST)).toEqual({ content: 'whole' })
  })

  it("clears a closed tab's half-written temporary file on the next prune", async () => {
    const { store, folder, names } = opfs()
    await store.write('kept', T0)
    ;(await folder()).layDown('.recall-backup-0b6e.tmp', new Uint8Array([0x1f, 0x8b]))
    expect((await store.list()).map((b) => b.file)).toEqual([FIRST])
    expect(await store.prune(T0 + MINUTE)).toEqual(['.recall-backup-0b6e.tmp'])
    expect(await names()).toEqual([FIRST])
  })

  it('reads only backup names, and says when one is gone, damaged or plain text', async () => {
    const { store, folder } = opfs()
    for (const name of ['../secret.recall-backup', 'backups/x', '']) {
      expect(await store.read(name)).toEqual({ error: `"${name}" is not the name of a Recall backup.` })
    }
    expect(await store.read(FIRST)).toEqual({ error: `This backup no longer exists (${FIRST}).` })
    const packed = gzipSync('x'.repeat(10_000))
    const dir = await folder()
    dir.layDown(FIRST, packed.subarray(0, packed.length - 8))
    expect(await store.read(FIRST)).toEqual({ error: 'This backup is damaged: the compressed file is cut short or corrupted.' })
    dir.layDown(FIRST, new TextEncoder().encode('{"format":"recall-backup"}\n'))
    expect(await store.read(FIRST)).toEqual({ content: '{"format":"recall-backup"}\n' })
  })

  it('runs each write and prune inside the lock it is given', async () => {
    const root = new FakeOpfsFolder()
    const held: string[] = []
    const store = createOpfsBackupStore({
      root: async () => root,
      exclusive: async (task) => {
        held.push('lock')
        try {
          return await task()
        } finally {
          held.push('unlock')
        }
      }
    })
    await store.write('x', T0)
    await store.prune(T0)
    await store.list()
    expect(held).toEqual(['lock', 'unlock', 'lock', 'unlock'])
  })
})
