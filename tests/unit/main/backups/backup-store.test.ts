import { createBackupStore, type BackupFileOps } from '@main/backups/backup-store'
import { backupFileName } from '@shared/backup/backup-names'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let root: string
let dir: string
beforeEach(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'recall-backups-'))
  dir = join(root, 'backups')
})
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

const T0 = Date.UTC(2026, 10, 21, 8, 33, 0)
const MINUTE = 60_000

function failing(op: 'rename' | 'open', code: string, extra: Partial<BackupFileOps> = {}): BackupFileOps {
  const error = Object.assign(new Error(`${code}: simulated`), { code })
  return { ...fs, [op]: async () => Promise.reject(error), ...extra }
}

describe('BackupStore', () => {
  it('writes compressed backups under names that carry the time, and reads them back', async () => {
    const store = createBackupStore(dir)
    const content = `{"format":"recall-backup"}\n${'{"id":1,"question":"What is SageMaker?"}\n'.repeat(2000)}`
    const written = await store.write(content, T0)
    expect(written).toEqual({ backup: { file: 'recall-2026-11-21T08-33-00Z.recall-backup', date: T0, size: expect.any(Number) } })
    const { size } = (written as { backup: { size: number } }).backup
    expect(size).toBeLessThan(content.length / 10)
    expect((await fs.stat(join(dir, 'recall-2026-11-21T08-33-00Z.recall-backup'))).size).toBe(size)
    expect(gunzipSync(await fs.readFile(join(dir, 'recall-2026-11-21T08-33-00Z.recall-backup'))).toString('utf8')).toBe(content)
    expect(await store.read('recall-2026-11-21T08-33-00Z.recall-backup')).toEqual({ content })
  })

  it('lists backups newest first with their sizes, ignoring other files', async () => {
    const store = createBackupStore(dir)
    expect(await store.list()).toEqual([]) // the folder does not exist yet
    await store.write('b'.repeat(5000), T0 + 40 * MINUTE)
    await store.write('a', T0)
    await store.write('c'.repeat(100), T0 + 24 * 60 * MINUTE)
    await fs.writeFile(join(dir, 'notes.txt'), 'mine')
    await fs.writeFile(join(dir, 'recall-2026-13-45T08-33-00Z.recall-backup'), 'not a real date')
    const listed = await store.list()
    expect(listed.map((b) => [b.file, b.date])).toEqual([
      ['recall-2026-11-22T08-33-00Z.recall-backup', T0 + 24 * 60 * MINUTE],
      ['recall-2026-11-21T09-13-00Z.recall-backup', T0 + 40 * MINUTE],
      ['recall-2026-11-21T08-33-00Z.recall-backup', T0]
    ])
    for (const b of listed) expect(b.size).toBe((await fs.stat(join(dir, b.file))).size)
  })

  it('keeps the old backups whole and lists no partial file when the final rename fails', async () => {
    await createBackupStore(dir).write('the old backup', T0)
    const crashing = createBackupStore(dir, failing('rename', 'EIO'))
    expect(await crashing.write('the new backup', T0 + 30 * MINUTE)).toEqual({
      error: 'The backup could not be saved (EIO). Your study progress is still safe in Recall.'
    })
    expect(await fs.readdir(dir)).toEqual(['recall-2026-11-21T08-33-00Z.recall-backup'])
    expect((await crashing.list()).map((b) => b.file)).toEqual(['recall-2026-11-21T08-33-00Z.recall-backup'])
    expect(await crashing.read('recall-2026-11-21T08-33-00Z.recall-backup')).toEqual({ content: 'the old backup' })
  })

  it('never lists the leftover of a crash before the rename, and clears it on the next prune', async () => {
    const store = createBackupStore(dir)
    await store.write('the old backup', T0)
    // The process "dies" after the data is flushed: no rename, and no cleanup either.
    const dying = createBackupStore(dir, failing('rename', 'EIO', { unlink: async () => Promise.reject(new Error('dead')) }))
    await dying.write('half of the new backup', T0 + 30 * MINUTE)
    const names = await fs.readdir(dir)
    expect(names).toHaveLength(2)
    expect(names.filter((n) => n.endsWith('.tmp'))).toHaveLength(1)
    expect((await store.list()).map((b) => b.file)).toEqual(['recall-2026-11-21T08-33-00Z.recall-backup'])
    expect(await store.prune(T0 + 31 * MINUTE)).toEqual([names.find((n) => n.endsWith('.tmp'))])
    expect(await fs.readdir(dir)).toEqual(['recall-2026-11-21T08-33-00Z.recall-backup'])
  })

  it('says plainly when the disk is full or the folder is not writable', async () => {
    expect(await createBackupStore(dir, failing('open', 'ENOSPC')).write('x', T0)).toEqual({
      error: 'The disk is full, so the backup could not be saved. Your study progress is still safe in Recall.'
    })
    expect(await createBackupStore(dir, failing('open', 'EACCES')).write('x', T0)).toHaveProperty(
      'error',
      expect.stringContaining(`not allowed to write to its backups folder (${dir})`)
    )
    expect(await fs.readdir(dir)).toEqual([])
  })

  it('reads only backup names from its own folder', async () => {
    const store = createBackupStore(dir)
    await fs.writeFile(join(root, 'secret.recall-backup'), 'outside')
    for (const name of [
      '../secret.recall-backup',
      '/etc/passwd',
      'recall-2026-11-21T08-33-00Z.recall-backup/../../secret.recall-backup',
      ''
    ]) {
      expect(await store.read(name)).toHaveProperty('error', expect.stringContaining('is not the name of a Recall backup'))
    }
    expect(await store.read('recall-2026-11-21T08-33-00Z.recall-backup')).toEqual({
      error: 'This backup no longer exists (recall-2026-11-21T08-33-00Z.recall-backup).'
    })
  })

  it('refuses a compressed backup that was cut short, and reads a plain-text one', async () => {
    const store = createBackupStore(dir)
    const { backup } = (await store.write('x'.repeat(10_000), T0)) as { backup: { file: string; size: number } }
    await fs.truncate(join(dir, backup.file), backup.size - 8)
    expect(await store.read(backup.file)).toEqual({ error: 'This backup is damaged: the compressed file is cut short or corrupted.' })
    const plain = backupFileName(T0 + MINUTE)
    await fs.writeFile(join(dir, plain), '{"format":"recall-backup"}\n')
    expect(await store.read(plain)).toEqual({ content: '{"format":"recall-backup"}\n' })
  })
})
