import { encodeLine } from '@shared/journal/journal-format'
import type { SyncChange } from '@shared/sync/changes'
import { compactionPlan, isCompactableName } from '@shared/sync/compaction'
import { formatStamp } from '@shared/sync/hlc'
import { readSyncFolder } from '@shared/sync/read-sync-folder'
import { closeLine, encodeSegment } from '@shared/sync/segment-format'
import { decodeSnapshot, encodeSnapshot, encodingSnapshotPart, snapshotName, snapshotSeq } from '@shared/sync/snapshot-format'
import { classifySyncPath } from '@shared/sync/sync-paths'
import { describe, expect, it } from 'vitest'

const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'
const T = Date.UTC(2025, 2, 1, 10)
const at = (count: number, device: string) => formatStamp({ wall: T, count, device })

/** A snapshot holds changes of every device, in no order of stamps. */
const CHANGES: SyncChange[] = [
  { k: 'note', at: at(5, DESKTOP), key: 'aws/s3', fields: { front: 'What is S3?' } },
  { k: 'note', at: at(1, LAPTOP), key: 'aws/s3', fields: { back: 'Objects' } },
  { k: 'remove', at: at(2, LAPTOP), what: 'card', key: 'aws/old' },
  { k: 'undo', at: at(5, DESKTOP), review: at(3, LAPTOP) }
]

