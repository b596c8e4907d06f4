import type { CDPSession, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, readReviewLog, type Profile } from './browser'

const DECK = 'AWS ML: service → purpose'

async function usage(cdp: CDPSession, origin: string): Promise<number> {
  const reply = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number }
  return reply.usage
}

async function showAnswerAndGrade(page: Page, key: string) {
  if ((await page.getByTestId('answer').count()) === 0) await page.keyboard.press('Space')
  await page.getByTestId('answer').waitFor()
  await page.keyboard.press(key)
}

describe('a full disk while studying', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile?.remove()
  })

  it('says the answer was not saved, keeps it on screen, and saves it on retry once there is room again', async () => {
    const { context, page } = await profile.open()
    const base = inject('baseUrl')
    const origin = new URL(base).origin
    await page.goto(base)
    await page.getByRole('button', { name: new RegExp(`^Study ${DECK}`) }).waitFor()

    // Chromium checks quota against a figure it caches while the origin's IndexedDB is open, so
    // the origin's last connection closes (Chromium keeps the store ~2 s more) before the quota
    // shrinks to just above what is stored: the next grade cannot fit.
    // Usage is read once it has settled: the first start writes a dozen decks, and Chromium's
    // LevelDB compacts them for a while after, which can still free room for a grade on a busy
    // machine. Then that grade is saved, and the disk is filled again before the next one.
    const cdp = await context.newCDPSession(page)
    async function fillDiskAndStudy() {
      await page.goto(new URL('decks/library.json', base).href)
      await page.waitForTimeout(3_000)
      let settled = await usage(cdp, origin)
      for (let i = 0; i < 30; i++) {
        await page.waitForTimeout(1_000)
        const now = await usage(cdp, origin)
        if (now === settled) break
        settled = now
      }
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: settled + 1_024 })
      await page.goto(base)
      await page.getByRole('button', { name: new RegExp(`^Study ${DECK}`) }).click()
    }

    const alert = page.getByRole('alert')
    let savedBeforeFull = 0
    let question: string
    for (;;) {
      await fillDiskAndStudy()
      question = await page.getByTestId('question').innerText()
      await showAnswerAndGrade(page, '3')
      let outcome = 'pending'
      await expect
        .poll(async () => {
          if ((await alert.count()) > 0) outcome = 'refused'
          else if ((await page.getByTestId('answer').count()) === 0) outcome = 'saved'
          return outcome
        })
        .not.toBe('pending')
      if (outcome === 'refused') break
      savedBeforeFull++
      expect(savedBeforeFull, 'the quota override never took effect').toBeLessThan(3)
    }
    expect(await alert.innerText()).toMatch(/not saved/)
    expect(await alert.innerText()).toMatch(/full|QuotaExceeded/)
    // The card stays, answer shown, so the same grade is one key away.
    expect(await page.getByTestId('question').innerText()).toBe(question)
    expect(await page.getByTestId('answer').count()).toBe(1)
    expect(await readReviewLog(page)).toHaveLength(savedBeforeFull)

    await cdp.send('Storage.overrideQuotaForOrigin', { origin })
    await page.keyboard.press('3')
    await expect.poll(() => page.getByTestId('answer').count()).toBe(0)
    expect(await page.getByTestId('question').innerText()).not.toBe(question)
    expect(await alert.count()).toBe(0)
    await showAnswerAndGrade(page, '4')
    await expect.poll(() => page.getByTestId('answer').count()).toBe(0)

    const log = await readReviewLog(page)
    expect(log.map((r) => r.rating)).toEqual([...Array<number>(savedBeforeFull + 1).fill(3), 4])
    if (savedBeforeFull === 0) expect(log[0]?.cardKey).toBe('aws-ml-services/bedrock')
    await context.close()
  })
})
