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

/**
 * WCAG contrast of every chart legend on the page, from the colours as rendered: each entry's words
 * against the card behind them, and its swatch (a graphic) likewise. Colours go through a canvas,
 * which turns any CSS colour (Tailwind's are oklch) into sRGB.
 */
function legendContrasts(page: Page) {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!
    const rgba = (css: string) => {
      canvas.clearRect(0, 0, 1, 1)
      canvas.fillStyle = '#000'
      canvas.fillStyle = css
      canvas.fillRect(0, 0, 1, 1)
      return Array.from(canvas.getImageData(0, 0, 1, 1).data)
    }
    const luminance = (css: string) => {
      const [r, g, b] = rgba(css).map((c) => {
        const v = c / 255
        return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return Math.round(((hi! + 0.05) / (lo! + 0.05)) * 100) / 100
    }
    const background = (el: Element) => {
      for (let at: Element | null = el; at; at = at.parentElement) {
        const colour = getComputedStyle(at).backgroundColor
        if (rgba(colour)[3] === 255) return colour
      }
      return 'white'
    }
    const innermost = (el: Element): Element => (el.firstElementChild ? innermost(el.firstElementChild) : el)
    const items = [
      // Recharts' legends (answer buttons, retention by month, the exam plan's daily work)...
      ...[...document.querySelectorAll('.recharts-legend-item')].map((item) => ({
        words: innermost(item.querySelector('.recharts-legend-item-text')!),
        swatch: getComputedStyle(item.querySelector('.recharts-legend-icon')!).fill
      })),
      // ...and the card counts' own list beside its ring.
      ...[...document.querySelectorAll('section[aria-labelledby="counts-title"] li')].map((item) => ({
        words: item,
        swatch: getComputedStyle(item.querySelector('span')!).backgroundColor
      }))
    ]
    return items.map(({ words, swatch }) => ({
      entry: (words.textContent ?? '').trim(),
      text: ratio(getComputedStyle(words).color, background(words)),
      swatch: ratio(swatch, background(words))
    }))
  })
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
    // Each chart is a picture named by its heading and summary, not an unnamed stop for Tab.
    expect(await page.locator('svg[tabindex]:not([tabindex="-1"])').count()).toBe(0)
    for (const name of [
      /^Future due \d+ cards? due in the next 30 days/,
      /^Card counts [\d,]+ cards/,
      /^Answer buttons Last 30 days/,
      /^Stability Average/
    ])
      expect(await page.getByRole('img', { name }).count()).toBe(1)
    expect(await page.locator('.recharts-wrapper > svg:not([role="img"][aria-labelledby])').count()).toBe(0)
    // Legends: words at 4.5:1 at least, swatches (graphics) at 3:1, in this scheme.
    const legends = await legendContrasts(page)
    expect(legends.map((l) => l.entry)).toEqual(expect.arrayContaining(['Again', 'Hard', 'Good', 'Easy', expect.stringMatching(/^New: /)]))
    expect(legends.filter((l) => l.text < 4.5 || l.swatch < 3)).toEqual([])
    expect(await page.getByTestId('calendar').locator('rect').count()).toBe(365)
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0)
    const todayCell = page.getByTestId('calendar').locator('rect').last()
    expect(await todayCell.getAttribute('aria-label')).toMatch(/: 5 answers$/)

    // The two averages of the forecast say what each counts.
    const forecast = page.getByRole('region', { name: 'Future due' })
    expect(await forecast.getByText(/^\d+\.\d$/).count()).toBe(2)
    expect(await forecast.innerText()).toMatch(
      /Already due in these 30 days\s+\d+\.\d a day on average\s+The reviews your cards have scheduled now/
    )
    expect(await forecast.innerText()).toMatch(
      /Daily load\s+about \d+\.\d reviews a day\s+The pace your studied cards keep up in the long run/
    )
    // True retention opens on a table: its disclosure is the months' table, and says so.
    const retention = page.getByRole('region', { name: 'True retention' })
    expect(await retention.getByText('Show as a table').count()).toBe(0)
    expect(await retention.getByText('Show the months as a table').count()).toBe(1)

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
    // The simulation's figures arrive from the worker after the others: "Forecasting…" until then.
    await exam.getByTestId('recall-studying').waitFor()
    expect(await exam.getByTestId('forecasting').count()).toBe(0)
    expect(page.workers().some((w) => /exam-forecast-worker/.test(w.url()))).toBe(true)
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

describe('readiness on a fresh profile', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('names topics in words and says what is not studied yet instead of 0% (0%–0%)', async () => {
    const { page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Exam plan' }).click()
    await page.getByRole('button', { name: 'New exam' }).click()
    await page.getByLabel('Exam name').fill('Mine')
    await page.getByLabel('Exam date').fill(await dateInThirtyDays(page))
    for (const name of ['AWS ML: service → purpose', 'MLA-C02 · 1 Data preparation for ML and AI'])
      await page.getByRole('checkbox', { name }).check()
    // Without a guide, readiness is by topic: the cards' tags.
    await page.getByLabel('Exam guide').selectOption('')
    await page.getByRole('button', { name: 'Save exam' }).click()
    const exam = page.getByTestId('exam')
    const topics = exam.getByTestId('topics')
    await topics.waitFor()

    // Recall if you stop now: nothing studied, so no range; if you keep studying, a forecast.
    expect(await exam.getByText('(not studied yet)').count()).toBe(1)
    const rows = (await topics.locator('tbody tr').allInnerTexts()).map((t) => t.split('\t'))
    expect(rows.length).toBeGreaterThan(0)
    for (const [topic, cards, recall, range] of rows) {
      // "Commonly confused", not "commonly-confused".
      expect(topic).toMatch(/^[A-Z0-9]/)
      expect(topic).not.toMatch(/[a-z]+-[a-z]+-[a-z]+/)
      expect(Number(cards)).toBeGreaterThan(0)
      expect([recall, range]).toEqual(['Not studied yet', '—'])
    }
    await exam.getByRole('button', { name: /^Show all \d+ topics$/ }).click()
    const all = await topics.locator('tbody th').allInnerTexts()
    expect(all).toEqual(expect.arrayContaining(['Commonly confused', 'ML services Amazon SageMaker AI', '1.1 Collect and store data']))
  })
})
