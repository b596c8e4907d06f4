import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import initSqlJs from 'sql.js'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { legacyCollection, legacyMedia, packApkg, type FixtureNote } from '../fixtures/import/make-apkg'
import { pngOf } from '../fixtures/media/make-media'
import type { Page } from 'playwright-core'
import { newProfile, type Profile } from './browser'

const NOTES = 10_000
const IMAGES = 1_000

/** A big Anki deck: every tenth answer a diagram, the rest text with a little HTML. */
async function bigPackage(): Promise<Uint8Array> {
  const SQL = await initSqlJs()
  const notes: FixtureNote[] = Array.from({ length: NOTES }, (_, i) => ({
    guid: `big${i}`,
    fields:
      i % 10 === 0
        ? [`Which architecture is diagram ${i / 10}?`, `<img src="diagram-${i / 10}.png">`]
        : [`What does service <b>${i}</b> do?`, `It handles task ${i} &amp; logs it.`],
    deck: 'Big AWS deck'
  }))
  const media = Array.from({ length: IMAGES }, (_, i) => ({ name: `diagram-${i}.png`, bytes: pngOf(4 + (i % 50), 3 + Math.floor(i / 50)) }))
  return packApkg({ 'collection.anki2': legacyCollection(SQL, notes), ...legacyMedia(media) })
}

interface ProgressState {
  text: string
  bars: number
}

/** In the page: keeps every distinct text the import dialog's progress element shows. */
function recordProgress() {
  const states: ProgressState[] = []
  Object.assign(window, { importProgress: states })
  new MutationObserver(() => {
    const element = document.querySelector<HTMLElement>('[data-testid="import-dialog"] [data-testid="import-progress"]')
    if (!element) return
    const text = element.innerText.trim()
    if (states.at(-1)?.text !== text) states.push({ text, bars: element.querySelectorAll('progress, [role="progressbar"]').length })
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
}

/** The first recorded progress state that matches; on a timeout, says what the dialog showed instead. */
async function progressShown(page: Page, text: RegExp, timeout = 60_000): Promise<ProgressState> {
  const deadline = Date.now() + timeout
  for (;;) {
    const states = await page.evaluate(() => (window as unknown as { importProgress: ProgressState[] }).importProgress)
    const match = states.find((state) => text.test(state.text))
    if (match) return match
    if (Date.now() > deadline) {
      const dialog = page.getByTestId('import-dialog')
      const showing =
        (await dialog.count()) > 0
          ? await dialog.innerText()
          : `no import dialog; the page reads: ${await page.locator('body').innerText()}`
      throw new Error(
        `no progress matching ${text} within ${timeout} ms; progress seen: ${JSON.stringify(states)}; ${showing.slice(0, 800)}`
      )
    }
    await page.waitForTimeout(100)
  }
}

describe('a long import', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile?.remove()
  })

  it('shows a progress bar while a 10,000-note package is read, Cancel leaves nothing behind, and the import then comes in whole', async () => {
    const file = join(profile.dir, 'big.apkg')
    await writeFile(file, await bigPackage())
    const { page } = await profile.open()
    await page.goto(inject('baseUrl'))
    await page
      .getByRole('button', { name: /^Study / })
      .first()
      .waitFor()
    const decksBefore = await page.getByRole('button', { name: /^Study / }).count()

    const choose = async () => {
      const chooser = page.waitForEvent('filechooser')
      await page.getByRole('button', { name: 'Import…' }).click()
      await (await chooser).setFiles(file)
    }
    // The read can be over in well under a second on a quiet machine: every state the progress
    // element goes through is recorded as it renders, so none is missed between two looks.
    await page.evaluate(recordProgress)
    await choose()
    const dialog = page.getByTestId('import-dialog')
    const shown = await progressShown(page, /^(Unpacking|Reading notes: [\d,]+ of 10,000)/)
    expect(shown.bars).toBe(1)
    // The window stays responsive while the worker reads: the page answers at once.
    expect(await page.evaluate(() => 1 + 1)).toBe(2)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    const stored = () =>
      page.evaluate(
        () =>
          new Promise<{ decks: number; media: number }>((resolve, reject) => {
            const open = indexedDB.open('recall')
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const tx = open.result.transaction(['decks', 'media'])
              const decks = tx.objectStore('decks').count()
              const media = tx.objectStore('media').count()
              tx.oncomplete = () => {
                resolve({ decks: decks.result, media: media.result })
                open.result.close()
              }
            }
          })
      )
    const before = await stored()
    await page.waitForTimeout(1_000)
    expect(await stored()).toEqual(before)
    expect(before.media).toBe(0)
    expect(await page.getByRole('button', { name: /^Study / }).count()).toBe(decksBefore)

    await choose()
    await dialog.getByTestId('import-summary').waitFor({ timeout: 120_000 })
    expect(await dialog.getByTestId('import-summary').innerText()).toMatch(
      /^10,000 notes and 1,000 images and sounds from big\.apkg in a new deck\./
    )
    await dialog.getByRole('button', { name: 'Import 10,000 notes' }).click()
    await dialog.getByRole('button', { name: 'Done' }).waitFor({ timeout: 120_000 })
    expect(await dialog.getByRole('status').innerText()).toMatch(/10,000 notes added.*10,000 new study cards, 1,000 images/)
    await dialog.getByRole('button', { name: 'Done' }).click()
    expect(await stored()).toEqual({ decks: before.decks + 1, media: IMAGES })
  })
})
