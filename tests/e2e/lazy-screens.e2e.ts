import type { Route } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, type Profile } from './browser'

const DECK = /^Study AWS ML: service → purpose/

describe('screens and dialogs loaded on demand', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('studies with the first download alone; a screen that is still loading says so, one that cannot load says why and can be retried', async () => {
    const { page } = await profile.open()
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
    })
    // Card text's Markdown pipeline is held back: a first card in plain words is drawn without it.
    let releaseMarkdown: () => void = () => undefined
    const markdownHeld = new Promise<void>((resolve) => (releaseMarkdown = resolve))
    await page.route(/card-markdown-[\w-]+\.js$/, async (route: Route) => {
      await markdownHeld
      await route.continue()
    })
    await page.goto(inject('baseUrl'))

    // Deck list, a card, its answer, a grade, back: no screen's code fetched beyond the entry script.
    await page.getByRole('button', { name: DECK }).click()
    const question = await page.getByTestId('question').innerText()
    expect(question).not.toBe('')
    releaseMarkdown()
    await page.keyboard.press('Space')
    await page.getByTestId('answer').waitFor()
    await page.keyboard.press('3')
    await expect.poll(async () => (await page.getByTestId('question').innerText()) !== question).toBe(true)
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: DECK }).waitFor()
    // Beside the entry script and the few lines that open the collection early (index.html), only
    // what works in the background: the journal's worker and
    // start-up check (with the epoch code it shares with a rebuild), the built-in decks' merge
    // with the card templates and cloze code it shares (this is the profile's first start: an
    // ordinary start, with the decks merged before, does not fetch it), the automatic backups (the browser's first backup falls due at the first
    // grade: their folder, schedule and encoder; the sync bookkeeping a restore keeps comes only
    // with a restore), and card text's Markdown pipeline, fetched a moment after the first card
    // (with the chunk it shares with the rich text). No screen's, dialog's or store action's code,
    // and no sync code while no folder is linked.
    const background =
      /\/(journal-worker|journal-check|journal-epoch|deck-repository|cards-of-note|anki-template|cloze|opfs-backup-store|auto-backup|decode-backup|collection-backup|card-markdown)-[\w-]+\.js$/
    const rest = scripts.filter((s) => !background.test(s) && !s.endsWith('/open-collection-early.js'))
    expect(scripts.filter((s) => s.endsWith('/open-collection-early.js'))).toHaveLength(1)
    expect(rest.length).toBeLessThanOrEqual(2)
    expect(rest.every((s) => /\/assets\/index-[\w-]+\.js$/.test(s))).toBe(true)
    expect(scripts.filter((s) => /-actions-[\w-]+\.js$|\/fs-access-sync-/.test(s))).toEqual([])

    // A card's review history (I) is fetched when it first opens, and shows once it is there.
    await page.getByRole('button', { name: DECK }).click()
    await page.getByTestId('question').waitFor()
    await page.keyboard.press('i')
    await page.getByRole('dialog', { name: 'Review history' }).waitFor()
    expect(scripts.some((s) => /\/CardHistoryDialog-[\w-]+\.js$/.test(s))).toBe(true)
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: DECK }).waitFor()

    // "?" works before the sheet's code is there, and fetches it.
    await page.keyboard.press('?')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    expect(scripts.some((s) => /ShortcutSheet-[\w-]+\.js$/.test(s))).toBe(true)
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })

    // Held back: the exam screen's code arrives only when the test lets it; meanwhile a status says it is loading.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(/ExamPlanScreen-[\w-]+\.js$/, async (route: Route) => {
      await held
      await route.continue()
    })
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('button', { name: 'Exam plan' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Loading…' }).count()).toBe(1)
    release()
    await page.getByRole('heading', { name: /exam/i, level: 1 }).waitFor()
    expect(await page.getByRole('status').filter({ hasText: 'Loading…' }).count()).toBe(0)

    // Refused (a dropped connection, a chunk gone after an update): a message, not a blank page; then a retry.
    await page.route(/StatsScreen-[\w-]+\.js$/, (route: Route) => route.abort('connectionfailed'))
    await nav.getByRole('button', { name: 'Statistics' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'Recall could not open the statistics' })
    await alert.waitFor()
    await expect.poll(() => nav.isVisible()).toBe(true)
    await page.unroute(/StatsScreen-[\w-]+\.js$/)
    await alert.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor()
    expect(await alert.count()).toBe(0)
  })
})
