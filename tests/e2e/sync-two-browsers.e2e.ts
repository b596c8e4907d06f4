import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { readReviewLog, readStore } from './browser'
import { linkFolder, syncNow, withTwoBrowsersOverSyncthing } from './sync-browsers'
import { listFolder, syncthingInstalled } from './syncthing'

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

/** The devices that have written a closed segment into this folder (`recall/<device>/<seq>.seg`). */
function writers(folder: string): string[] {
  return [...new Set(listFolder(folder).flatMap((path) => /^recall\/([0-9a-f]{16})\/\d{10}\.seg$/.exec(path)?.[1] ?? []))].sort()
}

it.skipIf(!available)('two browsers linked through Syncthing end with the same collection', async () => {
  await withTwoBrowsersOverSyncthing(async ({ cluster, a, b }) => {
    await study(a, [3, 1, 3])
    await study(b, [4, 3])

    await linkFolder(a, 'Share this collection')
    await syncNow(a)
    const [folderA, folderB] = cluster.instances.map((i) => i.folder) as [string, string]
    await expect.poll(() => writers(folderA).length, { timeout: 30_000 }).toBe(1)
    await cluster.waitInSync()
    expect(writers(folderB)).toEqual(writers(folderA))

    await linkFolder(b, 'Merge both collections')
    await syncNow(b)
    await expect.poll(() => writers(folderB).length, { timeout: 30_000 }).toBe(2)
    await cluster.waitInSync()
    expect(writers(folderA)).toEqual(writers(folderB))
    await syncNow(a)
    await syncNow(b)

    // Every review of both, once each, on both.
    const pages = [a, b]
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
      (await readStore<Record<string, unknown> & { id: string }>(page, 'cards'))
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
  })
})
