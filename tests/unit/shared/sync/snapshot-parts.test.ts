import { decodeLine, encodeLine } from '@shared/journal/journal-format'
import type { SyncChange } from '@shared/sync/changes'
import { compactionPlan } from '@shared/sync/compaction'
import { formatStamp } from '@shared/sync/hlc'
import { readSyncFolder, type SyncFile } from '@shared/sync/read-sync-folder'
import { closeLine, encodeSegment } from '@shared/sync/segment-format'
import { decodeSnapshot, encodeSnapshot, encodeSnapshotParts, type SnapshotHead } from '@shared/sync/snapshot-format'
import { describe, expect, it } from 'vitest'

const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'
const T = Date.UTC(2025, 2, 1, 10)
const at = (count: number, device: string) => formatStamp({ wall: T, count, device })

/** 300 changes of both devices, each line ~150 characters: ~45,000 characters of state. */
const STATE: SyncChange[] = Array.from({ length: 300 }, (_, i) =>
  i % 3 === 0
    ? { k: 'remove', at: at(i, DESKTOP), what: 'card', key: `aws/gone${i}` }
    : {
        k: 'note',
        at: at(i, i % 2 ? LAPTOP : DESKTOP),
        key: `aws/n${i}`,
        fields: { front: `Which service stores objects? ${'·'.repeat(i % 40)} ✓ ${i}` }
      }
)
const COVERS = { [LAPTOP]: 4, [DESKTOP]: 7 }
const head = (first: number, group = '0123456789abcdef'): SnapshotHead => ({
  device: LAPTOP,
  first,
  covers: COVERS,
  latest: at(299, LAPTOP),
  group
})
const filesOf = (parts: Array<{ name: string; text: string }>, device = LAPTOP): SyncFile[] =>
  parts.map((part) => ({ path: `${device}/${part.name}`, text: part.text }))

