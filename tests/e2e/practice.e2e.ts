import { basicNotes } from '../unit/helpers/notes'
import type { Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { blocking, formatViolations, runAxe } from './axe'
import { newProfile, readReviewLog, type Profile } from './browser'

const DECK_IDS = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips']
const decks = DECK_IDS.map((id) => JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as Deck)

/** Text as the page shows it: Markdown markers gone, whitespace (list lines) collapsed. */
const plain = (text: string) =>
  text
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:[-•]|\d+\.)\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

/** Every right answer of every question the decks can ask, in both directions. */
const rightAnswers = new Map<string, Set<string>>()
for (const deck of decks) {
  for (const card of basicNotes(deck)) {
    const pairs = card.reverse
      ? [
          [card.front, card.back],
          [card.back, card.front]
        ]
      : [[card.front, card.back]]
    for (const [question, answer] of pairs) {
      const key = plain(question!)
      rightAnswers.set(key, (rightAnswers.get(key) ?? new Set()).add(plain(answer!)))
    }
  }
}

/** The index of the right option of the question on screen, found from the deck files. */
async function rightOption(page: Page): Promise<number> {
  const question = plain(await page.getByTestId('question').innerText())
  const answers = rightAnswers.get(question)
  expect(answers, `no card asks "${question}"`).toBeDefined()
  const options = (await page.getByTestId('option-text').allInnerTexts()).map(plain)
  const index = options.findIndex((o) => answers!.has(o))
  expect(index, `no option of "${question}" is right: ${options.join(' | ')}`).toBeGreaterThanOrEqual(0)
  return index
}

const cardIdOf = (deck: Deck, question: string) => basicNotes(deck).find((c) => plain(c.front) === plain(question))?.id

/** No serious or critical axe violation on the screen as it is, in light and in dark. */
async function axeClean(page: Page, where: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).toContain(scheme)
    expect(formatViolations(`${scheme} ${where}`, blocking(await runAxe(page)))).toBe('')
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Opens the app and waits for the deck list: until then the first deck takes the focus when it appears. */
async function openApp(page: Page) {
  await page.goto(inject('baseUrl'))
  await page.getByRole('button', { name: /^Study AWS ML: chip → role/ }).waitFor()
}

const practiceNav = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Practice' })

