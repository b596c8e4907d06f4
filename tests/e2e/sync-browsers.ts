import type { Page } from 'playwright-core'
import { inject, onTestFailed } from 'vitest'
import { newProfile, type Profile } from './browser'
import { folderPicker } from './sync-folder-handle'
import { startSyncthing, type SyncthingCluster } from './syncthing'

/**
 * Two Syncthing instances on 127.0.0.1 and two browsers, each with the folder picker set to its own
 * instance's folder, for `run`; every one stopped and removed after, and the instances' logs
 * printed if the test fails.
 */
export async function withTwoBrowsersOverSyncthing(
  run: (setup: { cluster: SyncthingCluster; a: Page; b: Page; profiles: Profile[] }) => Promise<void>
): Promise<void> {
  const cluster = await startSyncthing(2)
  const profiles = [await newProfile(), await newProfile()]
  onTestFailed(() => console.log(cluster.logs()))
  try {
    await cluster.waitConnected()
    const [a, b] = (await openLinkedBrowsers(cluster, profiles)) as [Page, Page]
    await run({ cluster, a, b, profiles })
  } finally {
    await Promise.all(profiles.map((p) => p.remove()))
    await cluster.stop()
  }
}

/** One browser per profile, each with the folder picker stand-in set to its own Syncthing's folder, on the app. */
export async function openLinkedBrowsers(cluster: SyncthingCluster, profiles: readonly Profile[]): Promise<Page[]> {
  const pages: Page[] = []
  for (const [i, profile] of profiles.entries()) {
    const { context, page } = await profile.open()
    const picker = folderPicker()
    await picker.install(context)
    picker.choose(cluster.instances[i]!.folder)
    await page.goto(inject('baseUrl'))
    pages.push(page)
  }
  return pages
}

/** The app's Tools screen, with its sync panel. */
export async function openTools(page: Page): Promise<void> {
  await page.goto(inject('baseUrl'))
  await page.getByRole('button', { name: 'Tools' }).first().click()
  await page.getByTestId('sync-panel').waitFor()
}

/** Chooses the sync folder in Tools and links this collection to it: sharing it, or merging it with the folder's. */
export async function linkFolder(page: Page, choice: 'Share this collection' | 'Merge both collections'): Promise<void> {
  await openTools(page)
  await page.getByRole('button', { name: 'Choose sync folder…' }).click()
  await page.getByRole('button', { name: choice }).click()
  await page.getByRole('button', { name: 'Sync now' }).waitFor()
}

/** Sync now in Tools, waiting until the exchange is done. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync now' }).click()
  await page.getByRole('button', { name: 'Sync now' }).waitFor()
}
