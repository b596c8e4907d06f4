import type { Backup } from '@shared/backup/backup-types'
import { restoreProblem } from '@shared/backup/restore-check'
import { describe, expect, it } from 'vitest'

// A database at version 3: v2 added presets, v3 added exams and a cache.
const target = {
  schemaVersion: 3,
  tablesAddedIn: { decks: 1, cards: 1, reviews: 1, presets: 2, exams: 3, rollup: 3 },
  derivedTables: ['rollup']
}
const backup = (schemaVersion: number, tables: string[]): Backup => ({
  createdAt: 0,
  appVersion: '0.3.0',
  schemaVersion,
  tables: Object.fromEntries(tables.map((t) => [t, []]))
})

describe('restoreProblem', () => {
  it('lets a backup with the same database version and its tables replace the collection, caches or not', () => {
    expect(restoreProblem(backup(3, ['reviews', 'exams', 'cards', 'presets', 'decks']), target)).toBeNull()
    expect(restoreProblem(backup(3, ['reviews', 'exams', 'cards', 'presets', 'decks', 'rollup']), target)).toBeNull()
  })

  it('accepts backups of older database versions that hold every table their version had', () => {
    expect(restoreProblem(backup(1, ['decks', 'cards', 'reviews']), target)).toBeNull()
    expect(restoreProblem(backup(2, ['decks', 'cards', 'reviews', 'presets']), target)).toBeNull()
  })

  it('refuses a backup from a newer database version, saying what to do', () => {
    expect(restoreProblem(backup(4, ['decks', 'cards', 'reviews', 'presets', 'exams']), target)).toBe(
      'This backup was made by a newer version of Recall (0.3.0, database version 4; this Recall uses version 3). Update Recall to restore it.'
    )
  })

  it('refuses a database version no Recall had', () => {
    expect(restoreProblem(backup(0, []), target)).toMatch(/database version 0, which no version of Recall used/)
  })

  it('refuses a backup that lacks a table its version had, whatever the version', () => {
    expect(restoreProblem(backup(3, ['decks', 'cards', 'reviews', 'presets']), target)).toBe(
      'This backup is incomplete: it has no exams, so restoring it would lose them.'
    )
    expect(restoreProblem(backup(2, ['decks', 'cards', 'reviews']), target)).toBe(
      'This backup is incomplete: it has no presets, so restoring it would lose them.'
    )
    expect(restoreProblem(backup(1, ['decks', 'cards']), target)).toBe(
      'This backup is incomplete: it has no reviews, so restoring it would lose them.'
    )
  })

  it('refuses a table this Recall does not know, or one its version did not have yet', () => {
    expect(restoreProblem(backup(3, ['decks', 'cards', 'reviews', 'presets', 'exams', 'tags']), target)).toMatch(/does not know \(tags\)/)
    expect(restoreProblem(backup(1, ['decks', 'cards', 'reviews', 'exams']), target)).toMatch(/does not know \(exams\)/)
  })
})