describe('practice in the web build, by keyboard', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('answers today’s cards of a deck as multiple choice and grades them through FSRS', async () => {
    const { page } = await profile.open()
    await openApp(page)
    await practiceNav(page).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Study AWS ML: service → purpose as multiple choice' }).focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('option').first().waitFor()

    const services = decks[0]!
    // Right and Easy, wrong by letter, right and Good, right and Hard, wrong by digit.
    const plan: Array<{ right: boolean; change?: string; rating: number }> = [
      { right: true, change: 'e', rating: 4 },
      { right: false, rating: 1 },
      { right: true, rating: 3 },
      { right: true, change: 'h', rating: 2 },
      { right: false, rating: 1 }
    ]
    const expected: Array<{ cardKey: string; rating: number }> = []
    for (const [i, step] of plan.entries()) {
      const question = await page.getByTestId('question').innerText()
      expect(await page.getByTestId('option').count()).toBe(4)
      const right = await rightOption(page)
      const wrong = (right + 1) % 4
      const key = step.right ? String(right + 1) : i === 1 ? 'ABCD'[wrong]!.toLowerCase() : String(wrong + 1)
      await page.keyboard.press(key)

      // Feedback at once: the right option marked, a wrong pick marked, and what it counts as.
      const feedback = page.getByTestId('feedback')
      await feedback.waitFor()
      expect(await page.locator('[data-testid="option"][data-state="right"]').count()).toBe(1)
      expect(await page.getByTestId('option').nth(right).getAttribute('data-state')).toBe('right')
      if (step.right) {
        expect(await feedback.innerText()).toMatch(/^Right\. Counted as Good/)
      } else {
        expect(await page.getByTestId('option').nth(wrong).getAttribute('data-state')).toBe('wrong')
        expect(await feedback.innerText()).toMatch(/Not this one: counted as Again/)
        expect(await page.getByTestId('answer').innerText()).toMatch(/Your pick is the answer to:/)
      }
      if (step.change) {
        await page.keyboard.press(step.change)
        const name = step.change === 'e' ? /^Easy/ : /^Hard/
        await expect.poll(() => feedback.getByRole('button', { name }).getAttribute('aria-pressed')).toBe('true')
      }
      if (i === 0) await axeClean(page, 'multiple-choice feedback')
      // Nothing is saved until the user moves on.
      expect(await readReviewLog(page)).toEqual(expected)
      await page.keyboard.press('Enter')
      expected.push({ cardKey: `aws-ml-services/${cardIdOf(services, question)}`, rating: step.rating })
      await expect.poll(() => readReviewLog(page)).toEqual(expected)
      await expect.poll(() => page.getByTestId('question').innerText()).not.toBe(question)
    }
    expect(await page.getByRole('status').first().innerText()).toBe('3 of 5 right this session')

    // Back on the Practice screen, the deck's counts show what was studied.
    await page.keyboard.press('Escape')
    const row = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Study AWS ML: service → purpose as multiple choice' }) })
    await expect.poll(async () => (await row.getByTestId('counts').innerText()).replace(/\s+/g, ' ')).toBe('15 4 0')
  })

  it('runs a short timed exam by keyboard to its score, and lists it in the history', async () => {
    const { page } = await profile.open()
    await openApp(page)
    await practiceNav(page).click()
    await axeClean(page, 'practice home')
    const questions = page.getByLabel('Questions', { exact: true })
    await questions.focus()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('5')
    await page.keyboard.press('Enter') // submits the form
    const timer = page.getByRole('timer', { name: 'Time left' })
    await timer.waitFor()
    expect(await timer.innerText()).toMatch(/^2:(10:00|09:5\d)$/)
    await expect.poll(() => timer.innerText(), { timeout: 5_000 }).toMatch(/^2:09:5\d$/)

    // Three right (by digit and by letter), one wrong, one changed from wrong to right after going back.
    const heading = () => page.getByRole('heading', { level: 1 }).innerText()
    const picks: Array<'right' | 'wrong'> = ['right', 'wrong', 'right', 'right', 'wrong']
    for (const [i, pick] of picks.entries()) {
      await expect.poll(heading).toMatch(new RegExp(`^Question ${i + 1} of 5`))
      const right = await rightOption(page)
      const index = pick === 'right' ? right : (right + 1) % 4
      await page.keyboard.press(i % 2 === 0 ? String(index + 1) : 'abcd'[index]!)
      await expect.poll(() => page.getByTestId('option').nth(index).getAttribute('aria-pressed')).toBe('true')
      if (i === 0) await axeClean(page, 'exam question')
      await page.keyboard.press(i % 2 === 0 ? 'n' : 'ArrowRight')
    }
    await page.keyboard.press('p')
    await expect.poll(heading).toMatch(/^Question 4 of 5/)
    await page.keyboard.press('ArrowRight')
    await expect.poll(heading).toMatch(/^Question 5 of 5/)
    await page.keyboard.press(String((await rightOption(page)) + 1))

    // F asks first; Escape keeps the exam going, F and Enter finish it.
    await page.keyboard.press('f')
    const confirm = page.getByRole('dialog', { name: 'Finish the mock exam?' })
    const dialogs = page.locator('dialog')
    await confirm.waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => dialogs.count()).toBe(0)
    expect(await timer.isVisible()).toBe(true)
    await page.keyboard.press('f')
    await confirm.waitFor()
    // Escape and F pressed back to back: the F is not lost while the dialog closes.
    await page.keyboard.press('Escape')
    await page.keyboard.press('f')
    await confirm.waitFor({ timeout: 5_000 })
    await page.keyboard.press('Enter')

    const score = page.getByTestId('score')
    await score.waitFor()
    expect((await score.innerText()).replace(/\s+/g, ' ')).toMatch(/^80 % Passed 4 of 5 right · 0 unanswered · pass mark 72 %$/)
    expect(await page.getByTestId('missed').locator(':scope > li').count()).toBe(1)
    expect(await page.getByTestId('missed').innerText()).toMatch(/Your answer:[\s\S]*Right answer:/)
    expect(await page.getByRole('heading', { name: 'By topic' }).isVisible()).toBe(true)
    await axeClean(page, 'exam result')
    // An exam never touches scheduling.
    expect(await readReviewLog(page)).toEqual([])

    await page.keyboard.press('Escape')
    const history = page.getByTestId('history')
    await history.waitFor()
    const rows = history.getByRole('row')
    expect(await rows.count()).toBe(2) // header and this simulation
    expect((await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toMatch(/All decks 80 % \(4\/5\) Passed$/)

    // It is kept: after a reload the history still shows it.
    await page.reload()
    await practiceNav(page).click()
    await expect.poll(() => page.getByTestId('history').getByRole('row').count()).toBe(2)
  })

  it('previews new cards in custom study by keyboard without saving anything', async () => {
    const { page } = await profile.open()
    await openApp(page)
    await practiceNav(page).click()
    await page.getByLabel('Deck', { exact: true }).selectOption({ label: 'AWS ML: chip → role' })
    await page.getByRole('radio', { name: 'Preview new cards' }).check()
    await page.getByLabel('Number of new cards').fill('3')
    expect(await page.getByRole('checkbox', { name: /Reschedule cards I answer/ }).isChecked()).toBe(false)
    await page.getByLabel('Number of new cards').press('Enter')

    const chips = decks[2]!
    for (const card of basicNotes(chips).slice(0, 3)) {
      await expect.poll(() => page.getByTestId('question').innerText()).toBe(card.front)
      await page.keyboard.press('Space')
      await expect.poll(() => page.getByTestId('answer').innerText()).toBe(card.back)
      await page.keyboard.press('Space')
    }
    await page.getByTestId('done').waitFor()
    expect(await page.getByTestId('done').innerText()).toMatch(/This was a preview: no card was rescheduled/)
    expect(await readReviewLog(page)).toEqual([])
    await page.keyboard.press('Escape')
    const row = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Study AWS ML: chip → role as multiple choice' }) })
    expect((await row.getByTestId('counts').innerText()).replace(/\s+/g, ' ')).toBe('20 0 0')
  })
})
