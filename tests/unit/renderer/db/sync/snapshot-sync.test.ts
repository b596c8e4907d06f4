import { editCardText } from '@db/card-actions'
import { mergeDeck } from '@db/deck-repository'
import { syncNow } from '@db/sync/sync-engine'
import { linkCollection, previewLink } from '@db/sync/sync-link'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../../helpers/fixtures'
import { MemoryFolder } from './memory-folder'
import { collectionOf, grade, linkedPair } from './sync-helpers'

const MINUTE = 60_000

const kinds = (folder: MemoryFolder) => {
  const paths = [...folder.files.keys()]
  return { segments: paths.filter((p) => p.endsWith('.seg')).length, snapshots: paths.filter((p) => p.endsWith('.snap')).length }
}

/** Two collections that studied one deck, each with a snapshot in the folder and their segments compacted. */
async function compactedPair() {
  const { laptop, desktop, folder, t } = await linkedPair({ aws: 6 })
  await grade(laptop, 'aws/c1', Rating.Good, t)
  await grade(desktop, 'aws/c1', Rating.Again, t + MINUTE)
  await grade(desktop, 'aws/c2', Rating.Easy, t + 2 * MINUTE)
  await editCardText(laptop, 'aws', 'c4', { front: 'What is S3?', back: 'Object storage', extra: '' })
  await syncNow(laptop, folder)
  await syncNow(desktop, folder)
  await syncNow(laptop, folder)
  const before = kinds(folder)
  // The laptop writes the first snapshot; the desktop then writes its own without being asked (it
  // had none while another device had one), and both compact at their next syncs.
  await syncNow(laptop, folder, { snapshot: true })
  await syncNow(desktop, folder)
  const laptopReport = await syncNow(laptop, folder)
  const desktopReport = await syncNow(desktop, folder)
  return { folder, laptop, desktop, before, laptopReport, desktopReport }
}

