import { snapshotChanges } from '@core/sync/snapshot-state'
import { applyChanges, emptySyncState } from '@core/sync/sync-state'
import { compactionPlan } from '@shared/sync/compaction'
import { DAY_MS, MINUTE_MS } from '@shared/durations'
import { readSyncFolder } from '@shared/sync/read-sync-folder'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { collectionSnapshot, SimulatedDevice } from './simulated-device'

const T = new Date(2025, 2, 3, 9).getTime()
const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'
const TABLET = 'cccccccccccccccc'

/** The engine carries every file of each machine's own folder to every other machine, and the removals too. */
function carry(devices: SimulatedDevice[], removed: string[] = []) {
  for (const from of devices)
    for (const [path, text] of from.view) if (path.startsWith(`${from.id}/`)) for (const to of devices) to.view.set(path, text)
  for (const path of removed) for (const d of devices) d.view.delete(path)
}

const reviewIds = (d: SimulatedDevice) => [...d.collection().cards.values()].flatMap((c) => c.reviews.map((r) => r.change.id)).sort()

/** Two machines that studied and edited a deck together and exchanged everything. */
function studiedPair() {
  const laptop = new SimulatedDevice(LAPTOP, 0)
  const desktop = new SimulatedDevice(DESKTOP, 0)
  laptop.importDeck(T, 'aws', { name: 'AWS' }, [
    { key: 'aws/s3', fields: { type: 'basic', front: 'S3?', back: 'Objects' } },
    { key: 'aws/ec2', fields: { type: 'basic', front: 'EC2?', back: 'VMs' } }
  ])
  laptop.grade(T + MINUTE_MS, 'aws/s3', Rating.Good)
  laptop.media(T + 2 * MINUTE_MS, 'bucket.png', 'a'.repeat(64))
  laptop.publish()
  carry([laptop, desktop])
  desktop.pull(T + 3 * MINUTE_MS)
  desktop.grade(T + DAY_MS, 'aws/s3', Rating.Hard)
  desktop.edit(T + DAY_MS, 'note', 'aws/ec2', { front: 'What is EC2?' })
  const undone = desktop.grade(T + DAY_MS + MINUTE_MS, 'aws/ec2', Rating.Again)
  desktop.undo(T + DAY_MS + 2 * MINUTE_MS, undone.id)
  desktop.remove(T + DAY_MS + 3 * MINUTE_MS, 'media', 'bucket.png')
  desktop.publish()
  carry([laptop, desktop])
  laptop.pull(T + DAY_MS + 4 * MINUTE_MS)
  return { laptop, desktop }
}

