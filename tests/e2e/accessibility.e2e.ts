import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { blocking, formatViolations, runAxe } from './axe'
import { newProfile, type Profile } from './browser'

const FIRST_DECK = /^Study AIF-C01 · 1 Fundamentals of AI and ML/

/** One row of the settings table, read straight from IndexedDB. */
function readSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('recall')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get(key)
          request.onsuccess = () => {
            resolve((request.result as { value?: unknown } | undefined)?.value)
            open.result.close()
          }
          request.onerror = () => reject(request.error)
        }
      }),
    key
  )
}

const htmlClass = (page: Page) => page.evaluate(() => document.documentElement.className)
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '')
const theme = (page: Page, name: 'System' | 'Light' | 'Dark') => page.getByRole('group', { name: 'Theme' }).getByRole('button', { name })

async function openDecks(page: Page) {
  await page.goto(inject('baseUrl'))
  await page.getByRole('button', { name: FIRST_DECK }).waitFor()
}

/** Page-wide horizontal scrolling, and text cut off by a box that hides its overflow. */
function overflowAt(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement
    const problems: string[] = []
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page scrolls sideways by ${doc.scrollWidth - doc.clientWidth}px`)
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el)
      // Text hidden for screen readers only (sr-only: a 1px clipped box) is meant to be invisible.
      if (style.display === 'none' || (el.clientWidth <= 1 && el.clientHeight <= 1)) continue
      const name = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`
      // An ellipsis is a deliberate, visible cut; a silent one is not.
      const clipsX =
        ['hidden', 'clip'].includes(style.overflowX) && style.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 1
      const clipsY = ['hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1
      if (clipsX || clipsY) problems.push(`${name} is clipped`)
    }
    return problems
  })
}

/**
 * Tabs through the page until focus comes back round, and names every stop that draws no focus
 * indicator (neither an outline nor a box-shadow ring).
 */
