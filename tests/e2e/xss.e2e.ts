import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { XSS_PAYLOADS, xssDeckJson } from '../fixtures/xss/payloads'
import { importThroughDialog, newProfile, type Profile } from './browser'

describe('a deck of XSS payloads in the web build', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('imports and studies every payload, and none of them runs, loads or navigates', async () => {
    const { page } = await profile.open()
    const dialogs: string[] = []
    const remote: string[] = []
    const navigations: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(inject('baseUrl'))) return route.continue()
      remote.push(url)
      return route.abort()
    })
    // Any payload that runs sets window.__xss; the setter records it even if the value is reset.
    await page.addInitScript(() => {
      const hits: unknown[] = []
      Object.defineProperty(window, '__xss', { configurable: false, get: () => hits, set: (v) => hits.push(v) })
    })
    await page.goto(inject('baseUrl'))
    page.on('framenavigated', (frame) => navigations.push(frame.url()))
    await expect.poll(() => page.getByRole('button', { name: /^Study AWS ML/ }).count(), { timeout: 20_000 }).toBe(3) // the three AWS ML decks

    const file = join(profile.dir, 'hostile.json')
    await writeFile(file, xssDeckJson())
    await importThroughDialog(page, file, /^Import \d+ notes?$/)

    await page.getByRole('button', { name: /^Study Hostile deck/ }).click()
    let shown = 0
    const cards = Math.ceil(XSS_PAYLOADS.length / 2) + 1 // and the cloze
    for (let i = 0; i < cards; i++) {
      await expect.poll(() => page.getByTestId('question').count()).toBe(1)
      const text = await page.getByTestId('question').innerText()
      expect(text.startsWith(`Question ${i + 1}:`)).toBe(true)
      await page.keyboard.press('Space')
      await expect.poll(() => page.getByTestId('answer').count()).toBe(1)
      // Links that survive are plain web links opening in a new window; neutralised ones are text.
      for (const link of await page.locator('[data-testid=question] a, [data-testid=answer] a').all()) {
        expect(await link.getAttribute('href')).toMatch(/^https?:\/\//)
        expect(await link.getAttribute('target')).toBe('_blank')
      }
      // Clicking what were links must run nothing and leave the page where it is.
      for (const span of await page.locator('[data-testid=question] span, [data-testid=answer] span').all())
        await span.click({ force: true }).catch(() => undefined)
      shown++
      await page.keyboard.press('4')
      await expect
        .poll(
          async () =>
            (await page.getByTestId('done').count()) > 0 ||
            (await page
              .getByTestId('question')
              .innerText()
              .catch(() => '')) !== text
        )
        .toBe(true)
    }
    await expect.poll(() => page.getByTestId('done').count()).toBe(1)
    await page.waitForTimeout(500)

    expect(shown).toBe(cards)
    expect(await page.evaluate(() => (window as unknown as { __xss: unknown[] }).__xss)).toEqual([])
    expect(dialogs).toEqual([])
    expect(remote).toEqual([])
    expect(navigations.filter((url) => !url.startsWith(inject('baseUrl')))).toEqual([])
    // The payloads are on screen as text, not as elements.
    expect(await page.locator('main script, main iframe, main object, main img, main svg[onload], main form').count()).toBe(0)
  })
})
