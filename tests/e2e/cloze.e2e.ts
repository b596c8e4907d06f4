import type { Page } from 'playwright-core'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { importThroughDialog, newProfile, type Profile } from './browser'

/** Each cloze card of tests/fixtures/import/cloze-notes.md as the study screen reads: question, then the text in full. */
const CLOZE_CARDS = [
  [
    '[…] is the share of predicted positives that are right: TP / (TP + FP).',
    'Precision is the share of predicted positives that are right: TP / (TP + FP).'
  ],
  [
    'Precision is the share of predicted positives that are right: TP / (TP + […]).',
    'Precision is the share of predicted positives that are right: TP / (TP + FP).'
  ],
  [
    'Recall is TP / (TP + [the positives it missed]), and […] is another name for it.',
    'Recall is TP / (TP + FN), and sensitivity is another name for it.'
  ],
  ['[…] is the harmonic mean of precision and recall.', 'F1 is the harmonic mean of precision and recall.'],
  ['[…] sums up the ROC curve in one number.', 'AUC sums up the ROC curve in one number.'],
  ['The […] counts true and false positives and negatives.', 'The confusion matrix counts true and false positives and negatives.'],
  ['The confusion matrix counts […] and negatives.', 'The confusion matrix counts true and false positives and negatives.']
]

/** The study screen has moved on from the card asked `asked`: a new question, not yet answered (or the end). */
async function nextCardShown(page: Page, asked: string): Promise<boolean> {
  if ((await page.getByTestId('done').count()) > 0) return true
  const question = page.getByTestId('question')
  if ((await page.getByTestId('answer').count()) > 0 || (await question.getAttribute('data-cloze').catch(() => null)) === 'answer')
    return false
  return (await question.innerText().catch(() => asked)) !== asked
}

