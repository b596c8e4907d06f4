import { encodeLine } from '@shared/journal/journal-format'
import type { SyncChange } from '@shared/sync/changes'
import { crc32Hex, crc32Stream } from '@shared/sync/crc32'
import { formatStamp } from '@shared/sync/hlc'
import { decodeSegment, decodingSegment, encodeSegment, segmentName, segmentSeq } from '@shared/sync/segment-format'
import fc from 'fast-check'
import { firstReview } from '../../../fixtures/sync/review-change'
import { describe, expect, it } from 'vitest'

const DEVICE = 'aaaaaaaaaaaaaaaa'
const T = Date.UTC(2025, 2, 1, 10)
const at = (count: number, device = DEVICE) => formatStamp({ wall: T, count, device })

const CHANGES: SyncChange[] = [
  { k: 'note', at: at(1), key: 'aws/s3', fields: { front: 'What is S3? ✓', tags: ['storage'] } },
  firstReview({ at: at(2), card: 'aws/s3', deck: 'aws', rating: 3, wall: T, duration: 4200 }),
  { k: 'media', at: at(3), name: 'bucket.png', hash: 'ab'.repeat(32), type: 'image/png', size: 1234 },
  { k: 'remove', at: at(4), what: 'note', key: 'aws/old' }
]

describe('segments', () => {
  it('read back the changes they were written with, under a name that gives their number', () => {
    const { name, text, checksum } = encodeSegment(DEVICE, 12, CHANGES)
    expect(name).toBe('0000000012.seg')
    expect(segmentSeq(name)).toBe(12)
    const decoded = decodeSegment(text)
    // The writer keeps the segment as written, with the checksum a reader finds.
    expect(decoded).toMatchObject({ ok: true, device: DEVICE, seq: 12, changes: CHANGES, checksum })
    expect(checksum).toMatch(/^[0-9a-f]{8}$/)
  })

  it('close with the standard CRC-32', () => {
    expect(crc32Hex('123456789')).toBe('cbf43926')
    expect(crc32Hex('')).toBe('00000000')
    // Fed in pieces, split anywhere between characters (multi-byte ones too): the same checksum.
    const text = 'Amazon SageMaker — ✓ 日本語 \u{1F600} end'
    for (const cut of [0, 7, 15, 17, 30, text.length]) {
      const crc = crc32Stream()
      crc.add(text.slice(0, cut))
      crc.add(text.slice(cut))
      expect(crc.hex()).toBe(crc32Hex(text))
    }
  })

  it('of megabytes, checksummed a piece at a time, read back whole wherever a piece ends (inside a character outside the BMP too)', () => {
    for (const pad of [0, 1]) {
      const long: SyncChange[] = [
        { k: 'note', at: at(1), key: 'aws/big', fields: { front: 'x'.repeat(pad) + '\u{1F600}'.repeat(700_000) } }
      ]
      const { text, checksum } = encodeSegment(DEVICE, 3, long)
      const steps = decodingSegment(text)
      let pauses = 0
      let step = steps.next()
      for (; !step.done; step = steps.next()) pauses++
      expect(pauses).toBeGreaterThan(0)
      expect(step.value).toMatchObject({ ok: true, changes: long, checksum })
    }
  })

  it('count for nothing while they are still arriving: every prefix of a segment is refused', () => {
    const { text } = encodeSegment(DEVICE, 1, CHANGES)
    for (let cut = 0; cut < text.length; cut++) expect(decodeSegment(text.slice(0, cut)).ok).toBe(false)
    expect(decodeSegment(text.slice(0, text.lastIndexOf('{"k":"close"')))).toMatchObject({ ok: false, reason: 'incomplete' })
  })

  it('count for nothing when one character is wrong', () => {
    const { text } = encodeSegment(DEVICE, 1, CHANGES)
    fc.assert(
      fc.property(fc.nat({ max: text.length - 2 }), fc.constantFrom('x', '0', '"', '\n', ' '), (i, c) => {
        fc.pre(text[i] !== c)
        expect(decodeSegment(text.slice(0, i) + c + text.slice(i + 1)).ok).toBe(false)
      })
    )
  })

  it('are damaged when lines are swapped or dropped, though each line is whole', () => {
    const { text } = encodeSegment(DEVICE, 1, CHANGES)
    const lines = text.split('\n')
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n')
    expect(decodeSegment(swapped)).toMatchObject({ ok: false, reason: 'damaged' })
  })

  it('refuse changes stamped by another device or out of order, written or read', () => {
    expect(() => encodeSegment(DEVICE, 1, [{ ...CHANGES[0]!, at: at(1, 'bbbbbbbbbbbbbbbb') }])).toThrow(RangeError)
    expect(() => encodeSegment(DEVICE, 1, [CHANGES[1]!, CHANGES[0]!])).toThrow(RangeError)
    const forged = [
      encodeLine({ k: 'segment', v: 1, device: DEVICE, seq: 1 }),
      encodeLine({ ...CHANGES[0]!, at: at(1, 'bbbbbbbbbbbbbbbb') })
    ].join('')
    expect(decodeSegment(forged + encodeLine({ k: 'close', count: 1, crc32: crc32Hex(forged) }))).toMatchObject({
      ok: false,
      reason: 'damaged'
    })
  })

  it('from a newer Recall wait for the update: a newer format, or a kind of change this version does not know', () => {
    const write = (header: object, change: object) => {
      const body = encodeLine(header) + encodeLine(change)
      return body + encodeLine({ k: 'close', count: 1, crc32: crc32Hex(body) })
    }
    expect(decodeSegment(write({ k: 'segment', v: 2, device: DEVICE, seq: 1 }, CHANGES[0]!))).toMatchObject({ ok: false, reason: 'newer' })
    expect(decodeSegment(write({ k: 'segment', v: 1, device: DEVICE, seq: 1 }, { k: 'tag-rename', at: at(1) }))).toMatchObject({
      ok: false,
      reason: 'newer'
    })
    expect(decodeSegment(write({ k: 'segment', v: 1, device: DEVICE, seq: 1 }, { k: 'note', at: at(1), key: 'aws/s3' }))).toMatchObject({
      ok: false,
      reason: 'damaged'
    })
  })

  it('are numbered from 1', () => {
    expect(() => segmentName(0)).toThrow(RangeError)
    expect(segmentSeq('0000000012.seg.partial')).toBeUndefined()
  })
})