async function focusWithoutRing(page: Page, where: string): Promise<string[]> {
  await page.evaluate(() => Object.assign(window, { tabbed: new WeakSet<Element>() }))
  const missing: string[] = []
  for (let stop = 0; stop < 150; stop++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement
      const seen = (window as unknown as { tabbed: WeakSet<Element> }).tabbed
      if (!el || el === document.body) return { done: false }
      if (seen.has(el)) return { done: true }
      seen.add(el)
      const style = getComputedStyle(el)
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`
      return { done: false, missing: ring ? undefined : name }
    })
    if (focused.done) break
    if (focused.missing) missing.push(`${where}: ${focused.missing}`)
  }
  return missing
}

describe('accessibility of the web build', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('welcomes a first start once: decks, daily limits and keys; Start studying lands on the first deck', async () => {
    const { page } = await profile.open({ welcome: true })
    await page.goto(inject('baseUrl'))
    const welcome = page.getByRole('dialog', { name: 'Welcome to Recall' })
    await welcome.waitFor()
    const text = await welcome.innerText()
    for (const deck of ['AIF-C01', 'MLA-C02', 'AWS ML', 'service → purpose']) expect(text).toContain(deck)
    expect(text).toContain('20 new cards and 200 reviews a day')
    for (const key of ['Space', '1–4', 'Ctrl', '@', 'Esc', '?']) expect(text).toContain(key)
    expect(await focusedName(page)).toBe('Start studying')

    await page.keyboard.press('Enter')
    await welcome.waitFor({ state: 'detached' })
    // Start studying opens the first deck's session, its first question on screen.
    await page.getByTestId('question').waitFor()
    expect(await page.getByRole('button', { name: 'Back to decks (Esc)', exact: true }).count()).toBe(1)
    await expect.poll(() => readSetting(page, 'welcomeSeen')).toBe(true)

    // A restart without the window's copy: the settings table alone keeps it closed.
    await page.evaluate(() => localStorage.clear())
    await openDecks(page)
    // At 800×600 the sheet is taller than the window: it must still open at its top.
    await page.setViewportSize({ width: 800, height: 600 })
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await sheet.waitFor()
    expect(await page.getByRole('dialog').count()).toBe(1)
    // It opens at its top (the title and the first study keys), and every section has a name.
    expect(await sheet.evaluate((dialog) => dialog.scrollTop)).toBe(0)
    const unnamed = await sheet.evaluate(
      (dialog) =>
        [...dialog.querySelectorAll('[aria-labelledby]')].filter((el) =>
          el
            .getAttribute('aria-labelledby')!
            .split(' ')
            .some((id) => !document.getElementById(id))
        ).length
    )
    expect(unnamed).toBe(0)
    expect(await page.getByRole('region', { name: 'Studying', exact: true }).count()).toBe(1)
  })

  it('reads the deck counts as words, and takes focus to the heading of the screen the navigation opens', async () => {
    const { page } = await profile.open()
    await openDecks(page)
    // Three coloured numbers are read as one picture with words, not as "20 0 0".
    const row = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: FIRST_DECK }) })
    expect(await row.getByRole('img', { name: '20 new, 0 learning, 0 to review', exact: true }).count()).toBe(1)
    await page.getByRole('button', { name: FIRST_DECK }).click()
    await page.getByTestId('question').waitFor()
    expect(await page.getByRole('img', { name: '20 new, 0 learning, 0 to review; this card is new', exact: true }).count()).toBe(1)
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: FIRST_DECK }).waitFor()

    // Choosing a screen by keyboard leaves focus on that screen, not on the navigation: on its
    // heading, or on the control the screen starts on (the deck list: its first deck).
    const nav = page.getByRole('navigation', { name: 'Main' })
    const focusIsOnScreen = () =>
      page.evaluate(() => {
        const active = document.activeElement
        return active?.closest('main') && !active.closest('nav')
          ? active.tagName === 'H1'
            ? `heading ${active.textContent}`
            : 'control'
          : 'elsewhere'
      })
    for (const label of await nav.locator(':scope > button').allInnerTexts()) {
      await nav.getByRole('button', { name: label, exact: true }).focus()
      await page.keyboard.press('Enter')
      await expect.poll(focusIsOnScreen, { timeout: 10_000 }).not.toBe('elsewhere')
    }
    await nav.getByRole('button', { name: 'Statistics', exact: true }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(focusIsOnScreen).toBe('heading Statistics')
    // Tab goes on from the heading into the screen.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true)
  })

  it('closes the welcome for good with Escape (Skip), without moving on', async () => {
    const { page } = await profile.open({ welcome: true })
    await page.goto(inject('baseUrl'))
    await page.getByRole('dialog', { name: 'Welcome to Recall' }).waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await expect.poll(() => readSetting(page, 'welcomeSeen')).toBe(true)
    expect(await page.getByRole('heading', { name: 'Decks', level: 1 }).isVisible()).toBe(true)
  })

  it('switches themes by keyboard, keeps the choice across a restart from the first frame, and follows the system on System', async () => {
    const { context, page } = await profile.open()
    // Records the colours the moment React first puts something on the page.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.getElementById('root')?.firstChild) return
        observer.disconnect()
        Object.assign(window, {
          firstRender: { html: document.documentElement.className, body: getComputedStyle(document.body).backgroundColor }
        })
      }).observe(document, { childList: true, subtree: true })
    })
    await page.emulateMedia({ colorScheme: 'light' })
    await openDecks(page)
    expect(await htmlClass(page)).toContain('light')
    const lightBody = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)

    await theme(page, 'Dark').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => htmlClass(page)).toContain('dark')
    expect(await theme(page, 'Dark').getAttribute('aria-pressed')).toBe('true')
    const darkBody = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(darkBody).not.toBe(lightBody)
    await expect.poll(() => readSetting(page, 'theme')).toBe('dark')

    await openDecks(page)
    const first = await page.evaluate(() => (window as unknown as { firstRender: { html: string; body: string } }).firstRender)
    expect(first).toEqual({ html: 'dark', body: darkBody })

    await theme(page, 'System').focus()
    await page.keyboard.press('Space')
    await expect.poll(() => htmlClass(page)).toContain('light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => htmlClass(page)).toContain('dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => htmlClass(page)).toContain('light')
    await expect.poll(() => readSetting(page, 'theme')).toBe('system')
  })

  it('opens the shortcut sheet with ? on any screen, but not while typing; Esc closes only the sheet', async () => {
    const { page } = await profile.open()
    await openDecks(page)
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })

    await page.keyboard.press('?')
    await sheet.waitFor()
    for (const heading of ['Studying', 'Everywhere', 'Decks', 'Browse'])
      expect(await sheet.getByRole('heading', { name: heading }).count()).toBe(1)
    const text = await sheet.innerText()
    for (const does of ['Bury the card until tomorrow', 'Suspend the card', 'Reset the card to new', 'Jump to the search box'])
      expect(text).toContain(does)
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'detached' })
    expect(await focusedName(page)).toMatch(FIRST_DECK)

    await page.getByRole('button', { name: FIRST_DECK }).click()
    await page.getByTestId('question').waitFor()
    await page.keyboard.press('?')
    await sheet.waitFor()
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'detached' })
    expect(await page.getByTestId('question').isVisible()).toBe(true)

    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /^Options for AWS ML: chip/ }).click()
    const field = page.getByLabel('Preset name')
    await field.focus()
    await page.keyboard.press('?')
    expect(await field.inputValue()).toBe('Default?')
    expect(await page.getByRole('dialog').count()).toBe(0)
  })

  it('has no serious or critical axe violations on any screen, in light and in dark', async () => {
    const { page } = await profile.open({ welcome: true })
    const found: string[] = []
    const check = async (where: string) => {
      const violations = blocking(await runAxe(page))
      if (violations.length > 0) {
        const lines = formatViolations(where, violations)
        console.log(lines)
        found.push(...lines.split('\n'))
      }
    }

    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto(inject('baseUrl'))
    await page.getByRole('button', { name: FIRST_DECK }).waitFor({ state: 'attached' })
    const welcome = page.getByRole('dialog', { name: 'Welcome to Recall' })
    await welcome.waitFor()
    await check('light welcome')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => htmlClass(page)).toContain('dark')
    await check('dark welcome')
    await welcome.getByRole('button', { name: 'Skip' }).click()
    await page.emulateMedia({ colorScheme: 'light' })

    for (const scheme of ['Light', 'Dark'] as const) {
      const at = (screen: string) => `${scheme.toLowerCase()} ${screen}`
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Decks' }).click()
      await theme(page, scheme).click()
      await expect.poll(() => htmlClass(page)).toContain(scheme.toLowerCase())
      await check(at('decks'))

      await page.keyboard.press('?')
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
      await check(at('shortcut sheet'))
      await page.keyboard.press('Escape')
      await page.getByRole('dialog').waitFor({ state: 'detached' })

      await page.getByRole('button', { name: FIRST_DECK }).click()
      await page.getByTestId('question').waitFor()
      await check(at('study question'))
      await page.keyboard.press('Space')
      await page.getByTestId('answer').waitFor()
      await check(at('study answer'))
      await page.keyboard.press('Escape')

      await page.getByRole('button', { name: /^Options for AWS ML: chip/ }).click()
      await page.getByRole('heading', { name: /^Options/ }).waitFor()
      await check(at('deck options'))

      // Screens other people add (statistics, practice, browse, add…) show up as nav items.
      const nav = page.getByRole('navigation', { name: 'Main' })
      for (const label of await nav.locator(':scope > button').allInnerTexts()) {
        if (label === 'Decks') continue
        await nav.getByRole('button', { name: label, exact: true }).click()
        await page.locator('main h1').first().waitFor()
        await page.waitForLoadState('networkidle')
        await check(at(label))
      }
    }
    expect(found).toEqual([])
  })

  it('shows a focus ring on every control Tab reaches, on every screen', async () => {
    const { page } = await profile.open()
    await openDecks(page)
    const missing = await focusWithoutRing(page, 'decks')
    await page.getByRole('button', { name: FIRST_DECK }).click()
    await page.getByTestId('question').waitFor()
    missing.push(...(await focusWithoutRing(page, 'study question')))
    await page.keyboard.press('Space')
    await page.getByTestId('answer').waitFor()
    missing.push(...(await focusWithoutRing(page, 'study answer')))
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /^Options for AWS ML: chip/ }).click()
    await page.getByRole('heading', { name: /^Options/ }).waitFor()
    missing.push(...(await focusWithoutRing(page, 'deck options')))
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const label of await nav.locator(':scope > button').allInnerTexts()) {
      if (label === 'Decks') continue
      await nav.getByRole('button', { name: label, exact: true }).click()
      await page.locator('main h1').first().waitFor()
      await page.waitForLoadState('networkidle')
      missing.push(...(await focusWithoutRing(page, label)))
    }
    // The Tab walk may end in a text field (Tools has one), where "?" is typed, not a shortcut.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('?')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    missing.push(...(await focusWithoutRing(page, 'shortcut sheet')))
    expect(missing).toEqual([])
  })

  it('reflows at 200 % zoom and with text at 200 %: decks, study and options never scroll sideways or cut text', async () => {
    const { page } = await profile.open()
    const found: string[] = []
    const walk = async (mode: string, setUp: () => Promise<void>) => {
      await openDecks(page)
      await setUp()
      found.push(...(await overflowAt(page)).map((p) => `${mode} decks: ${p}`))
      await page.getByRole('button', { name: FIRST_DECK }).click()
      await page.getByTestId('question').waitFor()
      found.push(...(await overflowAt(page)).map((p) => `${mode} study question: ${p}`))
      await page.keyboard.press('Space')
      await page.getByTestId('answer').waitFor()
      found.push(...(await overflowAt(page)).map((p) => `${mode} study answer: ${p}`))
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: /^Options for AWS ML: chip/ }).click()
      await page.getByRole('heading', { name: /^Options/ }).waitFor()
      found.push(...(await overflowAt(page)).map((p) => `${mode} deck options: ${p}`))
    }
    // Browser zoom at 200 % on a 1280 × 800 window leaves a 640 × 400 CSS-pixel viewport.
    await page.setViewportSize({ width: 640, height: 400 })
    await walk('zoom 200 %', async () => undefined)
    // Text-only zoom: rem units must carry every size along.
    await page.setViewportSize({ width: 1280, height: 800 })
    await walk('text 200 %', () => page.evaluate(() => void (document.documentElement.style.fontSize = '200%')))
    expect(found).toEqual([])
  })
})
