import type { Page, Route } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, readReviewLog, type Profile } from './browser'

const DECK = /^Study AWS ML: pipeline stage → services/

async function headerCounts(page: Page) {
  return (await page.getByTestId('counts').first().innerText()).replace(/\s+/g, ' ')
}
const question = (page: Page) => page.getByTestId('question').innerText()

describe('study controls by keyboard in the web build', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('undoes grades with Ctrl+Z, buries with -, suspends with @, edits with E', async () => {
    const { page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await page.getByRole('button', { name: DECK }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => headerCounts(page)).toBe('20 0 0')

    // Two grades, then two undos: the first card is back, and the log is empty again.
    const first = await question(page)
    await page.keyboard.press('Space')
    await page.keyboard.press('3')
    await expect.poll(() => question(page)).not.toBe(first)
    const second = await question(page)
    await page.keyboard.press('Space')
    await page.keyboard.press('1')
    await expect.poll(() => headerCounts(page)).toBe('18 2 0')
    await page.keyboard.press('Control+z')
    await expect.poll(() => question(page)).toBe(second)
    await page.keyboard.press('Control+z')
    await expect.poll(() => question(page)).toBe(first)
    await expect.poll(() => headerCounts(page)).toBe('20 0 0')
    expect(await readReviewLog(page)).toEqual([])

    // Bury: the card leaves today's queue, another new card takes its place.
    await page.keyboard.press('-')
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/buried until tomorrow/)
    expect(await question(page)).not.toBe(first)

    // Suspend the next one.
    const suspended = await question(page)
    await page.keyboard.press('@')
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/suspended/)
    expect(await question(page)).not.toBe(suspended)

    // Edit the card on screen; the new text shows at once and survives a reload.
    await page.keyboard.press('e')
    const dialog = page.getByRole('dialog', { name: 'Edit card' })
    // The card is built in: the dialog says the edit outlives the deck's updates.
    await dialog.getByText(/^This card is from a built-in deck: your edit is kept when the deck updates/).waitFor()
    await dialog.getByLabel('Front').fill('Which chip trains models? (edited)')
    await dialog.getByLabel('Front').press('Control+Enter')
    await expect.poll(() => question(page)).toBe('Which chip trains models? (edited)')

    await page.reload()
    await page.getByRole('button', { name: DECK }).click()
    await expect.poll(() => headerCounts(page)).toBe('20 0 0')
    const seen: string[] = []
    for (let i = 0; i < 20; i++) {
      // A question in Markdown is drawn once the pipeline is in; Space waits for it, as a reader does.
      await expect.poll(() => question(page)).not.toBe('')
      seen.push(await question(page))
      await page.keyboard.press('Space')
      await page.keyboard.press('4')
      await expect.poll(async () => (await page.getByTestId('done').count()) > 0 || (await question(page)) !== seen.at(-1)).toBe(true)
      if ((await page.getByTestId('done').count()) > 0) break
    }
    expect(seen).toContain('Which chip trains models? (edited)')
    expect(seen).not.toContain(first)
    expect(seen).not.toContain(suspended)
  })

  it('does not show an answer under a question still waiting for its Markdown to be drawn', async () => {
    const { page } = await profile.open()
    // The Markdown pipeline is held back, as on a slow disk right after a start.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(/card-markdown-[\w-]+\.js$/, async (route: Route) => {
      await held
      await route.continue()
    })
    await page.goto(inject('baseUrl'))
    await page.getByRole('button', { name: DECK }).click()
    await page.getByTestId('question').waitFor()
    const showAnswer = page.getByRole('button', { name: /^Show answer/ })
    // Plain questions are drawn without the pipeline; study on until one needs it ("&" is Markdown).
    for (let i = 0; i < 20 && (await question(page)) !== ''; i++) {
      const before = await question(page)
      await page.keyboard.press('Space')
      await page.getByTestId('answer').waitFor()
      await page.keyboard.press('3')
      await expect.poll(async () => (await page.getByTestId('done').count()) > 0 || (await question(page)) !== before).toBe(true)
    }
    expect(await question(page)).toBe('')
    expect(await page.getByTestId('question').locator('[aria-busy="true"]').count()).toBe(1)
    expect(await showAnswer.isDisabled()).toBe(true)
    // Space is held, not lost: the answer comes with the question, never under an empty one.
    await page.keyboard.press('Space')
    await page.waitForTimeout(300)
    expect(await page.getByTestId('answer').count()).toBe(0)
    await showAnswer.click({ force: true })
    expect(await page.getByTestId('answer').count()).toBe(0)

    release()
    await page.getByTestId('answer').waitFor()
    expect(await question(page)).toMatch(/&/)
    // Held once: the next Space is the grade it always is (Good), and the next card comes.
    await page.keyboard.press('Space')
    await expect.poll(() => question(page)).not.toMatch(/&/)
  })
})
