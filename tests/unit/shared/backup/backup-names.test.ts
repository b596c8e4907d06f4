import { backupDateFromName, backupFileName, isTempName } from '@shared/backup/backup-names'
import { describe, expect, it } from 'vitest'

const T0 = Date.UTC(2026, 10, 21, 8, 33, 0)

describe('backup names', () => {
  it('carry the UTC time to the second and sort by it', () => {
    expect(backupFileName(T0 + 999)).toBe('recall-2026-11-21T08-33-00Z.recall-backup')
    expect(backupDateFromName('recall-2026-11-21T08-33-00Z.recall-backup')).toBe(T0)
    expect(backupDateFromName('recall-2026-02-30T08-33-00Z.recall-backup')).toBeNull()
    expect(backupDateFromName('.recall-backup-1234.tmp')).toBeNull()
    const times = [Date.UTC(2025, 11, 31, 23, 59, 59), Date.UTC(2026, 0, 1), Date.UTC(2026, 9, 2, 3)]
    expect(times.map(backupFileName).sort()).toEqual(times.map(backupFileName))
  })

  it('keep temporary files apart from backups', () => {
    expect(isTempName('.recall-backup-3f0c.tmp')).toBe(true)
    expect(isTempName(backupFileName(T0))).toBe(false)
  })
})
