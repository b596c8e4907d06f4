import { createAutoBackup, type AutoBackup, type AutoBackupOptions } from '@shared/backup/auto-backup'
import type { BackupStore } from '@shared/backup/backup-store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BACKUP_STORES, type StoreUnderTest } from '../../helpers/backup-stores'

const MINUTE = 60_000

describe.each(BACKUP_STORES)('createAutoBackup on the $platform', ({ open }) => {
  let folder: StoreUnderTest
  let store: BackupStore
  let now: number
  let reads: number
  beforeEach(async () => {
    folder = await open()
    store = folder.store
    now = Date.UTC(2026, 10, 21, 8, 0, 0)
    reads = 0
  })
  afterEach(() => folder.dispose())

  const clock = () => now
  const getContent = async () => `collection read #${++reads} at ${new Date(now).toISOString()}`
  const auto = (extra: Partial<AutoBackupOptions> = {}) => createAutoBackup({ store, clock, getContent, ...extra })
  const files = async () => (await store.list()).map((b) => b.file)

  it('backs up on study at most once every 30 minutes', async () => {
    const backups = auto()
    expect(await backups.onStudyActivity()).toMatchObject({
      status: 'written',
      backup: { file: 'recall-2026-11-21T08-00-00Z.recall-backup' }
    })
    now += 10 * MINUTE
    expect(await backups.onStudyActivity()).toEqual({ status: 'skipped', reason: 'recent' })
    now += 19 * MINUTE
    expect(await backups.onStudyActivity()).toEqual({ status: 'skipped', reason: 'recent' })
    now += 1 * MINUTE
    expect(await backups.onStudyActivity()).toMatchObject({ status: 'written' })
    expect(await files()).toEqual(['recall-2026-11-21T08-30-00Z.recall-backup', 'recall-2026-11-21T08-00-00Z.recall-backup'])
    expect(reads).toBe(2) // the collection is only read when a backup is written
  })

  it('never names two backups for the same second: the safety backup before a restore must not replace the backup restored', async () => {
    const backups = auto()
    now += 200
    const chosen = await backups.backupNow()
    now += 300 // the person studied and pressed Restore within the same second
    const safety = await backups.backupNow()
    expect(chosen).toMatchObject({ status: 'written', backup: { file: 'recall-2026-11-21T08-00-00Z.recall-backup' } })
    expect(safety).toMatchObject({ status: 'written', backup: { file: 'recall-2026-11-21T08-00-01Z.recall-backup' } })
    expect(await files()).toEqual(['recall-2026-11-21T08-00-01Z.recall-backup', 'recall-2026-11-21T08-00-00Z.recall-backup'])
    expect(await folder.store.read('recall-2026-11-21T08-00-00Z.recall-backup')).toEqual({ content: expect.stringContaining('#1') })
  })

  it('counts a backup left by the previous run', async () => {
    await store.write('from yesterday evening', now - 10 * MINUTE)
    const backups = auto()
    expect(await backups.onStudyActivity()).toEqual({ status: 'skipped', reason: 'recent' })
    now += 20 * MINUTE
    expect(await backups.onStudyActivity()).toMatchObject({ status: 'written' })
  })

  it('does not wait for a backup dated in the future (the clock was set back)', async () => {
    await store.write('written while the clock was wrong', now + 24 * 60 * MINUTE)
    expect(await auto().onStudyActivity()).toMatchObject({
      status: 'written',
      backup: { file: 'recall-2026-11-21T08-00-00Z.recall-backup' }
    })
  })

  it('backs up on quit only when something changed since the last backup', async () => {
    const backups = auto()
    expect(await backups.onQuit()).toEqual({ status: 'skipped', reason: 'unchanged' })
    await backups.onStudyActivity()
    now += 5 * MINUTE
    expect(await backups.onQuit()).toEqual({ status: 'skipped', reason: 'unchanged' })
    expect(await backups.onStudyActivity()).toEqual({ status: 'skipped', reason: 'recent' })
    now += 1 * MINUTE
    expect(await backups.onQuit()).toMatchObject({ status: 'written', backup: { file: 'recall-2026-11-21T08-06-00Z.recall-backup' } })
    expect(await store.read('recall-2026-11-21T08-06-00Z.recall-backup')).toEqual({
      content: 'collection read #2 at 2026-11-21T08:06:00.000Z'
    })
  })

  it('backs up when the page is left only if something changed, and not within 5 minutes of the last backup', async () => {
    const backups = auto()
    expect(await backups.onLeave()).toEqual({ status: 'skipped', reason: 'unchanged' })
    await backups.onStudyActivity()
    now += 2 * MINUTE
    expect(await backups.onStudyActivity()).toEqual({ status: 'skipped', reason: 'recent' })
    expect(await backups.onLeave()).toEqual({ status: 'skipped', reason: 'recent' })
    now += 3 * MINUTE
    expect(await backups.onLeave()).toMatchObject({ status: 'written', backup: { file: 'recall-2026-11-21T08-05-00Z.recall-backup' } })
    now += 10 * MINUTE
    expect(await backups.onLeave()).toEqual({ status: 'skipped', reason: 'unchanged' })
    expect(await files()).toHaveLength(2)
  })

  it('writes on "back up now" whatever the interval', async () => {
    const backups = auto()
    await backups.backupNow()
    now += 1 * MINUTE
    expect(await backups.backupNow()).toMatchObject({ status: 'written' })
    expect(await files()).toHaveLength(2)
  })

  it('never runs two writes at once, and a burst of study yields one backup', async () => {
    let reading = 0
    let mostAtOnce = 0
    const slowContent = async () => {
      mostAtOnce = Math.max(mostAtOnce, ++reading)
      await new Promise((resolve) => setTimeout(resolve, 20))
      reading--
      return getContent()
    }
    const backups = auto({ getContent: slowContent })
    const outcomes = await Promise.all([
      backups.onStudyActivity(),
      backups.onStudyActivity(),
      backups.backupNow(),
      backups.onStudyActivity(),
      backups.onQuit()
    ])
    // Every change came before the writes read the collection, so quitting has nothing new to save.
    expect(outcomes.map((o) => o.status)).toEqual(['written', 'skipped', 'written', 'skipped', 'skipped'])
    expect(mostAtOnce).toBe(1)
    expect(reads).toBe(2)
  })

  it('backs up on quit a change made while a backup was being written', async () => {
    let reviewed = false
    const backups: AutoBackup = auto({
      getContent: async () => {
        // A review lands while the collection is being read (once, so a broken queue cannot loop).
        if (!reviewed) void backups.onStudyActivity()
        reviewed = true
        return getContent()
      }
    })
    expect(await backups.onStudyActivity()).toMatchObject({ status: 'written' })
    expect(await backups.onQuit()).toMatchObject({ status: 'written' })
  })

  it('reports a failure, retries five minutes later rather than on every card, and still backs up on quit', async () => {
    let broken = true
    const backups = auto({ getContent: async () => (broken ? Promise.reject(new Error('the window is gone')) : getContent()) })
    expect(await backups.onStudyActivity()).toEqual({
      status: 'failed',
      message: 'The collection could not be read for the backup (the window is gone).'
    })
    now += 1 * MINUTE
    expect(await backups.onStudyActivity()).toEqual({ status: 'skipped', reason: 'recent' })
    broken = false
    now += 4 * MINUTE
    expect(await backups.onStudyActivity()).toMatchObject({ status: 'written' })

    broken = true
    now += 40 * MINUTE
    expect(await backups.onStudyActivity()).toMatchObject({ status: 'failed' })
    broken = false
    expect(await backups.onQuit()).toMatchObject({ status: 'written' })
    expect(await files()).toHaveLength(2)
  })

  it('prunes after each backup and says what went', async () => {
    await store.write('two days ago, evening', now - 36 * 60 * MINUTE)
    await store.write('two days ago, morning', now - 48 * 60 * MINUTE)
    await store.write('an hour ago', now - 60 * MINUTE)
    const outcome = await auto().onStudyActivity()
    expect(outcome).toMatchObject({ status: 'written', pruned: ['recall-2026-11-19T08-00-00Z.recall-backup'] })
    expect(await files()).toEqual([
      'recall-2026-11-21T08-00-00Z.recall-backup',
      'recall-2026-11-21T07-00-00Z.recall-backup',
      'recall-2026-11-19T20-00-00Z.recall-backup'
    ])
  })
})
