import { opfsBackups } from '@platform/opfs-backups'
import type { BackupFolder } from '@platform/platform'
import { describe, expect, it } from 'vitest'
import { FakeOpfsFolder } from '../../helpers/fake-opfs'

const MINUTE = 60_000

/** A page whose visibility the test changes, as a browser does when the tab is left. */
class FakePage extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible'
  show(state: DocumentVisibilityState) {
    this.visibilityState = state
    this.dispatchEvent(new Event('visibilitychange'))
  }
}

function browser() {
  let now = Date.UTC(2026, 10, 21, 8, 0, 0)
  const page = new FakePage()
  const root = new FakeOpfsFolder()
  let encoded = 0
  const backups = opfsBackups({ root: async () => root, clock: () => now, page, exclusive: (task) => task() }) as BackupFolder
  return {
    backups,
    page,
    encode: async () => `collection #${++encoded}`,
    advance: (ms: number) => (now += ms),
    /** Lets a backup started by an event (not awaited by anyone) finish. */
    settle: async () => {
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 1))
    }
  }
}

describe('opfsBackups', () => {
  it('is absent where the browser has no Origin Private File System', () => {
    expect(opfsBackups()).toBeNull() // Node has no navigator.storage.getDirectory
  })

  it('backs up on study, on Back up now and lists and reads them, as the desktop does', async () => {
    const { backups, encode, advance } = browser()
    backups.answerRequests(encode)
    expect(await backups.noteStudyActivity()).toMatchObject({
      status: 'written',
      backup: { file: 'recall-2026-11-21T08-00-00Z.recall-backup' }
    })
    advance(MINUTE)
    expect(await backups.noteStudyActivity()).toEqual({ status: 'skipped', reason: 'recent' })
    expect(await backups.backupNow()).toMatchObject({ status: 'written', pruned: [] })
    expect((await backups.list()).map((b) => b.file)).toEqual([
      'recall-2026-11-21T08-01-00Z.recall-backup',
      'recall-2026-11-21T08-00-00Z.recall-backup'
    ])
    expect(await backups.read('recall-2026-11-21T08-01-00Z.recall-backup')).toEqual({ content: 'collection #2' })
  })

  it('fails with a message, not an exception, before the page hands over its encoder', async () => {
    const { backups } = browser()
    expect(await backups.backupNow()).toEqual({
      status: 'failed',
      message: 'The collection could not be read for the backup (the page has not opened the collection yet).'
    })
  })

  it('backs up when the tab is hidden after a change, and stops listening when asked', async () => {
    const { backups, page, encode, advance, settle } = browser()
    const stop = backups.answerRequests(encode)
    await backups.noteStudyActivity()
    advance(10 * MINUTE)
    page.show('hidden')
    await settle()
    expect(await backups.list()).toHaveLength(1) // nothing changed since the backup

    await backups.noteStudyActivity()
    page.show('visible')
    await settle()
    expect(await backups.list()).toHaveLength(1)
    page.show('hidden')
    await settle()
    expect((await backups.list()).map((b) => b.file)[0]).toBe('recall-2026-11-21T08-10-00Z.recall-backup')

    stop()
    await backups.noteStudyActivity()
    advance(10 * MINUTE)
    page.show('hidden')
    await settle()
    expect(await backups.list()).toHaveLength(2)
  })
})