describe('snapshots and compaction between collections', () => {
  it('once both collections have a snapshot, each removes its own segments, and both still hold the same collection', async () => {
    const { folder, laptop, desktop, before, laptopReport, desktopReport } = await compactedPair()
    expect(before.segments).toBeGreaterThanOrEqual(3)
    expect(kinds(folder)).toEqual({ segments: 0, snapshots: 2 })
    expect(laptopReport.removed).toBeGreaterThan(0)
    for (const device of desktopReport.devices) {
      expect(device.snapshot, device.device).toBe(1)
      expect(device.compacted, device.device).toBeGreaterThan(0)
      expect(device.missing).toEqual([])
    }
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
    expect((await collectionOf(laptop)).reviews).toHaveLength(3)
  })

  it('a third collection linked late starts from the snapshots, taking the folder’s collection or merging its own', async () => {
    const { folder, laptop, desktop } = await compactedPair()
    const tablet = freshDatabase()
    expect(await previewLink(tablet, folder)).toMatchObject({ devices: 2, folder: { decks: 1, cards: 6, reviews: 3 } })
    const report = await linkCollection(tablet, folder, 'take-folder')
    expect(report.ok).toBe(true)
    expect(await collectionOf(tablet)).toEqual(await collectionOf(laptop))

    const phone = freshDatabase()
    await mergeDeck(phone, { ...makeDeck('gcp', makeCards(2)), origin: 'user' }, Date.now())
    await grade(phone, 'gcp/c1', Rating.Hard, Date.now() + 5 * MINUTE)
    await linkCollection(phone, folder, 'merge')
    for (const db of [laptop, desktop, tablet, phone]) await syncNow(db, folder)
    const phoneCollection = await collectionOf(phone)
    expect(phoneCollection.decks.map((d) => d.id)).toEqual(['aws', 'gcp'])
    expect(phoneCollection.reviews).toHaveLength(4)
    for (const db of [laptop, desktop, tablet]) expect(await collectionOf(db)).toEqual(phoneCollection)
  })

  it('a collection that applied segments later compacted into a snapshot it reads afresh adds none of their reviews twice', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 12 })
    for (let i = 1; i <= 12; i++) await grade(laptop, `aws/c${i}`, i % 3 ? Rating.Good : Rating.Again, t + i * MINUTE)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    expect((await collectionOf(desktop)).reviews).toHaveLength(12)
    // The desktop wrote nothing, so the laptop's snapshot lets it remove the segments the desktop applied.
    await syncNow(laptop, folder, { snapshot: true })
    expect(kinds(folder).segments).toBe(0)
    const report = await syncNow(desktop, folder, { snapshot: true })
    expect(report.ok).toBe(true)
    const desktopCollection = await collectionOf(desktop)
    expect(desktopCollection.reviews).toHaveLength(12)
    expect(desktopCollection).toEqual(await collectionOf(laptop))
  })

  it('a damaged snapshot is left alone and reported; the segments it would have replaced are still read', async () => {
    const folder = new MemoryFolder()
    const laptop = freshDatabase()
    const desktop = freshDatabase()
    await mergeDeck(laptop, { ...makeDeck('aws', makeCards(3)), origin: 'user' }, Date.now())
    await mergeDeck(desktop, { ...makeDeck('gcp', makeCards(1)), origin: 'user' }, Date.now())
    await linkCollection(laptop, folder, 'merge')
    await linkCollection(desktop, folder, 'merge')
    await syncNow(laptop, folder)
    await grade(laptop, 'aws/c1', Rating.Good, Date.now())
    // The desktop has segments and no snapshot: it holds the laptop's compaction back.
    await syncNow(laptop, folder, { snapshot: true })
    expect(kinds(folder)).toEqual({ segments: 3, snapshots: 1 })
    const [path, text] = [...folder.files].find(([p]) => p.endsWith('.snap'))!
    folder.files.set(path, text.replace('"rating":3', '"rating":4'))

    const tablet = freshDatabase()
    const report = await linkCollection(tablet, folder, 'take-folder')
    expect(report.notices).toEqual([`${path} is damaged (its checksum does not match its content); it was left alone.`])
    expect(await collectionOf(tablet)).toEqual(await collectionOf(laptop))
  })

  it('a collection longer than one snapshot file writes its snapshot in parts; a late collection starts from them, and compaction removes the old parts', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 12 })
    for (let i = 1; i <= 12; i++) await grade(laptop, `aws/c${i}`, i % 3 ? Rating.Good : Rating.Again, t + i * MINUTE)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    const parts = { snapshot: true, snapshotPartChars: 1_500 }
    const first = await syncNow(laptop, folder, parts)
    await syncNow(desktop, folder, parts)
    const laptopParts = [...folder.files.keys()].filter((p) => p.startsWith(`${first.devices.find((d) => d.self)!.device}/snapshot-`))
    expect(laptopParts.length).toBeGreaterThan(3)

    const tablet = freshDatabase()
    expect(await previewLink(tablet, folder)).toMatchObject({ folder: { decks: 1, cards: 12, reviews: 12 } })
    expect((await linkCollection(tablet, folder, 'take-folder')).ok).toBe(true)
    expect(await collectionOf(tablet)).toEqual(await collectionOf(laptop))

    // A second snapshot in parts replaces the first: every part of the first goes.
    await grade(desktop, 'aws/c1', Rating.Hard, t + 20 * MINUTE)
    for (const db of [desktop, laptop, tablet]) await syncNow(db, folder)
    await syncNow(laptop, folder, parts)
    for (const db of [desktop, tablet, laptop]) await syncNow(db, folder, { snapshotPartChars: 1_500 })
    const left = [...folder.files.keys()]
    for (const path of laptopParts) expect(left).not.toContain(path)
    for (const db of [desktop, tablet]) expect(await collectionOf(db)).toEqual(await collectionOf(laptop))
  })

  it('a snapshot whose write stopped half way (a full disk) is written again above its parts, which compaction then removes', async () => {
    const { laptop, desktop, folder, t } = await linkedPair({ aws: 12 })
    for (let i = 1; i <= 12; i++) await grade(desktop, `aws/c${i}`, Rating.Good, t + i * MINUTE)
    for (const db of [desktop, laptop, desktop]) await syncNow(db, folder)
    const write = folder.writeSnapshot.bind(folder)
    let writes = 0
    folder.writeSnapshot = (device, seq, text) =>
      ++writes === 3 ? Promise.resolve({ ok: false, problem: { kind: 'full', message: 'The disk is full.' } }) : write(device, seq, text)
    const stopped = await syncNow(laptop, folder, { snapshot: true, snapshotPartChars: 1_500 })
    expect(stopped.notices).toContain("This computer's snapshot or compaction waits for the next sync: The disk is full.")
    const strays = [...folder.files.keys()].filter((p) => p.endsWith('.snap'))
    expect(strays).toHaveLength(2)
    // The stopped parts are no snapshot: the desktop still reads the laptop's segments.
    await syncNow(desktop, folder)
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))

    await syncNow(laptop, folder, { snapshot: true, snapshotPartChars: 1_500 })
    for (const path of strays) expect(folder.files.has(path), path).toBe(false)
    await syncNow(desktop, folder, { snapshotPartChars: 1_500 })
    const status = (await syncNow(laptop, folder, { snapshotPartChars: 1_500 })).devices.find((d) => d.self)!
    expect(status).toMatchObject({ arriving: 0, missing: [] })
    expect(status.snapshot).toBeGreaterThan(3)
    const tablet = freshDatabase()
    expect((await linkCollection(tablet, folder, 'take-folder')).ok).toBe(true)
    expect(await collectionOf(tablet)).toEqual(await collectionOf(desktop))
  })
})
