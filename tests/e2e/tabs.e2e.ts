import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, readReviewLog, type Profile } from './browser'
import { inconsistencies, readCollection } from './stored-collection'

const DECK = 'AWS ML: pipeline stage → services'
const deckButton = (page: Page) => page.getByRole('button', { name: new RegExp(`^Study ${DECK}`) })
const deckLabel = async (page: Page) => (await deckButton(page).getAttribute('aria-label')) ?? ''

async function openDeck(page: Page) {
  await deckButton(page).click()
  await page.getByTestId('question').waitFor()
}

const notSaved = (page: Page) => page.getByRole('alert').filter({ hasText: /not saved/ })

/** Shows the answer, grades, and waits for the next card or for the message that it was not saved. */
async function grade(page: Page, key: string): Promise<string> {
  await page.keyboard.press('Space')
  await page.getByTestId('answer').waitFor()
  await page.keyboard.press(key)
  await expect.poll(async () => (await page.getByTestId('answer').count()) === 0 || (await notSaved(page).count()) > 0).toBe(true)
  return (await notSaved(page).count()) === 0 ? 'saved' : notSaved(page).innerText()
}

type Outcome = 'saved' | 'refused'

describe('two tabs on one collection', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile?.remove()
  })

  it('study the same deck in turn: one log row per saved grade, every card explained by its log, the same counts in both', async () => {
    const { context, page: first } = await profile.open()
    const second = await context.newPage()
    const tabs = [first, second]
    for (const tab of tabs) {
      await tab.goto(inject('baseUrl'))
      await openDeck(tab)
    }

    const keys = ['3', '1', '4', '3', '2', '3', '3', '1', '3', '4', '3', '3']
    const outcomes: Outcome[] = []
    for (const [i, key] of keys.entries()) {
      const tab = tabs[i % 2]!
      const result = await grade(tab, key)
      if (result !== 'saved') expect(result).toMatch(/answered .*in another Recall window or tab/)
      const outcome: Outcome = result === 'saved' ? 'saved' : 'refused'
      outcomes.push(outcome)
      if (outcome === 'refused') {
        // The card was answered in the other tab; opening the deck again shows where things stand.
        await tab.keyboard.press('Escape')
        await openDeck(tab)
      }
    }
    const saved = outcomes.filter((o) => o === 'saved').length
    // Both tabs showed the same first card, so the second answer to it had to be refused.
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(0)

    const stored = await readCollection(first)
    expect(stored.reviews).toHaveLength(saved)
    expect(inconsistencies(stored)).toEqual([])

    for (const tab of tabs) {
      await tab.keyboard.press('Escape')
      await tab.reload()
      await deckButton(tab).waitFor()
    }
    const studied = new Set(stored.reviews.map((r) => r.cardKey)).size
    const learning = stored.cards.filter((c) => c.deckId === 'aws-ml-pipeline' && c.queue === 1).length
    await expect.poll(() => deckLabel(first)).toContain(`${20 - studied} new, ${learning} learning, 0 to review`)
    expect(await deckLabel(second)).toBe(await deckLabel(first))
    await context.close()
  })

  it('asks a tab to reload when a newer Recall upgrades the collection in another window, and then goes on', async () => {
    const { context, page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await openDeck(page)

    // A newer Recall: same origin, the collection opened one version up, and kept open.
    const newer = await context.newPage()
    await newer.goto(new URL('decks/library.json', inject('baseUrl')).href)
    await newer.evaluate(async () => {
      const open = (version?: number) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('recall', version)
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
      const current = await open()
      const version = current.version + 1
      current.close()
      ;(window as unknown as { held: IDBDatabase }).held = await open(version)
    })
    const alert = page.getByTestId('collection-alert')
    await expect.poll(() => alert.count()).toBe(1)
    expect(await alert.innerText()).toMatch(/Recall was updated in another window; reload to continue/)
    const question = await page.getByTestId('question').innerText()
    expect(await grade(page, '3')).toMatch(/not saved/)
    expect(await page.getByTestId('question').innerText()).toBe(question)
    expect(await readReviewLog(newer)).toEqual([])

    await newer.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close())
    await alert.getByRole('button', { name: 'Reload' }).click()
    await openDeck(page)
    expect(await grade(page, '3')).toBe('saved')
    expect(await readReviewLog(page)).toHaveLength(1)
    await context.close()
  })
})
