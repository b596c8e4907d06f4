import { createAutoBackup } from '@shared/backup/auto-backup'
import { backupFileName } from '@shared/backup/backup-names'
import { backupsToDelete } from '@shared/backup/retention'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BACKUP_STORES, type StoreUnderTest } from '../../helpers/backup-stores'

const at = (isoDateTime: string) => Date.parse(`${isoDateTime}Z`)
const DAY = 86_400_000
const days = (list: { date: number }[]) => list.map((b) => new Date(b.date).toISOString().slice(0, 16))

describe.each(BACKUP_STORES)('pruning a year of backups on the $platform', ({ open }) => {
  let folder: StoreUnderTest
  beforeEach(async () => {
    folder = await open()
  })
  afterEach(() => folder.dispose())

  it('keeps the last day, then 12 earlier days, then the newest of 10 earlier weeks, then of 9 earlier months', async () => {
    const { store } = folder
    const last = at('2026-11-21T08:00')
    // Laid down directly (compressed, as the store writes them): this test is about what pruning keeps.
    for (let i = 364; i >= 0; i--) await folder.layDown(backupFileName(last - i * DAY), gzipSync(`day ${i}`))

    const deleted = await store.prune(last + 3_600_000)
    const kept = await store.list()
    expect(deleted).toHaveLength(365 - 32)
    expect(days(kept).map((d) => d.slice(0, 10))).toEqual([
      // the last 24 hours
      '2026-11-21',
      // daily
      '2026-11-20',
      '2026-11-19',
      '2026-11-18',
      '2026-11-17',
      '2026-11-16',
      '2026-11-15',
      '2026-11-14',
      '2026-11-13',
      '2026-11-12',
      '2026-11-11',
      '2026-11-10',
      '2026-11-09',
      // weekly: the Sunday ending each earlier (Monday to Sunday) week
      '2026-11-08',
      '2026-11-01',
      '2026-10-25',
      '2026-10-18',
      '2026-10-11',
      '2026-10-04',
      '2026-09-27',
      '2026-09-20',
      '2026-09-13',
      '2026-09-06',
      // monthly: the last day of each month before September
      '2026-08-31',
      '2026-07-31',
      '2026-06-30',
      '2026-05-31',
      '2026-04-30',
      '2026-03-31',
      '2026-02-28',
      '2026-01-31',
      '2025-12-31'
    ])
    expect(await folder.names()).toHaveLength(32)
    expect(await store.read(kept[31]!.file)).toEqual({ content: 'day 325' })
  })

  it('reaches the same shape when pruned after every backup, as the app does', async () => {
    let now = at('2025-11-22T08:00')
    const { store } = folder
    const auto = createAutoBackup({ store, clock: () => now, getContent: async () => `at ${now}` })
    for (let day = 0; day < 365; day++) {
      // A morning and an evening backup in the last two weeks; evenings only before.
      for (const hour of day >= 351 ? [8, 20] : [20]) {
        now = at('2025-11-22T00:00') + day * DAY + hour * 3_600_000
        expect(await auto.backupNow()).toMatchObject({ status: 'written' })
      }
    }
    const kept = days(await store.list())
    expect(kept).toHaveLength(33)
    expect(kept.slice(0, 2)).toEqual(['2026-11-21T20:00', '2026-11-21T08:00'])
    // 2026-11-20T08:00 went: it is more than a day old and not the newest of its day.
    expect(kept.slice(2, 14)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-11-${String(20 - i).padStart(2, '0')}T20:00`))
    expect(kept.slice(14, 24).map((d) => d.slice(0, 10))).toEqual([
      '2026-11-08',
      '2026-11-01',
      '2026-10-25',
      '2026-10-18',
      '2026-10-11',
      '2026-10-04',
      '2026-09-27',
      '2026-09-20',
      '2026-09-13',
      '2026-09-06'
    ])
    // Pruned as it goes, a month keeps its last Sunday: its final days went with the week they share with the next month.
    expect(kept.slice(24).map((d) => d.slice(0, 10))).toEqual([
      '2026-08-30',
      '2026-07-26',
      '2026-06-28',
      '2026-05-31',
      '2026-04-26',
      '2026-03-29',
      '2026-02-22',
      '2026-01-25',
      '2025-12-28'
    ])
  }, 60_000) // some 380 real, fsync'd writes
})

describe('backupsToDelete', () => {
  const b = (iso: string) => ({ date: at(iso), name: iso })

  it('keeps every backup of the last 24 hours, then only the newest of each day', () => {
    const backups = [
      b('2026-11-21T08:00'),
      b('2026-11-21T08:30'),
      b('2026-11-20T09:00'),
      b('2026-11-20T21:00'),
      b('2026-11-19T09:00'),
      b('2026-11-19T21:00')
    ]
    expect(backupsToDelete(backups, at('2026-11-21T08:45')).map((x) => x.name)).toEqual(['2026-11-19T09:00'])
    expect(backupsToDelete(backups, at('2026-11-22T12:00')).map((x) => x.name)).toEqual([
      '2026-11-21T08:00',
      '2026-11-20T09:00',
      '2026-11-19T09:00'
    ])
  })

  it('never deletes the newest backup, even with no slots at all', () => {
    const backups = [b('2026-01-01T00:00'), b('2026-03-01T00:00'), b('2026-02-01T00:00')]
    expect(backupsToDelete(backups, at('2026-03-02T00:00'), { recentMs: 0, daily: 0, weekly: 0, monthly: 0 }).map((x) => x.name)).toEqual([
      '2026-02-01T00:00',
      '2026-01-01T00:00'
    ])
  })

  it('keeps backups dated after now without letting them take a slot', () => {
    const backups = [b('2027-05-01T00:00'), b('2026-11-21T08:00'), b('2026-11-20T08:00')]
    expect(backupsToDelete(backups, at('2026-11-21T09:00'), { recentMs: 0, daily: 2, weekly: 0, monthly: 0 })).toEqual([])
  })
})