describe('a snapshot longer than one file, in parts', () => {
  it('is written under consecutive numbers, each file closed on its own, and read back as one snapshot holding every change once', () => {
    const parts = encodeSnapshotParts(head(5), STATE, 8_000)
    expect(parts.length).toBeGreaterThanOrEqual(5)
    expect(parts.map((part) => part.name)).toEqual(parts.map((_, i) => `snapshot-${String(5 + i).padStart(10, '0')}.snap`))
    for (const part of parts) expect(part.text.length).toBeLessThan(8_000 + 400)
    // Each part alone is a whole file that says which snapshot it belongs to.
    expect(parts.map((part) => decodeSnapshot(part.text))).toEqual(
      parts.map((part, i) =>
        expect.objectContaining({ ok: true, seq: 5 + i, part: { first: 5, group: '0123456789abcdef', last: i === parts.length - 1 } })
      )
    )
    const read = readSyncFolder(filesOf(parts))
    expect(read.problems).toEqual([])
    expect(read.snapshots).toHaveLength(1)
    const [snapshot] = read.snapshots
    expect(snapshot).toMatchObject({ device: LAPTOP, seq: 4 + parts.length, first: 5, covers: COVERS, latest: at(299, LAPTOP) })
    expect(snapshot!.changes).toEqual(STATE)
    expect(snapshot!.checksum).toBe(parts.map((part) => part.checksum).join('+'))
    expect(read.devices.get(LAPTOP)).toMatchObject({ snapshots: [4 + parts.length], strayParts: [], arriving: 0 })
  })

  it('a state that fits is one file in the format every Recall with snapshots reads, as before', () => {
    const [only, ...more] = encodeSnapshotParts(head(2), STATE, 1_000_000)
    expect(more).toEqual([])
    expect(only!.text).toBe(encodeSnapshot(LAPTOP, 2, COVERS, at(299, LAPTOP), STATE).text)
    expect(decodeLine(only!.text.slice(0, only!.text.indexOf('\n')))).toEqual({
      k: 'snapshot',
      v: 1,
      device: LAPTOP,
      seq: 2,
      covers: COVERS,
      latest: at(299, LAPTOP)
    })
  })

  it('with a part missing is no snapshot yet: it counts as arriving, and the segments are still read', () => {
    const parts = encodeSnapshotParts(head(1), STATE, 8_000)
    const segment = encodeSegment(LAPTOP, 4, [{ k: 'note', at: at(400, LAPTOP), key: 'aws/n1', fields: { back: 'S3' } }])
    for (const missing of [0, 2, parts.length - 1]) {
      const read = readSyncFolder([
        ...filesOf(parts.filter((_, i) => i !== missing)),
        { path: `${LAPTOP}/${segment.name}`, text: segment.text }
      ])
      expect(read.snapshots).toEqual([])
      expect(read.segments).toHaveLength(1)
      expect(read.devices.get(LAPTOP)).toMatchObject({ snapshots: [], arriving: 1, segments: [4] })
      expect(read.devices.get(LAPTOP)!.strayParts).toHaveLength(parts.length - 1)
    }
    // A part still being written (not closed) is arriving, as a segment is.
    const cut = readSyncFolder([
      ...filesOf(parts.slice(0, -1)),
      { path: `${LAPTOP}/${parts.at(-1)!.name}`, text: parts.at(-1)!.text.slice(0, 500) }
    ])
    expect(cut.snapshots).toEqual([])
    expect(cut.problems).toEqual([])
  })

  it('an engine’s copy of a part is the same snapshot; parts of two writes under the same numbers never mix', () => {
    const parts = encodeSnapshotParts(head(1), STATE, 8_000)
    const copy = { path: `${LAPTOP}/snapshot-0000000002.sync-conflict-20250301-101500-ABCDEF7.snap`, text: parts[1]!.text }
    const withCopy = readSyncFolder([...filesOf(parts), copy])
    expect(withCopy.snapshots).toHaveLength(1)
    expect(withCopy.problems).toEqual([])

    // Another write (another group) of the same numbers, whose last part alone arrived in place of this one's.
    const other = encodeSnapshotParts(head(1, 'fedcba9876543210'), [...STATE].reverse(), 8_000)
    const mixed = readSyncFolder(filesOf([...parts.slice(0, -1), other.at(-1)!]))
    expect(mixed.snapshots).toEqual([])
    expect(mixed.devices.get(LAPTOP)!.arriving).toBe(2)
  })

  it('a part whose header contradicts its snapshot’s is damaged; one in a later format is newer', () => {
    const parts = encodeSnapshotParts(head(1), STATE, 8_000)
    const [first, ...rest] = parts
    const bent = encodeSnapshotParts({ ...head(1), covers: { [LAPTOP]: 9 } }, STATE, 8_000)[0]!
    const read = readSyncFolder(filesOf([bent, ...rest]))
    expect(read.snapshots).toEqual([])
    expect(read.problems).toEqual([expect.objectContaining({ kind: 'damaged', path: `${LAPTOP}/${first!.name}` })])
    const later = encodeLine({
      k: 'snapshot',
      v: 3,
      device: LAPTOP,
      seq: 1,
      covers: {},
      latest: '',
      part: { first: 1, group: '0123456789abcdef', last: true }
    })
    expect(decodeSnapshot(later + closeLine(later, 0))).toMatchObject({ ok: false, reason: 'newer' })
    const single = encodeLine({
      k: 'snapshot',
      v: 1,
      device: LAPTOP,
      seq: 1,
      covers: {},
      latest: '',
      part: { first: 1, group: '0123456789abcdef', last: true }
    })
    expect(decodeSnapshot(single + closeLine(single, 0))).toMatchObject({ ok: false, reason: 'damaged' })
  })

  it('compaction removes every part of an older snapshot and the parts of a write that stopped below the newest, nothing above', () => {
    const older = encodeSnapshotParts(head(1), STATE, 8_000)
    const stopped = encodeSnapshotParts(head(1 + older.length), STATE, 8_000).slice(0, 2)
    const newestFirst = 1 + older.length + 2
    const newest = encodeSnapshotParts({ ...head(newestFirst), covers: { [LAPTOP]: 6, [DESKTOP]: 7 } }, STATE, 8_000)
    const stoppedAbove = encodeSnapshotParts(head(newestFirst + newest.length), STATE, 8_000).slice(0, 1)
    const desktop = encodeSnapshot(DESKTOP, 1, { [LAPTOP]: 5, [DESKTOP]: 7 }, '', [])
    const segments = [5, 6].map((seq) => encodeSegment(LAPTOP, seq, []))
    const read = readSyncFolder([
      ...filesOf([...older, ...stopped, ...newest, ...stoppedAbove, ...segments]),
      ...filesOf([desktop], DESKTOP)
    ])
    expect(read.devices.get(LAPTOP)!.snapshots).toEqual([older.length, newestFirst - 1 + newest.length])
    const names = (seqs: number[]) => seqs.map((seq) => `snapshot-${String(seq).padStart(10, '0')}.snap`)
    const olderSeqs = older.map((_, i) => 1 + i)
    const stoppedSeqs = [1 + older.length, 2 + older.length]
    // Segment 5 is in the desktop's snapshot; 6 is not yet.
    expect(compactionPlan(read, LAPTOP)).toEqual(['0000000005.seg', ...names([...olderSeqs, ...stoppedSeqs])])
  })
})
