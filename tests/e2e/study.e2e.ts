import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, readReviewLog, type Profile } from './browser'

const DECK = 'AWS ML: service → purpose'

async function deckCounts(page: Page): Promise<string> {
  const row = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: new RegExp(`^Study ${DECK}`) }) })
  return (await row.getByTestId('counts').innerText()).replace(/\s+/g, ' ')
}

describe('studying a built-in deck in the web build', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile?.remove()
  })

  it('studies five cards by keyboard, and finds the counts and review log after a reload and a restart', async () => {
    const { context, page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await expect.poll(() => deckCounts(page)).toBe('20 0 0')

    await page.getByRole('button', { name: new RegExp(`^Study ${DECK}`) }).focus()
    await page.keyboard.press('Enter')
    const grades = ['3', '1', '4', '3', '2']
    const questions: string[] = []
    for (const key of grades) {
      const question = await page.getByTestId('question').innerText()
      questions.push(question)
      expect(await page.getByTestId('answer').count()).toBe(0)
      await page.keyboard.press('Space')
      await expect.poll(() => page.getByTestId('answer').count()).toBe(1)
      await page.keyboard.press(key)
      await expect.poll(async () => (await page.getByTestId('question').innerText()) !== question).toBe(true)
    }
    expect(new Set(questions).size).toBe(5)
    expect(questions[0]).toBe('Amazon Bedrock')

    // Good, Again, Easy, Good, Hard on new cards: four stay in learning, Easy graduates.
    const studyCounts = (await page.getByTestId('counts').innerText()).replace(/\s+/g, ' ')
    expect(studyCounts).toBe('15 4 0')
    await page.keyboard.press('Escape')
    await expect.poll(() => deckCounts(page)).toBe('15 4 0')

    const log = await readReviewLog(page)
    expect(log.map((r) => r.rating)).toEqual([3, 1, 4, 3, 2])

    await page.reload()
    await expect.poll(() => deckCounts(page)).toBe('15 4 0')
    expect(await readReviewLog(page)).toEqual(log)
    await context.close()

    const restarted = await profile.open()
    await restarted.page.goto(inject('baseUrl'))
    await expect.poll(() => deckCounts(restarted.page)).toBe('15 4 0')
    expect(await readReviewLog(restarted.page)).toEqual(log)
    await restarted.context.close()
  })

  it('prints the prompt at least as large as the answer, under a named rule, with the grade buttons always in the window', async () => {
    const { context, page } = await profile.open()
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(inject('baseUrl'))
    // Its first dozen cards hold terms, a question and answers of a sentence, a paragraph and a list.
    await page.getByRole('button', { name: /^Study AIF-C01 · 1 Fundamentals of AI and ML/ }).click()
    const fontSize = (testId: string) => page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    const inWindow = (name: RegExp) =>
      page.getByRole('button', { name }).evaluate((el) => {
        const r = el.getBoundingClientRect()
        return r.top >= 0 && r.bottom <= innerHeight
      })
    const sizes = new Set<string>()
    for (let i = 0; i < 12; i++) {
      const question = await page.getByTestId('question').innerText()
      await page.keyboard.press('Space')
      await page.getByTestId('answer').waitFor()
      const [prompt, answer] = [await fontSize('question'), await fontSize('answer')]
      expect(prompt, question).toBeGreaterThanOrEqual(answer)
      sizes.add((await page.getByTestId('question').getAttribute('data-size'))!)
      // The answer is set off by a rule that says so; the prompt stays on screen above it.
      expect(await page.getByRole('article').innerText()).toMatch(/\nANSWER\n/i)
      for (const grade of [/^Again/, /^Hard/, /^Good/, /^Easy/]) expect(await inWindow(grade), question).toBe(true)
      expect(await page.evaluate(() => scrollY)).toBe(0)
      await page.keyboard.press('4')
      await expect.poll(() => page.getByTestId('question').innerText()).not.toBe(question)
    }
    // Short terms are printed largest; a longer question steps down, still above the answer's size.
    expect(sizes.has('short')).toBe(true)
    expect(sizes.size).toBeGreaterThan(1)
    await context.close()
  })

  it('can be studied with the mouse too', async () => {
    const { context, page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await page.getByRole('button', { name: /^Study AWS ML: pipeline stage → services/ }).click()
    await page.getByRole('button', { name: /Show answer/ }).click()
    const good = page.getByRole('button', { name: /^Good 10m/ })
    await good.click()
    await expect.poll(() => page.getByRole('button', { name: /Show answer/ }).count()).toBe(1)
    await page.getByRole('button', { name: 'Back to decks (Esc)' }).click()
    await expect
      .poll(
        async () => (await page.getByRole('button', { name: /^Study AWS ML: pipeline stage → services/ }).getAttribute('aria-label')) ?? ''
      )
      .toMatch(/19 new, 1 learning, 0 to review/)
    await context.close()
  })
})
