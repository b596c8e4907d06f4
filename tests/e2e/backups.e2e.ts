import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, readReviewLog, type Profile } from './browser'

const DECK = 'AWS ML: service → purpose'
const DAY = 86_400_000

async function deckCounts(page: Page): Promise<string> {
  const row = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: new RegExp(`^Study ${DECK}`) }) })
  return (await row.getByTestId('counts').innerText()).replace(/\s+/g, ' ')
}

/** Grades `count` cards Good from the deck list, and goes back to it. */
async function studyGood(page: Page, count: number): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Study ${DECK}`) }).click()
  for (let i = 0; i < count; i++) {
    const question = await page.getByTestId('question').innerText()
    await page.keyboard.press('Space')
    await expect.poll(() => page.getByTestId('answer').count()).toBe(1)
    await page.keyboard.press('3')
    await expect.poll(async () => (await page.getByTestId('question').innerText()) !== question).toBe(true)
  }
  await page.keyboard.press('Escape')
}

/** Every name in OPFS `backups/`, read behind the app's back. */
function backupFolder(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory()
    const dir = await root.getDirectoryHandle('backups').catch(() => null)
    const names: string[] = []
    if (dir) for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name)
    return names.sort()
  })
}

/** Puts a gzip file (or a leftover temporary one) into OPFS `backups/`, as an earlier visit left it. */
function layDown(page: Page, name: string, text: string): Promise<void> {
  return page.evaluate(
    async ([name, text]) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('backups', { create: true })
      const writable = await (await dir.getFileHandle(name, { create: true })).createWritable()
      await new Blob([text]).stream().pipeThrough(new CompressionStream('gzip')).pipeTo(writable)
    },
    [name, text] as const
  )
}

const backupName = (date: number) => `recall-${new Date(date).toISOString().slice(0, 19).replaceAll(':', '-')}Z.recall-backup`

/**
 * The deck's new cards. Its learning count is left out: a card answered Good waits ten minutes,
 * and from ten to four in the morning that is after the study day ends, so it is not counted today.
 */
const newCount = async (page: Page) => (await deckCounts(page)).split(' ')[0]

describe('automatic backups in the browser (OPFS)', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile?.remove()
  })

  it('backs up now, lists the backup, restores it after more study, and thins old backups', async () => {
    const { context, page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await expect.poll(() => deckCounts(page)).toBe('20 0 0')

    // Backups of an earlier visit: two on one day ten days ago (only the later one is kept), and
    // the leftover of a write a closed tab never finished.
    const tenDaysAgo = Math.floor((Date.now() - 10 * DAY) / DAY) * DAY
    const morning = backupName(tenDaysAgo + 8 * 3_600_000)
    const evening = backupName(tenDaysAgo + 20 * 3_600_000)
    await layDown(page, morning, 'an old backup')
    await layDown(page, evening, 'a later old backup')
    await layDown(page, '.recall-backup-5d1e.tmp', 'half')

    await studyGood(page, 3)
    await expect.poll(() => newCount(page)).toBe('17')
    const logAtBackup = await readReviewLog(page)
    expect(logAtBackup).toHaveLength(3)

    await page.getByRole('button', { name: 'Backups…' }).click()
    const dialog = page.getByTestId('backups')
    expect(await dialog.innerText()).toMatch(/backs up your whole collection in this browser every 30 minutes/)
    expect(await dialog.innerText()).toMatch(/Clearing this site's data deletes them too/)
    await dialog.getByRole('button', { name: 'Back up now' }).click()
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe('Backup written.')

    // The new backup heads the list; the rotation dropped the older of the two old ones and the leftover.
    const restoreButtons = dialog.getByRole('button', { name: /^Restore the backup of / })
    await expect.poll(() => restoreButtons.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    const newest = (await restoreButtons.first().getAttribute('aria-label'))!
    const names = await backupFolder(page)
    expect(names).toContain(evening)
    expect(names).not.toContain(morning)
    expect(names.filter((n) => !/^recall-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.recall-backup$/.test(n))).toEqual([])
    expect(await restoreButtons.count()).toBe(names.length)
    await dialog.getByRole('button', { name: 'Close' }).click()

    // More study after the backup, then back to it.
    await studyGood(page, 2)
    await expect.poll(() => newCount(page)).toBe('15')
    expect(await readReviewLog(page)).toHaveLength(5)

    await page.getByRole('button', { name: 'Backups…' }).click()
    await dialog.getByRole('button', { name: newest }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Confirm restore' })
    expect(await confirm.innerText()).toMatch(/Recall first backs up the collection as it is now/)
    await confirm.getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 30_000 }).toMatch(/^Restored the automatic backup of /)
    // The safety backup of the five reviews is listed above the one restored.
    // The list is read again after the restore's own work (reload of the decks, a new journal epoch): on a loaded machine that takes seconds.
    await expect.poll(() => restoreButtons.count(), { timeout: 15_000 }).toBe(names.length + 1)
    await dialog.getByRole('button', { name: 'Close' }).click()

    await expect.poll(() => newCount(page)).toBe('17')
    expect(await readReviewLog(page)).toEqual(logAtBackup)

    // Still there after a reload, in the browser's own storage.
    await page.reload()
    await expect.poll(() => newCount(page)).toBe('17')
    expect(await backupFolder(page)).toHaveLength(names.length + 1)
    await context.close()
  })
})
