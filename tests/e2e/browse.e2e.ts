import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { blocking, formatViolations, runAxe } from './axe'
import { newProfile, type Profile } from './browser'
import { studyCards, studyNotes } from './deck-files'

const CHIPS = 'AWS ML: chip → role'
const CHIP_CARDS = studyCards('aws-ml-chips')
/** New cards the deck list shows after two were studied: one card per note (siblings are buried), at most 20 a day. */
const CHIPS_NEW_AFTER_TWO = Math.min(20 - 2, studyNotes('aws-ml-chips') - 2)
const ALL_CARDS = studyCards()

const chipCounts = async (page: Page) =>
  (await page.getByRole('listitem').filter({ hasText: CHIPS }).getByTestId('counts').innerText()).replace(/\s+/g, ' ')

const grid = (page: Page) => page.getByRole('grid', { name: 'Cards' })
const rowCount = async (page: Page) => Number(await grid(page).getAttribute('aria-rowcount')) - 1
/** The text of one column in the rows the page has rendered (the list is virtualised). */
const column = (page: Page, id: string) => page.locator(`[data-testid="browse-row"] [data-column="${id}"]`).allInnerTexts()

/** Rows wholly in sight: inside the list's scrolled view and inside the window. */
const rowsInSight = (page: Page) =>
  grid(page).evaluate((list) => {
    const view = list.getBoundingClientRect()
    const header = list.querySelector('[role="columnheader"]')!.getBoundingClientRect()
    return [...list.querySelectorAll('[data-testid="browse-row"]')].filter((row) => {
      const r = row.getBoundingClientRect()
      return r.top >= header.bottom && r.bottom <= Math.min(view.bottom, innerHeight) && r.right <= innerWidth
    }).length
  })

async function search(page: Page, query: string) {
  await page.getByRole('searchbox', { name: 'Search cards' }).fill(query)
}

