import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { blocking, formatViolations, runAxe } from './axe'
import { newProfile, type Profile } from './browser'

const DECK = /^Study AWS ML: service → purpose/
const GUIDE = JSON.parse(readFileSync('src/shared/exam/blueprints/aif-c01.json', 'utf8')) as {
  domains: Array<{ id: string; name: string; weight: number; tasks: unknown[] }>
  delivery: { passingScore: number }
}
const BUILT_IN = ['AWS ML: service → purpose', 'AWS ML: pipeline stage → services', 'AWS ML: chip → role']

/** RECALL_SCREENSHOTS=/some/dir keeps a picture of each screen for a person to look at. */
async function snapshot(page: Page, name: string) {
  const dir = process.env.RECALL_SCREENSHOTS
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true })
}

async function studyByKeyboard(page: Page, grades: string[]) {
  await page.getByRole('button', { name: DECK }).focus()
  await page.keyboard.press('Enter')
  for (const key of grades) {
    const question = await page.getByTestId('question').innerText()
    await page.keyboard.press('Space')
    await page.getByTestId('answer').waitFor()
    await page.keyboard.press(key)
    await expect.poll(async () => (await page.getByTestId('question').innerText()) !== question).toBe(true)
  }
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: DECK }).waitFor()
}

/** The calendar date 30 study days after today's, as a date input takes it (the day starts at 4 am). */
function dateInThirtyDays(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date()
    if (d.getHours() < 4) d.setDate(d.getDate() - 1)
    d.setDate(d.getDate() + 30)
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  })
}

describe.each(['light', 'dark'] as const)('statistics and exam dates in the %s colour scheme', (scheme) => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('shows today’s study and the charts, then forecasts an exam 30 days ahead', async () => {
    const { page } = await profile.open()
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url())
    })
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(inject('baseUrl'))
    await studyByKeyboard(page, ['3', '1', '4', '3', '2'])

    // Statistics through the nav bar, by keyboard; its code (and recharts) loads only now.
    const loadedBefore = scripts.length
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('button', { name: 'Statistics' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor()
    expect(scripts.length).toBeGreaterThan(loadedBefore)

    await expect.poll(() => page.getByTestId('today-cards').innerText()).toBe('5')
    expect(await page.getByTestId('today-reviews').innerText()).toBe('5')
    expect(await page.getByTestId('today-again').innerText()).toBe('20%')
    expect(await page.getByTestId('streak-current').innerText()).toBe('1 day')
    // Every chart has a heading; the drawn ones are SVG with bars in them.
    for (const title of [
      'Today',
      'Review calendar',
      'Future due',
      'True retention',
      'Card counts',
      'Answer buttons',
      'Stability',
      'Difficulty',
      'Retrievability'
    ]) {
      await page.getByRole('heading', { name: title, level: 2 }).waitFor()
    }
    await expect.poll(() => page.locator('.recharts-wrapper > svg').count()).toBeGreaterThanOrEqual(6)
    expect(await page.getByTestId('calendar').locator('rect').count()).toBe(365)
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0)
    const todayCell = page.getByTestId('calendar').locator('rect').last()
    expect(await todayCell.getAttribute('aria-label')).toMatch(/: 5 answers$/)

    // The forecast toggles between 30 and 90 days; the summary follows.
    const summary = page.locator('#forecast-summary')
    expect(await summary.innerText()).toMatch(/due in the next 30 days/)
    await page.getByRole('button', { name: '90 days' }).click()
    await expect.poll(() => summary.innerText()).toMatch(/due in the next 90 days/)
    expect(await page.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed')).toBe('true')

    // By what the exams weigh: every domain of the AI Practitioner guide, in its order and weight.
    const domains = page.getByTestId('exam-domains-AIF-C01').locator('tbody tr')
    expect((await domains.allInnerTexts()).map((t) => t.split('\t').slice(0, 2))).toEqual(
      GUIDE.domains.map((d) => [`${d.id} ${d.name}`, `${d.weight}%`])
    )
    await page.getByText('Task statements').first().click()

    // Readable in this scheme: no contrast or labelling problem axe calls serious.
    const violations = blocking(await runAxe(page))
    expect(formatViolations(`stats (${scheme})`, violations)).toBe('')
    await snapshot(page, `stats-${scheme}`)

    // Another deck has no study today.
    await page.getByLabel('Deck', { exact: true }).selectOption({ label: 'AWS ML: chip → role' })
    await expect.poll(() => page.getByTestId('today-cards').innerText()).toBe('0')

    // The exam plan, through the nav bar: the form says what is wrong, then saves.
    await nav.getByRole('button', { name: 'Exam plan' }).click()
    await page.getByRole('button', { name: 'New exam' }).click()
    for (const name of BUILT_IN) expect(await page.getByRole('checkbox', { name }).isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Save exam' }).click()
    await page.getByText('Give the exam a name.').waitFor()
    await page.getByText('Choose the exam date.').waitFor()
    expect(await page.getByLabel('Exam name').getAttribute('aria-invalid')).toBe('true')

    // A new exam follows the AI Practitioner guide: readiness is predicted as that exam scores it.
    expect(await page.getByLabel('Exam guide').inputValue()).toBe('AIF-C01')
    await page.getByLabel('Exam name').fill('AIF-C01')
    await page.getByLabel('Exam date').fill(await dateInThirtyDays(page))
    await page.getByLabel('Exam name').press('Enter')
    const exam = page.getByTestId('exam')
    await exam.waitFor()
    expect(await exam.getByTestId('days-left').innerText()).toBe('30')
    expect(await exam.getByTestId('recall-now').innerText()).toMatch(/^\d+%$/)
    expect(await exam.getByTestId('recall-studying').innerText()).toMatch(/^\d+%$/)
    expect(await exam.getByRole('heading', { name: 'AIF-C01', exact: true }).count()).toBe(1)
    // A handful of pipeline cards studied is far from a pass: near the guessing rate, and every
    // task statement of the guide listed with what it needs.
    const predicted = Number(await exam.getByTestId('predicted-score').innerText())
    expect(predicted).toBeGreaterThanOrEqual(100)
    expect(predicted).toBeLessThan(GUIDE.delivery.passingScore)
    expect((await exam.getByTestId('readiness-domains').locator('tbody tr').allInnerTexts()).map((t) => t.split('\t').slice(0, 2))).toEqual(
      GUIDE.domains.map((d) => [`${d.id}. ${d.name}`, `${d.weight}%`])
    )
    const tasks = exam.getByTestId('readiness-tasks').locator('tbody tr')
    expect(await tasks.count()).toBe(GUIDE.domains.reduce((n, d) => n + d.tasks.length, 0))
    expect(await tasks.filter({ hasText: 'Not studied yet' }).count()).toBeGreaterThan(0)
    expect(await exam.getByTestId('mock-scores').innerText()).toBe('None yet: take one under Practice.')
    expect(await exam.locator('.recharts-wrapper > svg').count()).toBe(1)
    expect(formatViolations(`exam (${scheme})`, blocking(await runAxe(page)))).toBe('')
    await snapshot(page, `exam-${scheme}`)

    // Without a guide, recall is forecast by topic over the decks' cards.
    await exam.getByRole('button', { name: 'Edit AIF-C01' }).click()
    await page.getByLabel('Exam guide').selectOption('')
    await page.getByRole('button', { name: 'Save exam' }).click()
    await exam.getByTestId('topics').waitFor()
    expect(await exam.getByTestId('readiness').count()).toBe(0)

    expect(consoleErrors).toEqual([])
  })
})
