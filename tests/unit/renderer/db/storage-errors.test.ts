import { classifyStorageError, describeStorageError } from '@db/storage-errors'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'

const dom = (name: string, message = '') => new DOMException(message, name)

describe('describeStorageError', () => {
  it('names a full disk or quota, however deep Dexie wrapped it', () => {
    for (const error of [
      dom('QuotaExceededError'),
      new Dexie.QuotaExceededError(),
      new Dexie.AbortError('Transaction aborted', dom('QuotaExceededError'))
    ]) {
      expect(classifyStorageError(error)).toBe('full')
      expect(describeStorageError(error)).toMatch(
        /disk is full, or the browser's storage limit for Recall is reached\. Free some disk space, then try again\./
      )
    }
  })

  it('finds the cause of a failed bulk write in its first failure', () => {
    expect(classifyStorageError(new Dexie.BulkError('1 of 3 operations failed', { 0: dom('QuotaExceededError') }))).toBe('full')
  })

  it('tells a closed collection, a lost connection, a cancelled save and an internal storage error apart', () => {
    expect(describeStorageError(new Dexie.DatabaseClosedError())).toMatch(/^The collection was closed.*Reload Recall/)
    expect(
      describeStorageError(
        dom('InvalidStateError', "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.")
      )
    ).toMatch(/^The connection to the collection was lost/)
    expect(describeStorageError(new Dexie.AbortError())).toMatch(/^The browser cancelled the save/)
    expect(describeStorageError(new Dexie.AbortError('aborted', new Dexie.UnknownError('Internal error committing transaction')))).toMatch(
      /internal error, which usually means the disk is full or failing/
    )
    expect(describeStorageError(new Dexie.MissingAPIError('IndexedDB API missing'))).toMatch(/IndexedDB is unavailable/)
  })

  it('says that opening failed, with the reason, when a write finds the collection could not be opened', () => {
    const error = new Dexie.DatabaseClosedError(new Error('the disk went away'))
    expect(classifyStorageError(error)).toBe('not-open')
    expect(describeStorageError(error)).toBe('Recall could not open your collection (the disk went away). Reload Recall to try again.')
  })

  it('keeps the message of anything else, and copes with values that are not errors', () => {
    expect(describeStorageError(new Error('boom'))).toBe('Something unexpected went wrong (boom). Try again.')
    expect(describeStorageError('boom')).toBe('Something unexpected went wrong (boom). Try again.')
    expect(describeStorageError(undefined)).toBe('Something unexpected went wrong (undefined). Try again.')
  })

  it('describes the real error of a write to a closed Dexie database', async () => {
    const db = freshDatabase()
    await db.open()
    db.close()
    const error = await db.settings.put({ key: 'dayStartsAtHour', value: 4 }).catch((e: unknown) => e)
    expect(classifyStorageError(error)).toBe('closed')
  })
})