describe('the card browser and the add screen in the web build', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('searches, sorts, suspends by keyboard, and finds a card added with Ctrl+Enter', async () => {
    const { page } = await profile.open()
    await page.goto(inject('baseUrl'))

    // Two chip cards into learning, so suspending them visibly changes the deck list.
    await page.getByRole('button', { name: new RegExp(`^Study ${CHIPS}`) }).click()
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('question').waitFor()
      await page.keyboard.press('Space')
      await page.getByTestId('answer').waitFor()
      await page.keyboard.press('1')
      await page.getByTestId('answer').waitFor({ state: 'detached' })
    }
    await page.keyboard.press('Escape')
    await expect.poll(() => chipCounts(page)).toBe(`${CHIPS_NEW_AFTER_TWO} 2 0`)

    // Search as you type: only the chip deck's cards are left.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click()
    await expect.poll(() => rowCount(page)).toBe(ALL_CARDS)
    await page.keyboard.press('/')
    await page.keyboard.type('deck:aws-ml-chips')
    await expect.poll(() => rowCount(page)).toBe(CHIP_CARDS)
    const decks = await column(page, 'deck')
    expect(decks.length).toBeGreaterThan(5)
    expect(new Set(decks)).toEqual(new Set([CHIPS]))

    // A mistake is shown under the box; fixing it brings the search back.
    await page.keyboard.type(' (')
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Missing "\)" for the "\(" at character 19/)
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Backspace')
    await expect.poll(() => page.getByRole('alert').count()).toBe(0)

    // Sort by reviews, most first: the two studied cards come to the top.
    const reviews = page.getByRole('columnheader', { name: 'Reviews' })
    await reviews.getByRole('button').click()
    await expect.poll(() => reviews.getAttribute('aria-sort')).toBe('ascending')
    await reviews.getByRole('button').press('Enter')
    await expect.poll(() => reviews.getAttribute('aria-sort')).toBe('descending')
    await expect.poll(async () => (await column(page, 'reviews')).slice(0, 3)).toEqual(['1', '1', '0'])
    const studied = (await column(page, 'question')).slice(0, 2)

    // Keyboard only: into the list, select the first two rows, suspend them.
    await page.getByRole('searchbox', { name: 'Search cards' }).focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Space')
    await expect.poll(() => page.locator('[data-testid="browse-row"][aria-selected="true"]').count()).toBe(2)
    await page.keyboard.press('Control+j')
    await expect
      .poll(() => page.getByRole('main').getByRole('status').filter({ hasText: 'Suspended' }).innerText())
      .toBe('Suspended 2 cards. Ctrl+Z undoes.')
    await expect.poll(async () => (await column(page, 'due')).slice(0, 2).every((due) => due.startsWith('('))).toBe(true)

    await search(page, 'deck:aws-ml-chips is:suspended')
    await expect.poll(async () => (await column(page, 'question')).sort()).toEqual([...studied].sort())
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Decks' }).click()
    await expect.poll(() => chipCounts(page)).toBe(`${CHIPS_NEW_AFTER_TWO} 0 0`)

    // A new deck of one's own, and a card added with Ctrl+Enter; the form clears for the next one.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Add' }).click()
    await page.getByRole('button', { name: 'New deck…' }).click()
    await page.getByRole('dialog', { name: 'New deck' }).getByLabel('Name').fill('Exam week')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByLabel('Deck', { exact: true }).inputValue()).toMatch(/^exam-week-/)
    // Picked means closed: typing must reach the form, not the dialog still open over it.
    expect(await page.getByRole('dialog', { name: 'New deck' }).count()).toBe(0)
    const front = page.getByRole('textbox', { name: 'Front' })
    await front.fill('Which service answers questions over company documents?')
    await page.getByRole('textbox', { name: 'Back' }).fill('**Amazon Kendra**')
    await page.getByRole('textbox', { name: 'Tags' }).fill('search')
    await page.getByRole('checkbox', { name: /Reverse card too/ }).check()
    await front.press('Control+Enter')
    await expect.poll(() => page.getByRole('main').getByRole('status').innerText()).toBe('Added a card and its reverse to "Exam week".')
    expect(await front.inputValue()).toBe('')
    expect(await page.getByRole('textbox', { name: 'Tags' }).inputValue()).toBe('search')
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA')

    await page.getByRole('button', { name: 'Browse cards' }).click()
    await search(page, 'deck:"exam week"')
    await expect
      .poll(async () => (await column(page, 'question')).sort())
      .toEqual(['Amazon Kendra', 'Which service answers questions over company documents?'])
    expect(formatViolations('browse', blocking(await runAxe(page)))).toBe('')

    // The card and its reverse are siblings: one of them is new today.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Decks' }).click()
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: 'Exam week' }).getByTestId('counts').innerText())
      .toMatch(/^1\s+0\s+0$/)
  })

  it('shows cards studied since it was last open, after a reload too, and Ctrl+A selects every card found', async () => {
    const { page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await page.getByRole('button', { name: new RegExp(`^Study ${CHIPS}`) }).waitFor({ timeout: 20_000 })
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('button', { name: 'Browse' }).click()
    await expect.poll(() => rowCount(page)).toBe(ALL_CARDS)
    const reviews = page.getByRole('columnheader', { name: 'Reviews' }).getByRole('button')
    await reviews.click()
    await reviews.click()
    await expect.poll(async () => (await column(page, 'reviews')).slice(0, 1)).toEqual(['0'])

    // One card studied elsewhere: back in Browse, it heads the list sorted by reviews.
    await nav.getByRole('button', { name: 'Decks' }).click()
    await page.getByRole('button', { name: new RegExp(`^Study ${CHIPS}`) }).click()
    const studied = await page.getByTestId('question').innerText()
    await page.keyboard.press('Space')
    await page.getByTestId('answer').waitFor()
    await page.keyboard.press('3')
    await page.getByTestId('answer').waitFor({ state: 'detached' })
    await page.keyboard.press('Escape')
    await nav.getByRole('button', { name: 'Browse' }).click()
    await expect.poll(async () => (await column(page, 'reviews')).slice(0, 2)).toEqual(['1', '0'])
    expect((await column(page, 'question'))[0]).toBe(studied)

    // Every card found, selected at once; the list far down shows its rows selected too.
    await grid(page).focus()
    await page.keyboard.press('Control+a')
    const counts = async () =>
      (await page.getByText(/ cards · /).innerText()).match(/\d[\d,.\s]*/g)!.map((n) => Number(n.replace(/\D/g, '')))
    await expect.poll(counts).toEqual([ALL_CARDS, ALL_CARDS])
    await page.keyboard.press('End')
    await expect.poll(() => page.locator('[data-testid="browse-row"][aria-selected="true"]').count()).toBeGreaterThan(5)
    await expect.poll(async () => (await column(page, 'question')).length).toBeGreaterThan(5)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('[data-testid="browse-row"][aria-selected="true"]').count()).toBe(0)

    // A new session reads the list kept beside the collection, caught up with the same card.
    await page.reload()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click()
    await expect.poll(() => rowCount(page)).toBe(ALL_CARDS)
    await reviews.click()
    await reviews.click()
    await expect.poll(async () => (await column(page, 'question')).slice(0, 1)).toEqual([studied])
  })

  it('fits a small window: at 800×600 the page never scrolls either way, at least eight rows show and the search hint reads whole', async () => {
    const { page } = await profile.open()
    await page.setViewportSize({ width: 800, height: 600 })
    await page.goto(inject('baseUrl'))
    await page.getByRole('button', { name: new RegExp(`^Study ${CHIPS}`) }).waitFor({ timeout: 20_000 })
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click()
    await expect.poll(() => rowCount(page)).toBe(ALL_CARDS)

    const scroll = await page.evaluate(() => ({
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      down: document.documentElement.scrollHeight - document.documentElement.clientHeight
    }))
    // The list scrolls inside itself; the page around it does not move either way.
    expect(scroll).toEqual({ sideways: 0, down: 0 })
    expect(await rowsInSight(page)).toBeGreaterThanOrEqual(8)
    // Every column shown is whole: the table is no wider than its box, so nothing is cut at the edge.
    const table = await grid(page).evaluate((list) => ({ content: list.scrollWidth, box: list.clientWidth }))
    expect(table.content).toBeLessThanOrEqual(table.box)
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(expect.arrayContaining(['Question', 'Answer', 'Deck', 'Due']))

    // The placeholder fits its box: measured in the placeholder's own font.
    const box = page.getByRole('searchbox', { name: 'Search cards' })
    const fit = await box.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input, '::placeholder')
      const context = document.createElement('canvas').getContext('2d')!
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
      return { text: context.measureText(input.placeholder).width, room }
    })
    expect(fit.text).toBeLessThanOrEqual(fit.room)

    // Wider, the same list shows every column, still inside the window.
    await page.setViewportSize({ width: 1280, height: 800 })
    await expect.poll(() => page.getByRole('columnheader').count()).toBe(11)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    expect(await rowsInSight(page)).toBeGreaterThanOrEqual(14)
  })

  it('copies a built-in deck to the user’s decks and edits a card of the copy in the side panel', async () => {
    const { page } = await profile.open()
    await page.goto(inject('baseUrl'))
    // The first start writes the built-in decks; the browser lists them once they are in.
    await page.getByRole('button', { name: new RegExp(`^Study ${CHIPS}`) }).waitFor({ timeout: 20_000 })
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click()
    await expect.poll(() => rowCount(page)).toBe(ALL_CARDS)
    await page.getByLabel('Deck', { exact: true }).selectOption({ label: `${CHIPS} (built-in)` })
    await expect.poll(() => rowCount(page)).toBe(CHIP_CARDS)
    await page.getByRole('button', { name: 'Copy to my decks' }).click()
    await expect
      .poll(() => page.getByRole('main').getByRole('status').innerText())
      .toBe(`Copied ${CHIP_CARDS} cards to your new deck "${CHIPS} (my copy)".`)
    await expect.poll(async () => new Set(await column(page, 'deck'))).toEqual(new Set([`${CHIPS} (my copy)`]))

    await search(page, 'inferentia')
    await expect.poll(() => rowCount(page)).toBeLessThan(CHIP_CARDS)
    expect(await rowCount(page)).toBeGreaterThan(0)
    await grid(page).focus()
    await page.keyboard.press('Enter')
    const panel = page.getByRole('complementary', { name: 'Edit card' })
    const question = await panel.getByRole('textbox', { name: 'Front' }).inputValue()
    await panel.getByRole('textbox', { name: 'Tags' }).fill('edited-here')
    await panel.getByRole('textbox', { name: 'Back' }).fill('Rewritten in the browser')
    await panel.getByRole('textbox', { name: 'Back' }).press('Control+Enter')
    await expect.poll(() => page.getByRole('main').getByRole('status').innerText()).toBe('Card saved; its progress is kept. Ctrl+Z undoes.')

    await search(page, 'tag:edited-here')
    await expect.poll(async () => (await column(page, 'answer')).filter((a) => a === 'Rewritten in the browser').length).toBe(1)
    expect(await column(page, 'question')).toContain(question)

    // The original follows Recall's updates: deleting one of its cards is refused with a reason.
    await page.getByLabel('Deck', { exact: true }).selectOption({ label: `${CHIPS} (built-in)` })
    await search(page, '')
    await expect.poll(() => rowCount(page)).toBe(CHIP_CARDS)
    await grid(page).focus()
    await page.keyboard.press('Delete')
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    await expect
      .poll(() => page.getByRole('dialog').getByRole('alert').innerText())
      .toMatch(/built-in decks get updates with new versions of Recall/)
  })
})
