import { readdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { newProfile, readReviewLog, type Profile } from './browser'

const DECK = /^Study AWS ML: service → purpose/

describe('the journal outside IndexedDB', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await newProfile()
  })
  afterEach(async () => {
    await profile.remove()
  })

  it('rebuilds the collection after its IndexedDB files are deleted outright, and tells the person', async () => {
    const first = await profile.open()
    await first.page.goto(inject('baseUrl'))
    // The built-in decks merged and counted: the deck list is settled.
    await first.page.getByRole('button', { name: /^Study AWS ML: service → purpose: 20 new/ }).focus()
    await first.page.keyboard.press('Enter')
    for (let i = 0; i < 4; i++) {
      const question = await first.page.getByTestId('question').innerText()
      await first.page.keyboard.press('Space')
      await expect.poll(() => first.page.getByTestId('answer').count()).toBe(1)
      await first.page.keyboard.press(String([3, 1, 3, 4][i]))
      await expect.poll(async () => (await first.page.getByTestId('question').innerText()) !== question).toBe(true)
    }
    const before = await readReviewLog(first.page)
    expect(before).toHaveLength(4)
    await first.context.close()

    // What Chromium does with a database it finds corrupt: every IndexedDB file of the origin gone.
    const root = join(profile.dir, 'Default', 'IndexedDB')
    const folders = readdirSync(root).filter((name) => name.startsWith('http_127.0.0.1'))
    expect(folders.length).toBeGreaterThan(0)
    for (const folder of folders) await rm(join(root, folder), { recursive: true, force: true })

    const second = await profile.open()
    await second.page.goto(inject('baseUrl'))
    const notice = second.page.getByTestId('journal-notice')
    await notice.waitFor()
    // The first answer asks for the browser's first automatic backup. Whether it is written before
    // the window closes, and how many answers it holds, is the machine's timing: the rebuild starts
    // from it and takes the rest from the journal, or takes all four from the journal. Either way
    // the person is told, and no answer is lost (below).
    const text = await notice.innerText()
    expect(text).toMatch(/lost Recall’s saved collection/)
    const fromBackup = /rebuilt it from the automatic backup of .* and its journal \((\d) answers? since that backup\)/s.exec(text)
    if (fromBackup) expect(Number(fromBackup[1])).toBeGreaterThanOrEqual(1)
    else expect(text).toMatch(/rebuilt it from its journal \(4 answers\)/)
    await second.page.getByRole('button', { name: DECK }).waitFor()
    expect(await readReviewLog(second.page)).toEqual(before)
    await notice.getByRole('button', { name: 'OK' }).click()
    await notice.waitFor({ state: 'detached' })

    // Studying goes on from where it was, and a third start finds the collection in step.
    await second.page.getByRole('button', { name: /^Study AWS ML: service → purpose: 16 new/ }).focus()
    await second.page.keyboard.press('Enter')
    await second.page.getByTestId('question').waitFor()
    await second.page.keyboard.press('Space')
    await expect.poll(() => second.page.getByTestId('answer').count()).toBe(1)
    await second.page.keyboard.press('3')
    await expect.poll(async () => (await readReviewLog(second.page)).length).toBe(5)
    await second.context.close()
    const third = await profile.open()
    await third.page.goto(inject('baseUrl'))
    await third.page.getByRole('button', { name: DECK }).waitFor()
    expect(await third.page.getByTestId('journal-notice').count()).toBe(0)
    expect(await readReviewLog(third.page)).toHaveLength(5)
  })
})