describe('snapshot files', () => {
  it('read back whole: device, number, frontier, latest stamp and changes of any device in any order', () => {
    const { name, text, checksum } = encodeSnapshot(LAPTOP, 7, { [LAPTOP]: 3, [DESKTOP]: 9 }, at(5, DESKTOP), CHANGES)
    expect(name).toBe('snapshot-0000000007.snap')
    expect(snapshotSeq(name)).toBe(7)
    expect(snapshotName(7)).toBe(name)
    expect(decodeSnapshot(text)).toMatchObject({
      ok: true,
      device: LAPTOP,
      seq: 7,
      covers: { [LAPTOP]: 3, [DESKTOP]: 9 },
      latest: at(5, DESKTOP),
      changes: CHANGES,
      checksum
    })
  })

  it('encoded in steps (a turn for the page every 500 changes) reads back whole, as encoded at once', () => {
    const many: SyncChange[] = Array.from({ length: 1_234 }, (_, i) => ({
      k: 'note',
      at: at(i, i % 2 ? LAPTOP : DESKTOP),
      key: `aws/n${i}`,
      fields: { front: `Which service ✓ ${i}?` }
    }))
    const steps = encodingSnapshotPart(
      { device: LAPTOP, first: 3, covers: { [LAPTOP]: 2 }, latest: at(1_233, LAPTOP), group: '' },
      3,
      many,
      0,
      Infinity
    )
    let pauses = 0
    let step = steps.next()
    for (; !step.done; step = steps.next()) pauses++
    expect(pauses).toBe(2)
    const encoded = encodeSnapshot(LAPTOP, 3, { [LAPTOP]: 2 }, at(1_233, LAPTOP), many)
    expect(step.value).toMatchObject({ ...encoded, seq: 3, next: many.length, last: true })
    expect(decodeSnapshot(encoded.text)).toMatchObject({ ok: true, changes: many, checksum: encoded.checksum })
  })

  it('is arriving while not closed, damaged when its content or frontier is not what was closed, newer from a later format', () => {
    const { text } = encodeSnapshot(LAPTOP, 1, { [LAPTOP]: 3 }, at(5, DESKTOP), CHANGES)
    expect(decodeSnapshot(text.slice(0, text.lastIndexOf('{"k":"close"')))).toMatchObject({ ok: false, reason: 'incomplete' })
    expect(decodeSnapshot(text.slice(0, -3))).toMatchObject({ ok: false, reason: 'incomplete' })
    expect(decodeSnapshot(text.replace('Objects', 'Object'))).toMatchObject({ ok: false, reason: 'damaged' })
    const badFrontier = encodeSnapshot(LAPTOP, 1, { 'not a device': 3 }, '', CHANGES).text
    expect(decodeSnapshot(badFrontier)).toMatchObject({ ok: false, reason: 'damaged', detail: 'its header has no frontier' })
    const newer = encodeLine({ k: 'snapshot', v: 3, device: LAPTOP, seq: 1, covers: {}, latest: '' })
    expect(decodeSnapshot(newer + closeLine(newer, 0))).toMatchObject({ ok: false, reason: 'newer' })
    // A segment is not a snapshot, nor the other way round.
    expect(decodeSnapshot(encodeSegment(LAPTOP, 1, [CHANGES[1]!]).text)).toMatchObject({ ok: false, reason: 'damaged' })
  })

  it.each([
    ['aaaaaaaaaaaaaaaa/snapshot-0000000002.snap', { kind: 'snapshot', device: LAPTOP, seq: 2, copy: false }],
    [
      'aaaaaaaaaaaaaaaa/snapshot-0000000002.sync-conflict-20250301-101500-ABCDEF7.snap',
      { kind: 'snapshot', device: LAPTOP, seq: 2, copy: true }
    ],
    [
      "aaaaaaaaaaaaaaaa/snapshot-0000000002 (Laptop's conflicted copy 2025-03-01).snap",
      { kind: 'snapshot', device: LAPTOP, seq: 2, copy: true }
    ],
    ['aaaaaaaaaaaaaaaa/snapshot-0000000002 (1).snap', { kind: 'snapshot', device: LAPTOP, seq: 2, copy: true }],
    ['aaaaaaaaaaaaaaaa (1)/snapshot-0000000002.snap', { kind: 'snapshot', device: LAPTOP, seq: 2, copy: true }],
    ['aaaaaaaaaaaaaaaa/.syncthing.snapshot-0000000002.snap.tmp', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/snapshot-0000000002.snap.partial', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/snapshot-0000000002.snap.partial.crswap', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/snapshot.json', { kind: 'unknown' }]
  ])('%s', (path, kind) => {
    expect(classifySyncPath(path)).toEqual(kind)
  })

  it('removeOwn takes a segment’s or a snapshot’s own name only', () => {
    expect(['0000000001.seg', 'snapshot-0000000001.snap'].map(isCompactableName)).toEqual([true, true])
    expect(['0000000001 (1).seg', 'snapshot-0000000001 (1).snap', 'media', '../x.seg', ''].map(isCompactableName)).toEqual([
      false,
      false,
      false,
      false,
      false
    ])
  })

  it('a snapshot still arriving holds nothing back and counts as arriving; the older whole one is the newest', () => {
    const first = encodeSnapshot(LAPTOP, 1, { [LAPTOP]: 1, [DESKTOP]: 1 }, '', [])
    const second = encodeSnapshot(LAPTOP, 2, { [LAPTOP]: 2, [DESKTOP]: 1 }, '', [])
    const segment = (device: string, seq: number) => ({
      path: `${device}/${encodeSegment(device, seq, []).name}`,
      text: encodeSegment(device, seq, []).text
    })
    const read = readSyncFolder([
      { path: `${LAPTOP}/${first.name}`, text: first.text },
      { path: `${LAPTOP}/${second.name}`, text: second.text.slice(0, 40) },
      segment(LAPTOP, 2),
      segment(DESKTOP, 2)
    ])
    expect(read.devices.get(LAPTOP)).toMatchObject({ snapshots: [1], segments: [2], arriving: 1, missing: [] })
    expect(read.devices.get(DESKTOP)).toMatchObject({ segments: [2], missing: [] })
    // The desktop is known (it has a segment) and has no snapshot: nothing of the laptop's segments goes.
    expect(compactionPlan(read, LAPTOP)).toEqual([])
  })
})
