import type { SyncFolderResult } from '@shared/sync/sync-folder-access'
import { syncNow } from '@db/sync/sync-engine'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { pngOf } from '../../../../fixtures/media/make-media'
import { MemoryFolder } from './memory-folder'
import { collectionOf, grade, importWithImage, linkedPair } from './sync-helpers'

const MINUTE = 60_000

/**
 * A folder that runs `during` once, the first time a sync writes a picture into it: after the
 * sync has read the outbox and before it writes the merge, the moment a grade given on the study
 * screen while a sync runs can fall into.
 */
class FolderWithAPause extends MemoryFolder {
  during?: () => Promise<void>

  override async writeMedia(device: string, hash: string, bytes: Uint8Array): Promise<SyncFolderResult<string>> {
    const during = this.during
    this.during = undefined
    await during?.()
    return super.writeMedia(device, hash, bytes)
  }
}

describe('a grade given while a sync runs', () => {
  it('keeps the state the study screen gave it; the next sync sends it and both machines end with both grades, replayed alike', async () => {
    const folder = new FolderWithAPause()
    const { laptop, desktop, t } = await linkedPair({ aws: 4 }, folder)
    await grade(desktop, 'aws/c1', Rating.Again, t)
    await syncNow(desktop, folder)
    // A picture imported on the laptop makes its next sync write media before the merge.
    await importWithImage(laptop, 'anatomy', 'heart.png', pngOf(3, 2, [90, 10, 200]))

    let graded: unknown
    folder.during = async () => {
      await grade(laptop, 'aws/c1', Rating.Good, t + 10 * MINUTE)
      graded = await laptop.cards.get('aws/c1')
    }
    const report = await syncNow(laptop, folder)
    expect(report.ok).toBe(true)
    expect(graded).toBeDefined()
    // The sync brought the desktop's grade but left the card as the grade made it: the study
    // screen's next card was chosen from that state, and nothing overwrote it under it.
    expect(await laptop.cards.get('aws/c1')).toEqual(graded)
    const cardReviews = async (db: typeof laptop) => (await db.reviews.where('cardKey').equals('aws/c1').toArray()).map((r) => r.rating)
    expect((await cardReviews(laptop)).sort()).toEqual([Rating.Again, Rating.Good].sort())

    // The next syncs send the grade and replay the card from both grades, on both machines.
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    const laptopCollection = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(laptopCollection)
    expect(laptopCollection.reviews.filter((r) => r.startsWith('aws/c1 '))).toHaveLength(2)
    // Replayed from both grades in time order: Again, then Good ten minutes later, not Good alone.
    const card = (await laptop.cards.get('aws/c1'))!
    expect(card.reps).toBe(2)
    expect(card.lapses).toBe(0)
    expect(card).not.toEqual(graded)
  })
})