describe('snapshots', () => {
  it('a snapshot’s changes give back the very state they were made from', () => {
    const { laptop } = studiedPair()
    const state = emptySyncState()
    applyChanges(state, snapshotChanges(laptop.state))
    expect(state).toEqual(laptop.state)
  })

  it('a snapshot and segments larger than one step of the folder’s load give the state their changes give at once', () => {
    const laptop = new SimulatedDevice(LAPTOP, 0)
    const notes = Array.from({ length: 400 }, (_, i) => ({ key: `aws/n${i}`, fields: { type: 'basic', front: `Q${i}?`, back: `A${i}` } }))
    laptop.importDeck(T, 'aws', { name: 'AWS' }, notes)
    for (let round = 0; round < 6; round++)
      for (let i = 0; i < notes.length; i++) laptop.grade(T + (round * 400 + i + 1) * MINUTE_MS, `aws/n${i}`, Rating.Good)
    laptop.publish()
    laptop.snapshot()
    const tablet = new SimulatedDevice(TABLET, 0)
    carry([laptop, tablet])
    tablet.pull(T + DAY_MS * 3)
    // 2,400 reviews: more than one step of loadingFolder, from the segments and from the snapshot.
    expect(reviewIds(tablet)).toHaveLength(2_400)
    const whole = emptySyncState()
    applyChanges(whole, snapshotChanges(laptop.state))
    expect(tablet.state).toEqual(whole)
    // Read again, the snapshot is the tablet's own base now: applied in steps, and the laptop's segments too.
    expect(tablet.pull(T + DAY_MS * 4).applied).toEqual([])
    expect(tablet.state).toEqual(whole)
    const fromSegments = new SimulatedDevice(DESKTOP, 0)
    for (const [path, text] of laptop.view) if (!path.includes('snapshot')) fromSegments.view.set(path, text)
    fromSegments.pull(T + DAY_MS * 3)
    fromSegments.pull(T + DAY_MS * 4)
    expect(fromSegments.state).toEqual(whole)
  })

  it('a machine linked late starts from the snapshots alone, once the others have compacted every segment', () => {
    const { laptop, desktop } = studiedPair()
    laptop.snapshot()
    desktop.snapshot()
    carry([laptop, desktop])
    const removed = [...laptop.compact(), ...desktop.compact()]
    expect(removed.filter((path) => path.endsWith('.seg')).length).toBe(2)
    carry([laptop, desktop], removed)
    expect([...laptop.view.keys()].filter((path) => path.endsWith('.seg'))).toEqual([])

    const tablet = new SimulatedDevice(TABLET, 0)
    carry([laptop, tablet])
    tablet.pull(T + 2 * DAY_MS)
    expect(collectionSnapshot(tablet.collection())).toEqual(collectionSnapshot(laptop.collection()))
    expect(reviewIds(tablet)).toHaveLength(2)
  })

  it('a machine back after months, whose segments the others never saw, holds their compaction back and loses nothing', () => {
    const { laptop, desktop } = studiedPair()
    const tablet = new SimulatedDevice(TABLET, 0)
    carry([laptop, desktop, tablet])
    tablet.pull(T + 2 * DAY_MS)
    tablet.grade(T + 2 * DAY_MS, 'aws/ec2', Rating.Good)
    tablet.publish()
    carry([laptop, desktop, tablet])
    // The tablet goes away for four months; its segment is in the folder, and it wrote no snapshot.
    laptop.pull(T + 3 * DAY_MS)
    desktop.pull(T + 3 * DAY_MS)
    laptop.grade(T + 30 * DAY_MS, 'aws/s3', Rating.Good)
    laptop.snapshot()
    desktop.snapshot()
    const laptopFolder = [...laptop.view]
    carry([laptop, desktop])
    expect(laptop.compact().filter((path) => path.endsWith('.seg'))).toEqual([])
    expect(desktop.compact().filter((path) => path.endsWith('.seg'))).toEqual([])

    // Back after months, it reads the folder as it is then, with what the others wrote meanwhile.
    for (const [path, text] of laptopFolder) tablet.view.set(path, text)
    carry([laptop, desktop, tablet])
    const back = tablet.pull(T + 120 * DAY_MS)
    expect(back.waiting).toBe(false)
    tablet.snapshot()
    carry([laptop, desktop, tablet])
    for (const d of [laptop, desktop, tablet]) d.pull(T + 121 * DAY_MS)
    for (const d of [laptop, desktop, tablet]) d.snapshot()
    carry([laptop, desktop, tablet])
    // Now every machine has a snapshot that holds everything: every segment can go.
    const removed = [...laptop.compact(), ...desktop.compact(), ...tablet.compact()]
    carry([laptop, desktop, tablet], removed)
    expect([...tablet.view.keys()].filter((path) => path.endsWith('.seg'))).toEqual([])
    for (const d of [laptop, desktop, tablet]) d.pull(T + 122 * DAY_MS)
    for (const d of [desktop, tablet]) expect(collectionSnapshot(d.collection())).toEqual(collectionSnapshot(laptop.collection()))
    expect(reviewIds(tablet)).toHaveLength(4)
  })

  it('a machine whose applied segments arrive removed before the snapshot that holds them waits, and changes nothing', () => {
    const { laptop, desktop } = studiedPair()
    // A tablet that only reads (it wrote nothing yet, so the others do not know it) applies everything.
    const tablet = new SimulatedDevice(TABLET, 0)
    carry([laptop, desktop, tablet])
    tablet.pull(T + 2 * DAY_MS)
    const held = collectionSnapshot(tablet.collection())
    expect(held).toEqual(collectionSnapshot(laptop.collection()))
    laptop.snapshot()
    carry([laptop, desktop])
    const snapshot = desktop.snapshot()
    const removed = desktop.compact()
    expect(removed).toEqual([`${DESKTOP}/0000000001.seg`])
    // The removal reaches the tablet first; the snapshot that holds the segment is still on its way.
    for (const path of removed) tablet.view.delete(path)
    expect(tablet.pull(T + 3 * DAY_MS).waiting).toBe(true)
    expect(collectionSnapshot(tablet.collection())).toEqual(held)
    tablet.view.set(snapshot.path, snapshot.text)
    expect(tablet.pull(T + 3 * DAY_MS).waiting).toBe(false)
    expect(collectionSnapshot(tablet.collection())).toEqual(held)
  })

  it('a conflict copy of a snapshot is the same snapshot, read once; a damaged snapshot is left alone and the segments are read', () => {
    const { laptop, desktop } = studiedPair()
    const snapshot = desktop.snapshot()
    const tablet = new SimulatedDevice(TABLET, 0)
    carry([desktop, laptop])
    for (const [path, text] of laptop.view) tablet.view.set(path, text)
    tablet.view.set(`${DESKTOP}/snapshot-0000000001.sync-conflict-20250303-101500-ABCDEF7.snap`, snapshot.text)
    tablet.view.set(`${DESKTOP}/snapshot-0000000001 (1).snap`, snapshot.text)
    expect(readSyncFolder([...tablet.view].map(([path, text]) => ({ path, text }))).problems).toEqual([])
    tablet.pull(T + 2 * DAY_MS)
    expect(collectionSnapshot(tablet.collection())).toEqual(collectionSnapshot(laptop.collection()))

    const damaged = new SimulatedDevice(TABLET, 0)
    for (const [path, text] of laptop.view) damaged.view.set(path, text)
    damaged.view.set(snapshot.path, snapshot.text.replace('What is EC2?', 'What is EC3?'))
    const read = readSyncFolder([...damaged.view].map(([path, text]) => ({ path, text })))
    expect(read.problems).toEqual([{ kind: 'damaged', path: snapshot.path, detail: 'its checksum does not match its content' }])
    damaged.pull(T + 2 * DAY_MS)
    expect(collectionSnapshot(damaged.collection())).toEqual(collectionSnapshot(laptop.collection()))
  })

  it('compaction removes nothing while a known machine has no snapshot, and only the machine’s own files', () => {
    const { laptop, desktop } = studiedPair()
    laptop.snapshot()
    carry([laptop, desktop])
    const read = readSyncFolder([...laptop.view].map(([path, text]) => ({ path, text })))
    // The desktop (an older Recall) has segments and no snapshot: it holds the laptop's back.
    expect(compactionPlan(read, LAPTOP)).toEqual([])
    expect(compactionPlan(read, DESKTOP)).toEqual([])
    desktop.snapshot()
    laptop.snapshot()
    carry([laptop, desktop])
    const after = readSyncFolder([...laptop.view].map(([path, text]) => ({ path, text })))
    expect(compactionPlan(after, LAPTOP)).toEqual(['0000000001.seg', 'snapshot-0000000001.snap'])
  })
})
