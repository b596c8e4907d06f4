import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { syntheticHistories } from '../../scripts/bench/synthetic-reviews'
import { newProfile, type Profile } from './browser'

const DECK = 'AWS ML: chip → role'

/**
 * Writes a review history for the deck straight into IndexedDB, as if it had been studied for
 * years: `reviews` synthetic grades (cards that exist only in the log, which is all the optimizer reads).
 */
async function seedReviews(page: Page, reviews: number) {
  const today = new Date()
  const rows = syntheticHistories(reviews, 11).flatMap((history, card) => {
    const span = history.reduce((days, r) => days + r.deltaT, 0)
    let day = -span - 1
    return history.map((r, i) => {
      day += r.deltaT
      const review = new Date(today.getFullYear(), today.getMonth(), today.getDate() + day, 10, i).getTime()
      return { card, rating: r.rating, review }
    })
  })
  await page.evaluate(
    ({ rows, deckName }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('recall')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const decks = db.transaction('decks').objectStore('decks').getAll()
          decks.onsuccess = () => {
            const deckId = (decks.result as Array<{ id: string; name: string }>).find((d) => d.name === deckName)!.id
            const tx = db.transaction('reviews', 'readwrite')
            const store = tx.objectStore('reviews')
            for (const { card, rating, review } of rows)
              store.add({
                cardKey: `${deckId}/optimizer-${card}`,
                deckId,
                rating,
                review,
                duration: 5000,
                state: 2,
                due: review,
                stability: 1,
                difficulty: 5,
                elapsed_days: 0,
                last_elapsed_days: 0,
                scheduled_days: 1,
                learning_steps: 0
              })
            tx.oncomplete = () => {
              db.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }
      }),
    { rows, deckName: DECK }
  )
}

const optimizerWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('optimizer-worker'))

describe('the FSRS optimizer in the web build', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('fits parameters in a worker with progress, and Cancel (by keyboard) ends the worker and keeps the parameters', async () => {
    const { page } = await profile.open()
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    await page.goto(inject('baseUrl'))
    await page.getByRole('button', { name: new RegExp(`^Options for ${DECK}`) }).waitFor()
    await seedReviews(page, 5000)
    await page.getByRole('button', { name: new RegExp(`^Options for ${DECK}`) }).click()
    await page.getByRole('heading', { name: /^Options/ }).waitFor()

    // Run to the end: progress in per cent, then the comparison and the 21 parameters.
    await page.getByRole('button', { name: 'Optimize', exact: true }).click()
    await page.getByText(/^Fitting parameters… \d+%$/).waitFor({ timeout: 30_000 })
    await page.getByTestId('optimizer-result').waitFor({ timeout: 60_000 })
    const parameters = (await page.getByText(/^w0: /).textContent()) ?? ''
    expect(parameters.split(' · ')).toHaveLength(21)
    expect(optimizerWorkers(page)).toHaveLength(0)
    await page.getByRole('button', { name: 'Keep my current ones' }).click()

    // Again, and cancel while it trains: the worker is ended and nothing is proposed.
    await page.getByRole('button', { name: 'Optimize', exact: true }).click()
    await expect.poll(() => optimizerWorkers(page).length, { timeout: 15_000 }).toBe(1)
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true })
    await cancel.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Optimizing was cancelled. Your current parameters are kept.' }).waitFor()
    // Ended, not left to finish: the worker goes (Chromium takes a moment to report it).
    await expect.poll(() => optimizerWorkers(page).length, { timeout: 15_000 }).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Optimize')
    expect(await page.getByTestId('optimizer-result').count()).toBe(0)
    expect(consoleErrors).toEqual([])
  })
})
