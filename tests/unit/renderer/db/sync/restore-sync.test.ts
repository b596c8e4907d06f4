import { editCardText } from '@db/card-actions'
import { encodeCollection, restoreCollection } from '@db/collection-backup'
import { syncNow } from '@db/sync/sync-engine'
import { readMeta } from '@db/sync/sync-meta'
import { OUTBOX_TABLE } from '@db/sync/sync-records'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../../helpers/fixtures'
import { collectionOf, grade, linkedPair } from './sync-helpers'

const DAY = 86_400_000

describe('a backup restored while linked', () => {
  it('restored on the same machine: grades made since the backup come back from the folder, and the restored text wins on both', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 4 })
    await grade(laptop, 'aws/c1', Rating.Good, t)
    await syncNow(laptop, folder)
    const backup = await encodeCollection(laptop, 'test', t)
    await grade(laptop, 'aws/c1', Rating.Good, t + 2 * DAY)
    await editCardText(laptop, 'aws', 'c2', { front: 'Edited after the backup', back: 'Answer 2', extra: '' })
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    const { device } = await readMeta(laptop)

    expect((await restoreCollection(laptop, backup)).ok).toBe(true)
    expect((await readMeta(laptop)).device).toBe(device)
    for (const db of [laptop, desktop, laptop]) expect((await syncNow(db, folder)).ok).toBe(true)

    const a = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(a)
    // The second grade, made after the backup, is not lost; each grade is there once.
    expect(a.reviews.filter((r) => r.startsWith('aws/c1 '))).toHaveLength(2)
    expect(a.notes.find((n) => n.id === 'aws/c2')!.note).toMatchObject({ front: 'Question 2' })
  })

  it('another machine’s backup keeps this machine’s device id, and its reviews stay that machine’s: counted once everywhere', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 4 })
    await grade(laptop, 'aws/c1', Rating.Good, t)
    await grade(laptop, 'aws/c3', Rating.Again, t + 1_000)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    const desktopDevice = (await readMeta(desktop)).device

    expect((await restoreCollection(desktop, await encodeCollection(laptop, 'test', t))).ok).toBe(true)
    expect((await readMeta(desktop)).device).toBe(desktopDevice)
    await grade(desktop, 'aws/c2', Rating.Easy, t + DAY)
    for (const db of [desktop, laptop, desktop]) expect((await syncNow(db, folder)).ok).toBe(true)

    const a = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(a)
    expect(a.reviews).toHaveLength(3)
    const report = await syncNow(desktop, folder)
    expect(report.notices.filter((n) => n.includes('Two installations'))).toEqual([])
  })

  it('a linked machine’s backup restored on a machine that is not linked leaves it unlinked, recording nothing', async () => {
    const { laptop, t } = await linkedPair({ aws: 4 })
    await grade(laptop, 'aws/c1', Rating.Good, t)
    const elsewhere = freshDatabase()
    expect((await restoreCollection(elsewhere, await encodeCollection(laptop, 'test', t))).ok).toBe(true)
    expect((await readMeta(elsewhere)).link).toBeUndefined()
    expect(elsewhere.syncRecording.linked).toBe(false)
    await grade(elsewhere, 'aws/c2', Rating.Good, t + DAY)
    expect(await elsewhere.table(OUTBOX_TABLE).count()).toBe(0)
    expect(await elsewhere.reviews.count()).toBe(2)
  })
})
