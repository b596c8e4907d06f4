import { encodeSegment, segmentName } from '@shared/sync/segment-format'
import { formatStamp } from '@shared/sync/hlc'
import { expect, it, onTestFailed } from 'vitest'
import { firstReview } from '../fixtures/sync/review-change'
import { newProfile, readReviewLog, readStore } from './browser'
import { linkFolder, openLinkedBrowsers } from './sync-browsers'
import { listFolder, startSyncthing, syncthingInstalled, writeWhileApart, type SyncthingInstance } from './syncthing'

/*
 * Issue 24's engines' habits, with the real engine: two installations that write as one device
 * (a profile copied to a second machine) each write their segment 1, different, while their
 * Syncthings are apart. Syncthing keeps both, one as a `*.sync-conflict-*` copy; the app that
 * reads the folder applies both (each is somebody's work) and says two installations write as one.
 */
const available = syncthingInstalled() || Boolean(process.env.CI)
if (!available) console.warn('Skipping the Syncthing conflict-copy test: syncthing is not installed (apt-get install -y syncthing).')

const TWIN = 'cccccccccccccccc'

/** A first review of `card` as the twin device wrote it, at `wall`. */
const review = (card: string, deck: string, rating: 1 | 2 | 3 | 4, wall: number) =>
  firstReview({ at: formatStamp({ wall, count: 0, device: TWIN }), card, deck, rating, wall })

it.skipIf(!available)(
  'a segment Syncthing kept twice, as a conflict copy, reaches the app whole: both versions applied, and said',
  async () => {
    const cluster = await startSyncthing(2)
    const profile = await newProfile()
    onTestFailed(() => console.log(cluster.logs()))
    try {
      await cluster.waitConnected()
      const [a, b] = cluster.instances as [SyncthingInstance, SyncthingInstance]
      const page = (await openLinkedBrowsers(cluster, [profile]))[0]!
      await linkFolder(page, 'Share this collection')

      const [first, second] = (await readStore<{ id: string; deckId: string }>(page, 'cards')).sort((x, y) => x.id.localeCompare(y.id))
      const t = Date.now() - 3_600_000
      const path = `recall/${TWIN}/${segmentName(1)}`
      const segment = (card: { id: string; deckId: string }, rating: 1 | 2 | 3 | 4, wall: number) =>
        encodeSegment(TWIN, 1, [review(card.id, card.deckId, rating, wall)]).text
      // B's is the later write, so B's keeps the name and A's becomes the copy (Syncthing's rule).
      await writeWhileApart(
        cluster,
        path,
        { instance: a, text: segment(first!, 3, t) },
        { instance: b, text: segment(second!, 4, t + 1_000) }
      )
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
