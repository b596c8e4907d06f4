import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { encodeSegment, segmentName } from '@shared/sync/segment-format'
import type { ReviewChange } from '@shared/sync/changes'
import { formatStamp } from '@shared/sync/hlc'
import { expect, inject, it, onTestFailed } from 'vitest'
import { newProfile, readReviewLog } from './browser'
import { folderPicker } from './sync-folder-handle'
import { listFolder, startSyncthing, syncthingInstalled } from './syncthing'

/*
 * Issue 24's engines' habits, with the real engine: two installations that write as one device
 * (a profile copied to a second machine) each write their segment 1, different, while their
 * Syncthings are apart. Syncthing keeps both, one as a `*.sync-conflict-*` copy; the app that
 * reads the folder applies both (each is somebody's work) and says two installations write as one.
 */
const available = syncthingInstalled() || Boolean(process.env.CI)
if (!available) console.warn('Skipping the Syncthing conflict-copy test: syncthing is not installed (apt-get install -y syncthing).')

const TWIN = 'cccccccccccccccc'

/** A review of `card` (new → learning) as the twin device wrote it, at `wall`. */
function review(card: string, deck: string, rating: 1 | 2 | 3 | 4, wall: number): ReviewChange {
  const at = formatStamp({ wall, count: 0, device: TWIN })
  return {
    k: 'review',
    at,
    id: at,
    card,
    deck,
    rating,
    review: wall,
    duration: 5_000,
    before: 'new',
    log: { state: 0, due: wall, stability: 0, difficulty: 0, elapsed_days: 0, last_elapsed_days: 0, scheduled_days: 0, learning_steps: 0 },
    after: {
      due: wall + 600_000,
      stability: 2.3,
      difficulty: 2.1,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 1,
      reps: 1,
      lapses: 0,
      state: 1
    }
  }
}

async function builtInCards(page: Page): Promise<Array<{ id: string; deckId: string }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('recall')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction('cards').objectStore('cards').getAll()
          request.onsuccess = () => {
            resolve(request.result.map((c: { id: string; deckId: string }) => ({ id: c.id, deckId: c.deckId })))
            open.result.close()
          }
          request.onerror = () => reject(request.error)
        }
      })
  )
}

it.skipIf(!available)(
  'a segment Syncthing kept twice, as a conflict copy, reaches the app whole: both versions applied, and said',
  async () => {
    const cluster = await startSyncthing(2)
    const profile = await newProfile()
    onTestFailed(() => console.log(cluster.logs()))
    try {
      await cluster.waitConnected()
      const [a, b] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]]
      const { context, page } = await profile.open()
      const picker = folderPicker()
      await picker.install(context)
      picker.choose(a.folder)
      await page.goto(inject('baseUrl'))
      await page.getByRole('button', { name: 'Tools' }).first().click()
      await page.getByTestId('sync-panel').waitFor()
      await page.getByRole('button', { name: 'Choose sync folder…' }).click()
      await page.getByRole('button', { name: 'Share this collection' }).click()
      await page.getByRole('button', { name: 'Sync now' }).waitFor()

      const [first, second] = (await builtInCards(page)).sort((x, y) => x.id.localeCompare(y.id))
      const t = Date.now() - 3_600_000
      const path = `recall/${TWIN}/${segmentName(1)}`
      await a.pauseOthers()
      await b.pauseOthers()
      for (const [instance, card, rating, wall] of [
        [a, first!, 3, t],
        [b, second!, 4, t + 1_000]
      ] as const) {
        await mkdir(join(instance.folder, 'recall', TWIN), { recursive: true })
        await writeFile(join(instance.folder, path), encodeSegment(TWIN, 1, [review(card.id, card.deckId, rating, wall)]).text)
      }
      // B's is the later write, so B's keeps the name and A's becomes the copy (Syncthing's rule).
      const now = Date.now() / 1000
      await utimes(join(a.folder, path), now - 60, now - 60)
      await utimes(join(b.folder, path), now, now)
      await a.scan()
      await b.scan()
      await a.resumeOthers()
      await b.resumeOthers()
      await cluster.waitConnected()
      await cluster.waitInSync()
      const twin = listFolder(a.folder).filter((f) => f.startsWith(`recall/${TWIN}/`))
      expect(twin).toHaveLength(2)
      expect(twin.find((f) => f !== path)).toMatch(/^recall\/c{16}\/0000000001\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.seg$/)

      await page.getByRole('button', { name: 'Sync now' }).click()
      await expect
        .poll(async () => (await readReviewLog(page)).map((r) => `${r.cardKey} ${r.rating}`).sort(), { timeout: 30_000 })
        .toEqual([`${first!.id} 3`, `${second!.id} 4`].sort())
      await expect
        .poll(() => page.getByRole('list', { name: 'Files left alone' }).innerText(), { timeout: 10_000 })
        .toContain(`Two installations write as one device (${TWIN}, segment 1`)
    } finally {
      await profile.remove()
      await cluster.stop()
    }
  }
)
