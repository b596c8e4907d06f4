import { basicNotes } from '../unit/helpers/notes'
import { isQuestionNote, type Deck } from '@shared/deck/schema'
import { readdirSync, readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { blocking, formatViolations, runAxe } from './axe'
import { newProfile, readReviewLog, type Profile } from './browser'
import { studyNotes } from './deck-files'

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

/** Every exam-style question of the shipped decks, by its question text. */
const examQuestions = new Map(
  readdirSync('decks')
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (JSON.parse(readFileSync(`decks/${f}`, 'utf8')) as Deck).notes)
    .filter(isQuestionNote)
    .map((note) => [plain(note.stem), note] as const)
)

/** Answers the exam-style question on screen right, by keys (letters) and, for matching, its lists, working the answer out from the deck files. */
async function answerRight(page: Page) {
  const stem = plain(await page.getByTestId('exam-question').getByTestId('question').innerText())
  const note = examQuestions.get(stem)
  expect(note, `no note asks "${stem}"`).toBeDefined()
  switch (note!.type) {
    case 'single':
    case 'multiple': {
      const right = new Set(note!.options.filter((o) => o.correct).map((o) => plain(o.text)))
      const shown = (await page.getByTestId('option-text').allInnerTexts()).map(plain)
      for (const [at, text] of shown.entries()) if (right.has(text)) await page.keyboard.press('abcdefgh'[at]!)
      await expect.poll(() => page.locator('[data-testid="option"][aria-checked="true"]').count()).toBe(right.size)
      return
    }
    case 'ordering': {
      const shown = (await page.getByTestId('step').allInnerTexts()).map((t) => plain(t.replace(/^[A-H]\s*/, '')))
      for (const step of note!.steps) await page.keyboard.press('abcdefgh'[shown.findIndex((s) => s.startsWith(plain(step)))]!)
      await expect.poll(() => page.getByTestId('your-order').locator('li').count()).toBe(note!.steps.length)
      return
    }
    case 'matching':
      for (const pair of note!.pairs) {
        const select = page.getByRole('combobox', { name: pair.prompt, exact: true })
        const label = (await select.locator('option').allInnerTexts()).find((t) => t.replace(/^[A-H]\. /, '') === pair.response)!
        await select.selectOption({ label })
      }
      // Keys go to the page again, not to the last list.
      await page.getByTestId('exam-question').getByTestId('question').focus()
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

/** Whether the whole of an element is inside the window (nothing of it needs a scroll to be seen). */
const inWindow = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth
  })

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
      let question = await page.getByTestId('question').innerText()
      // A card without three good wrong options is asked as a flashcard, and says why.
      while ((await page.getByTestId('reason').count()) > 0) {
        expect(await page.getByTestId('reason').innerText()).toMatch(/asked as a flashcard$/)
        await page.keyboard.press('Space')
        await page.getByTestId('answer').waitFor()
        await page.keyboard.press('3')
        expected.push({ cardKey: `aws-ml-services/${cardIdOf(services, question)}`, rating: 3 })
        await expect.poll(() => readReviewLog(page)).toEqual(expected)
        await expect.poll(() => page.getByTestId('question').innerText()).not.toBe(question)
        question = await page.getByTestId('question').innerText()
      }
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
    const flashcards = expected.length - plan.length
    // Only answers chosen among options count as right or wrong; a card shown as a flashcard is graded, not scored.
    expect(await page.getByRole('status').first().innerText()).toBe(`3 of ${5 + flashcards} right this session`)

    // Back on the Practice screen, the deck's counts show what was studied.
    await page.keyboard.press('Escape')
    const row = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Study AWS ML: service → purpose as multiple choice' }) })
    // Again keeps a card in learning, and so does Good or Hard on a new card; Easy graduates it.
    const learning = expected.filter((e) => e.rating !== 4).length
    await expect
      .poll(async () => (await row.getByTestId('counts').innerText()).replace(/\s+/g, ' '))
      .toBe(`${20 - expected.length} ${learning} 0`)
  })

  it('sits AIF-C01 by keyboard, every format, to a score by domain with the explanations, and lists it in the history', async () => {
    const { page } = await profile.open()
    await openApp(page)
    await practiceNav(page).click()
    await axeClean(page, 'practice home')
    expect(await page.getByLabel('Exam', { exact: true }).inputValue()).toBe('AIF-C01')
    const delivery = await page.getByTestId('exam-delivery').innerText()
    expect(delivery).toMatch(/^65 questions · 90 minutes · pass at 700 of 1000/)
    // The figures were not read on an AWS page, and the screen says so.
    expect(delivery).toContain('Recall could not read them on an AWS page')
    await page.getByRole('button', { name: 'Start mock exam' }).click()
    const timer = page.getByRole('timer', { name: 'Time left' })
    await timer.waitFor()
    expect(await timer.innerText()).toMatch(/^1:(30:00|29:5\d)$/)

    // One question of each format answered right by its keys; the rest left unanswered.
    const heading = () => page.getByRole('heading', { level: 1 }).innerText()
    const formats = new Map<string, number>()
    for (let i = 0; i < 65 && formats.size < 4; i++) {
      await expect.poll(heading).toMatch(new RegExp(`^Question ${i + 1} of 65`))
      const type = (await page.getByTestId('exam-question').getAttribute('data-type'))!
      if (!formats.has(type)) {
        formats.set(type, i)
        await answerRight(page)
        await axeClean(page, `exam ${type} question`)
      }
      await page.keyboard.press('n')
    }
    expect([...formats.keys()].sort()).toEqual(['matching', 'multiple', 'ordering', 'single'])
    expect(
      await page
        .getByRole('navigation', { name: 'Questions' })
        .getByRole('button', { name: /answered$/ })
        .count()
    ).toBe(4)

    // Ctrl+Enter asks first; Escape keeps the exam going.
    await page.keyboard.press('Control+Enter')
    const confirm = page.getByRole('dialog', { name: 'Finish the mock exam?' })
    await confirm.waitFor()
    expect(await confirm.innerText()).toMatch(/61 questions are not fully answered yet/)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('dialog').count()).toBe(0)
    expect(await timer.isVisible()).toBe(true)
    await page.keyboard.press('Control+Enter')
    await confirm.waitFor()
    await page.keyboard.press('Enter')

    const score = page.getByTestId('score')
    await score.waitFor()
    // 4 of 65 right: 100 + 900 × 4/65 = 155 on the exam's scale.
    expect((await score.innerText()).replace(/\s+/g, ' ')).toMatch(
      /^6\.2 % about 155 of 1000 \(pass: 700\) Not passed 4 of 65 right · 61 unanswered/
    )
    const domains = page.getByTestId('by-domains').locator('tbody tr')
    expect(await domains.count()).toBe(5)
    const guide = JSON.parse(readFileSync('src/shared/exam/blueprints/aif-c01.json', 'utf8')) as {
      domains: Array<{ id: string; name: string; weight: number }>
    }
    expect((await domains.allInnerTexts()).map((t) => t.split('\t')[0])).toEqual(
      guide.domains.map((d) => `${d.id}. ${d.name} (${d.weight} % of the exam)`)
    )
    expect(await page.getByTestId('missed').locator(':scope > li').count()).toBe(61)
    // Every missed question shows why each option is right or wrong (or the right order and pairs).
    expect(await page.getByTestId('missed').getByTestId('verdict').count()).toBe(61)
    await axeClean(page, 'exam result')
    // An exam never touches scheduling.
    expect(await readReviewLog(page)).toEqual([])

    await page.keyboard.press('Escape')
    const history = page.getByTestId('history')
    await history.waitFor()
    const rows = history.getByRole('table', { name: /^Past mock exams/ }).getByRole('row')
    expect(await rows.count()).toBe(2) // header and this simulation
    expect((await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toMatch(/All decks AIF-C01 155 · 6\.2 % \(4\/65\) Not passed$/)
    expect(
      await history
        .getByRole('table', { name: /^AIF-C01: share right by domain/ })
        .getByRole('row')
        .count()
    ).toBe(6)

    // It is kept: after a reload the history still shows it.
    await page.reload()
    await practiceNav(page).click()
    await expect
      .poll(() =>
        page
          .getByTestId('history')
          .getByRole('table', { name: /^Past mock exams/ })
          .getByRole('row')
          .count()
      )
      .toBe(2)
  })

  it('keeps every control of a session in the window at 1280×800: multiple-choice feedback and the mock exam', async () => {
    const { page } = await profile.open()
    await page.setViewportSize({ width: 1280, height: 800 })
    await openApp(page)
    await practiceNav(page).click()
    await page.getByRole('button', { name: 'Study AWS ML: service → purpose as multiple choice' }).click()
    for (let picked = 0; picked < 3;) {
      await page.getByTestId('question').waitFor()
      const question = await page.getByTestId('question').innerText()
      if ((await page.getByTestId('reason').count()) > 0) {
        // A card without three good wrong options is asked as a flashcard: graded, then the next.
        await page.keyboard.press('Space')
        await page.getByTestId('answer').waitFor()
        await page.keyboard.press('3')
      } else {
        for (const option of await page.getByTestId('option').all()) expect(await inWindow(option)).toBe(true)
        await page.keyboard.press(String(++picked))
        await page.getByTestId('feedback').waitFor()
        // The verdict and its buttons under the card, the session's header above it: none scrolled away.
        expect(await inWindow(page.getByRole('button', { name: 'Back to practice (Esc)' }))).toBe(true)
        expect(await inWindow(page.getByRole('heading', { level: 1 }))).toBe(true)
        expect(await inWindow(page.getByRole('button', { name: /^Continue/ }))).toBe(true)
        expect(await page.evaluate(() => scrollY)).toBe(0)
        await page.keyboard.press('Enter')
      }
      await expect.poll(() => page.getByTestId('question').innerText()).not.toBe(question)
    }

    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Start mock exam' }).click()
    const heading = page.getByRole('heading', { level: 1 })
    let answered = 0
    for (let i = 0; i < 12; i++) {
      await expect.poll(() => heading.innerText()).toMatch(new RegExp(`^Question ${i + 1} of 65`))
      const type = await page.getByTestId('exam-question').getAttribute('data-type')
      if (type === 'single' || type === 'multiple') {
        await page.keyboard.press('a')
        await expect.poll(() => page.locator('[data-testid="option"][aria-checked="true"]').count()).toBe(1)
        answered++
      }
      for (const control of [heading, page.getByRole('timer', { name: 'Time left' }), page.getByRole('button', { name: /^Next/ })])
        expect(await inWindow(control), `question ${i + 1}`).toBe(true)
      for (const name of [/^← Previous/, 'Clear answer', /^Finish exam/])
        expect(await inWindow(page.getByRole('button', { name })), `question ${i + 1}`).toBe(true)
      expect(await page.evaluate(() => scrollY)).toBe(0)
      await page.keyboard.press('n')
    }
    expect(answered).toBeGreaterThan(0)
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
    // One new card per note: siblings are buried.
    expect((await row.getByTestId('counts').innerText()).replace(/\s+/g, ' ')).toBe(`${Math.min(20, studyNotes('aws-ml-chips'))} 0 0`)
  })
})
