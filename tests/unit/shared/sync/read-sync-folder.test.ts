import type { SyncChange } from '@shared/sync/changes'
import { formatStamp } from '@shared/sync/hlc'
import { readSyncFolder } from '@shared/sync/read-sync-folder'
import { encodeSegment } from '@shared/sync/segment-format'
import { classifySyncPath } from '@shared/sync/sync-paths'
import { describe, expect, it } from 'vitest'

const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'
const T = Date.UTC(2025, 2, 1, 10)

function segment(device: string, seq: number, fronts: string[]) {
  const changes: SyncChange[] = fronts.map((front, i) => ({
    k: 'note',
    at: formatStamp({ wall: T + seq * 1000, count: i, device }),
    key: `aws/n${i}`,
    fields: { front }
  }))
  const { name, text } = encodeSegment(device, seq, changes)
  return { path: `${device}/${name}`, name, text }
}

describe('names in the sync folder', () => {
  it.each([
    ['aaaaaaaaaaaaaaaa/0000000003.seg', { kind: 'segment', device: LAPTOP, seq: 3 }],
    ['aaaaaaaaaaaaaaaa/0000000003.sync-conflict-20250301-101500-ABCDEF7.seg', { kind: 'copy', device: LAPTOP, seq: 3 }],
    ["aaaaaaaaaaaaaaaa/0000000003 (Laptop's conflicted copy 2025-03-01).seg", { kind: 'copy', device: LAPTOP, seq: 3 }],
    ['aaaaaaaaaaaaaaaa/0000000003 (conflicted copy 2025-03-01 101500).seg', { kind: 'copy', device: LAPTOP, seq: 3 }],
    ['aaaaaaaaaaaaaaaa/0000000003 (1).seg', { kind: 'copy', device: LAPTOP, seq: 3 }],
    ['aaaaaaaaaaaaaaaa/0000000003 2.seg', { kind: 'copy', device: LAPTOP, seq: 3 }],
    ['aaaaaaaaaaaaaaaa/0000000003-DESKTOP-7F3K.seg', { kind: 'copy', device: LAPTOP, seq: 3 }],
    ['aaaaaaaaaaaaaaaa (1)/0000000003.seg', { kind: 'copy', device: LAPTOP, seq: 3 }],
    ['aaaaaaaaaaaaaaaa/.syncthing.0000000003.seg.tmp', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/~syncthing~0000000003.seg.tmp', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/~$0000000003.seg', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/0000000003.seg.partial', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/0000000003.seg.partial.crswap', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/media/' + 'c'.repeat(64) + '.partial.crswap', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/.0000000003.seg.icloud', { kind: 'arriving', device: LAPTOP }],
    ['aaaaaaaaaaaaaaaa/media/' + 'c'.repeat(64), { kind: 'media', device: LAPTOP, hash: 'c'.repeat(64) }],
    ['.dropbox', { kind: 'engine' }],
    ['aaaaaaaaaaaaaaaa/.dropbox.attr', { kind: 'engine' }],
    ['.stfolder', { kind: 'engine' }],
    ['aaaaaaaaaaaaaaaa/.DS_Store', { kind: 'engine' }],
    ['notes.txt', { kind: 'unknown' }],
    ['aaaaaaaaaaaaaaaa/backup.json', { kind: 'unknown' }]
  ])('%s', (path, kind) => {
    expect(classifySyncPath(path)).toEqual(kind)
  })
})

describe('reading the sync folder', () => {
  it("reads every device's whole segments, in order, and says which numbers are missing", () => {
    const files = [segment(LAPTOP, 2, ['b']), segment(LAPTOP, 1, ['a']), segment(DESKTOP, 1, ['c']), segment(LAPTOP, 4, ['d'])]
    const read = readSyncFolder(files)
    expect(read.segments.map((s) => [s.device, s.seq])).toEqual([
      [LAPTOP, 1],
      [LAPTOP, 2],
      [LAPTOP, 4],
      [DESKTOP, 1]
    ])
    expect(read.devices.get(LAPTOP)).toMatchObject({ segments: [1, 2, 4], missing: [3], arriving: 0 })
    expect(read.problems).toEqual([])
  })

  it('leaves a segment still arriving aside: cut short under its own name, or under a temporary one', () => {
    const whole = segment(LAPTOP, 1, ['a', 'b', 'c'])
    const read = readSyncFolder([
      { path: whole.path, text: whole.text.slice(0, whole.text.length - 30) },
      { path: `${LAPTOP}/.syncthing.${whole.name}.tmp` },
      { path: `${LAPTOP}/~$${whole.name}` },
      { path: `${LAPTOP}/${whole.name}.partial` }
    ])
    expect(read.segments).toEqual([])
    expect(read.devices.get(LAPTOP)).toMatchObject({ segments: [], arriving: 4 })
    expect(read.problems).toEqual([])
  })

  it('takes a conflict copy identical to its segment for the same segment: read once, nothing reported', () => {
    const one = segment(LAPTOP, 1, ['a'])
    const read = readSyncFolder([
      one,
      { path: `${LAPTOP}/0000000001.sync-conflict-20250301-101500-ABCDEF7.seg`, text: one.text },
      { path: `${LAPTOP}/0000000001 (1).seg`, text: one.text }
    ])
    expect(read.segments).toHaveLength(1)
    expect(read.problems).toEqual([])
  })

  it('reads the copy when the segment itself is not there yet', () => {
    const one = segment(LAPTOP, 1, ['a'])
    const read = readSyncFolder([{ path: `${LAPTOP}/0000000001 (Laptop's conflicted copy 2025-03-01).seg`, text: one.text }])
    expect(read.segments.map((s) => s.checksum)).toEqual([readSyncFolder([one]).segments[0]!.checksum])
  })

  it('reports a conflict copy that differs as a second writer, and keeps both: neither is lost', () => {
    const mine = segment(LAPTOP, 1, ['a'])
    const other = segment(LAPTOP, 1, ['written by a copied profile'])
    const copyPath = `${LAPTOP}/0000000001.sync-conflict-20250301-101500-ABCDEF7.seg`
    const read = readSyncFolder([mine, { path: copyPath, text: other.text }])
    expect(read.segments).toHaveLength(2)
    expect(read.problems).toEqual([{ kind: 'second-writer', device: LAPTOP, seq: 1, paths: expect.arrayContaining([mine.path, copyPath]) }])
  })

  it('reports a closed segment whose checksum fails, a segment in the wrong folder, and files it does not know', () => {
    const one = segment(LAPTOP, 1, ['a'])
    const read = readSyncFolder([
      { path: one.path, text: one.text.replace('"a"', '"b"') },
      { path: `${DESKTOP}/0000000001.seg`, text: one.text },
      { path: 'recall.txt', text: '' },
      { path: '.stfolder' }
    ])
    expect(read.segments).toEqual([])
    expect(read.problems.map((p) => p.kind).sort()).toEqual(['damaged', 'misplaced', 'unknown'])
  })
})
