import { expect, inject, it, onTestFailed } from 'vitest'
import type { Page } from 'playwright-core'
import { newProfile, readReviewLog } from './browser'
import { folderPicker } from './sync-folder-handle'
import { listFolder, startSyncthing, syncthingInstalled } from './syncthing'

/*
 * Issue 24's real sync engine: two browsers (their own profiles), each linked through the folder
 * picker stand-in to the folder of its own Syncthing on 127.0.0.1, study offline, sync, Syncthing
 * carries the segments, sync again: both end with every review once and the same schedules.
 */
const available = syncthingInstalled() || Boolean(process.env.CI)
if (!available) console.warn('Skipping the two-browser sync test: syncthing is not installed (apt-get install -y syncthing).')

async function study(page: Page, grades: number[]) {
  await page.getByRole('button', { name: /^Study AWS ML: service → purpose: \d+ new/ }).focus()
  await page.keyboard.press('Enter')
  for (const grade of grades) {
    const question = await page.getByTestId('question').innerText()
    await page.keyboard.press('Space')
    await expect.poll(() => page.getByTestId('answer').count()).toBe(1)
    await page.keyboard.press(String(grade))
    await expect.poll(async () => (await page.getByTestId('question').innerText()) !== question).toBe(true)
  }
}

async function openTools(page: Page) {
  await page.goto(inject('baseUrl'))
  await page.getByRole('button', { name: 'Tools' }).first().click()
  await page.getByTestId('sync-panel').waitFor()
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sync now' }).click()
  await page.getByRole('button', { name: 'Sync now' }).waitFor()
}

/** The devices that have written a closed segment into this folder (`recall/<device>/<seq>.seg`). */
function writers(folder: string): string[] {
  return [...new Set(listFolder(folder).flatMap((path) => /^recall\/([0-9a-f]{16})\/\d{10}\.seg$/.exec(path)?.[1] ?? []))].sort()
}

function cards(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Array<Record<string, unknown> & { id: string }>>((resolve, reject) => {
        const open = indexedDB.open('recall')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction('cards').objectStore('cards').getAll()
          request.onsuccess = () => {
            resolve(request.result)
            open.result.close()
          }
          request.onerror = () => reject(request.error)
        }
      })
  )
}

it.skipIf(!available)('two browsers linked through Syncthing end with the same collection', async () => {
  const cluster = await startSyncthing(2)
  const profiles = [await newProfile(), await newProfile()]
  onTestFailed(() => console.log(cluster.logs()))
  try {
    await cluster.waitConnected()
    const pages: Page[] = []
    for (const [i, profile] of profiles.entries()) {
      const { context, page } = await profile.open()
      const picker = folderPicker()
      await picker.install(context)
      picker.choose(cluster.instances[i]!.folder)
      await page.goto(inject('baseUrl'))
      pages.push(page)
    }
    const [a, b] = pages as [Page, Page]
    await study(a, [3, 1, 3])
    await study(b, [4, 3])

    await openTools(a)
    await a.getByRole('button', { name: 'Choose sync folder…' }).click()
    await a.getByRole('button', { name: 'Share this collection' }).click()
    await a.getByRole('button', { name: 'Sync now' }).waitFor()
    await syncNow(a)
    const [folderA, folderB] = cluster.instances.map((i) => i.folder) as [string, string]
    await expect.poll(() => writers(folderA).length, { timeout: 30_000 }).toBe(1)
    await cluster.waitInSync()
    expect(writers(folderB)).toEqual(writers(folderA))

    await openTools(b)
    await b.getByRole('button', { name: 'Choose sync folder…' }).click()
    await b.getByRole('button', { name: 'Merge both collections' }).click()
    await b.getByRole('button', { name: 'Sync now' }).waitFor()
    await syncNow(b)
    await expect.poll(() => writers(folderB).length, { timeout: 30_000 }).toBe(2)
    await cluster.waitInSync()
    expect(writers(folderA)).toEqual(writers(folderB))
    await syncNow(a)
    await syncNow(b)

    // Every review of both, once each, on both.
    for (const page of pages) await expect.poll(async () => (await readReviewLog(page)).length, { timeout: 30_000 }).toBe(5)
    const logs = await Promise.all(pages.map(readReviewLog))
    const sorted = (log: Array<{ cardKey: string; rating: number }>) => log.map((r) => `${r.cardKey}:${r.rating}`).sort()
    expect(sorted(logs[1]!)).toEqual(sorted(logs[0]!))
    // The studied cards' schedules: the same on both (the built-in decks' unstudied cards carry
    // each machine's own creation time).
    const studied = new Set(logs[0]!.map((r) => r.cardKey))
    // Both studied the deck's first cards offline: those cards' grades from two machines are merged.
    expect(studied.size).toBe(3)
    const schedules = async (page: Page) =>
      (await cards(page))
        .filter((card) => studied.has(card.id))
        .map(({ id, due, stability, difficulty, reps, lapses, state, last_review, queue }) => ({
          id,
          due,
          stability,
          difficulty,
          reps,
          lapses,
          state,
          last_review,
          queue
        }))
        .sort((x, y) => String(x.id).localeCompare(String(y.id)))
    const onA = await schedules(a)
    expect(onA).toHaveLength(studied.size)
    expect(onA.every((card) => Number(card.reps) > 0)).toBe(true)
    expect(await schedules(b)).toEqual(onA)
  } finally {
    await Promise.all(profiles.map((p) => p.remove()))
    await cluster.stop()
  }
})