describe('cloze notes in the web build', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  /** The app on a fresh profile, once its deck list is up; `watch` sees the page before it loads. */
  async function openRecall(watch?: (page: Page) => void): Promise<Page> {
    const { page } = await profile.open()
    watch?.(page)
    await page.goto(inject('baseUrl'))
    await page
      .getByRole('button', { name: /^Study AWS ML/ })
      .first()
      .waitFor({ timeout: 20_000 })
    return page
  }

  it('imports Markdown clozes and studies one card per deletion number, each hiding only its own', async () => {
    const page = await openRecall()

    await importThroughDialog(page, 'tests/fixtures/import/cloze-notes.md', 'Import 6 notes', async (dialog) => {
      expect(await dialog.getByText('(cloze: 2 cards)').count()).toBeGreaterThan(0)
    })

    const deck = page.getByRole('button', { name: /^Study Metrics with clozes/ })
    // Siblings (the cards of one note) are buried by default: one card per note today.
    expect(await deck.getAttribute('aria-label')).toMatch(/6 new/)
    // Every card of every note today, with "Bury new siblings" unticked by keyboard.
    await page.getByRole('button', { name: /^Options for Metrics with clozes/ }).click()
    const bury = page.getByRole('checkbox', { name: 'Bury new siblings' })
    expect(await bury.isChecked()).toBe(true)
    await bury.focus()
    await page.keyboard.press('Space')
    expect(await bury.isChecked()).toBe(false)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await page.getByRole('button', { name: '← Decks' }).click()
    await expect.poll(() => deck.getAttribute('aria-label')).toMatch(/8 new/)
    await deck.click()
    const seen: string[][] = []
    for (let i = 0; i < 8; i++) {
      const question = page.getByTestId('question')
      await question.waitFor()
      const asked = await question.innerText()
      await page.keyboard.press('Space')
      if ((await question.getAttribute('data-cloze')) === null) {
        // The one front/back note of the file.
        await page.getByTestId('answer').waitFor()
        expect(asked).toBe('Specificity')
      } else {
        await expect.poll(() => question.getAttribute('data-cloze')).toBe('answer')
        seen.push([asked, await question.innerText()])
        // The gap is filled in place and marked; the grade buttons follow as for any card.
        expect(await question.locator('strong').count()).toBeGreaterThan(0)
      }
      await page.keyboard.press('4')
      await expect.poll(() => nextCardShown(page, asked)).toBe(true)
    }
    expect(seen.sort()).toEqual([...CLOZE_CARDS].sort())
    await page.getByTestId('done').waitFor()
  })

  it('renders formulas with KaTeX and code with highlighting, from the app’s own files, with no console error', async () => {
    const errors: string[] = []
    const remote: string[] = []
    const page = await openRecall((page) => {
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      page.on('request', (r) => !r.url().startsWith(inject('baseUrl')) && remote.push(r.url()))
    })
    const file = join(profile.dir, 'formulas.md')
    await writeFile(
      file,
      [
        '---',
        'name: Formulas',
        '---',
        '',
        '{{c1::F1}} is $\\frac{2PR}{P+R}$, and a broken one: $\\frac{1$.',
        '',
        'Q: What does this fit?',
        'A: A scikit-learn model:',
        '```python',
        'def train(model):',
        '    return model.fit(X_train, y_train)  # in place',
        '```'
      ].join('\n')
    )
    // The preview names the deck: the file's name to start with, changed here.
    await importThroughDialog(page, file, 'Import 2 notes', async (dialog) => {
      const name = dialog.getByRole('textbox', { name: 'Deck name' })
      expect(await name.inputValue()).toBe('Formulas')
      await name.fill('Formulas to know')
    })
    await page.getByRole('button', { name: /^Study Formulas to know:/ }).click()

    for (let i = 0; i < 2; i++) {
      const question = page.getByTestId('question')
      await question.waitFor()
      const asked = await question.innerText()
      await page.keyboard.press('Space')
      if ((await question.getAttribute('data-cloze')) !== null) {
        await expect.poll(() => question.locator('.katex .katex-html').count(), { timeout: 15_000 }).toBe(1)
        expect(await question.locator('.katex-error').innerText()).toContain('\\frac{1')
        // KaTeX's own font, from the app's files.
        await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main')), { timeout: 15_000 }).toBe(true)
      } else {
        const code = page.getByTestId('answer').locator('code.hljs.language-python')
        await code.waitFor()
        expect(await code.locator('.hljs-keyword').allInnerTexts()).toEqual(['def', 'return'])
        expect(await code.locator('.hljs-comment').innerText()).toBe('# in place')
      }
      await page.keyboard.press('4')
      await expect.poll(() => nextCardShown(page, asked)).toBe(true)
    }
    expect(errors).toEqual([])
    expect(remote).toEqual([])
  })

  it('writes a cloze in the add screen with Ctrl+Shift+C, studies it, and edits it to add a card', async () => {
    const page = await openRecall()
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('button', { name: 'Add' }).click()
    await page.getByRole('button', { name: 'New deck…' }).click()
    await page.getByRole('dialog', { name: 'New deck' }).getByLabel('Name').fill('My clozes')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByLabel('Deck', { exact: true }).inputValue()).toMatch(/^my-clozes-/)
    await page.getByLabel('Note type').selectOption('cloze')
    const text = page.getByRole('textbox', { name: 'Text' })
    await text.fill('Precision is TP over predicted positives')
    // Select "Precision" and hide it; then "predicted positives" on a card of its own.
    await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 9))
    await text.press('Control+Shift+C')
    await expect.poll(() => text.inputValue()).toBe('{{c1::Precision}} is TP over predicted positives')
    await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf('predicted'), el.value.length))
    await text.press('Control+Shift+C')
    await expect.poll(() => text.inputValue()).toBe('{{c1::Precision}} is TP over {{c2::predicted positives}}')
    expect(await page.getByTestId('cloze-preview').count()).toBe(2)
    await text.press('Control+Enter')
    await expect.poll(() => page.getByRole('main').getByRole('status').innerText()).toBe('Added a cloze note with 2 cards to "My clozes".')

    // Study the first card, then edit the note from the study screen: a third deletion adds a card.
    await nav.getByRole('button', { name: 'Decks' }).click()
    // The two cards are siblings: one of them today.
    await page.getByRole('button', { name: /^Study My clozes: 1 new/ }).click()
    await expect.poll(() => page.getByTestId('question').innerText()).toBe('[…] is TP over predicted positives')
    await page.keyboard.press('e')
    const dialog = page.getByRole('dialog', { name: 'Edit cloze note' })
    const edit = dialog.getByRole('textbox', { name: 'Text' })
    await expect.poll(() => edit.inputValue(), { timeout: 15_000 }).toBe('{{c1::Precision}} is TP over {{c2::predicted positives}}')
    await edit.fill('{{c1::Precision}} is {{c3::TP}} over {{c2::predicted positives}}')
    await edit.press('Control+Enter')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => page.getByTestId('question').innerText()).toBe('[…] is TP over predicted positives')
    await page.keyboard.press('Escape')
    // Three cards now, siblings all: one of them is new today.
    await expect.poll(() => page.getByRole('button', { name: /^Study My clozes/ }).getAttribute('aria-label')).toMatch(/1 new/)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click()
    await page.getByRole('searchbox', { name: 'Search cards' }).fill('deck:"my clozes"')
    const rows = async () => Number(await page.getByRole('grid', { name: 'Cards' }).getAttribute('aria-rowcount')) - 1
    await expect.poll(rows).toBe(3)
  })
})
