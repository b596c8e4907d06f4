import { describe, expect, it } from 'vitest'
import type { Backup } from '../../../../src/shared/backup/backup-types'
import { restoreProblem } from '../../../../src/shared/backup/restore-check'

const target = { schemaVersion: 2, tableNames: ['decks', 'cards', 'reviews'] }
const backup = (schemaVersion: number, tables: string[]): Backup => ({
  createdAt: 0,
  appVersion: '0.3.0',
  schemaVersion,
  tables: Object.fromEntries(tables.map((t) => [t, []]))
})

describe('restoreProblem', () => {
  it('lets a backup with the same database version and the same tables replace the collection', () => {
    expect(restoreProblem(backup(2, ['reviews', 'cards', 'decks']), target)).toBeNull()
  })

  it('refuses backups from other database versions, saying what to do', () => {
    expect(restoreProblem(backup(3, ['decks', 'cards', 'reviews']), target)).toBe(
      'This backup was made by a newer version of Recall (0.3.0, database version 3; this Recall uses version 2). Update Recall to restore it.'
    )
    expect(restoreProblem(backup(1, ['decks', 'cards', 'reviews']), target)).toMatch(/older version of Recall \(database version 1/)
  })

  it('refuses a backup that would leave a table empty or bring one this Recall does not know', () => {
    expect(restoreProblem(backup(2, ['decks', 'cards']), target)).toBe('This backup is incomplete: it has no reviews, so restoring it would lose them.')
    expect(restoreProblem(backup(2, ['decks', 'cards', 'reviews', 'tags']), target)).toMatch(/does not know \(tags\)/)
  })
})
