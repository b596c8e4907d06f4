import { deviceRows, previewText, reportText, whenText } from '@screens/maintenance/sync-view'
import { describe, expect, it } from 'vitest'

const T = Date.UTC(2026, 11, 6, 10)

describe("the sync section's words", () => {
  it('says an empty folder will share this collection, and counts what a used one holds', () => {
    const here = { decks: 1, cards: 5, reviews: 0 }
    expect(previewText('Sync', { devices: 0, folder: { decks: 0, cards: 0, reviews: 0 }, here })).toEqual({
      headline: 'The folder Sync has no Recall collection yet: this collection will be shared from it.',
      empty: true
    })
    expect(previewText('Sync', { devices: 2, folder: { decks: 1, cards: 1200, reviews: 1 }, here }).headline).toBe(
      'The folder Sync holds 1 deck, 1,200 cards and 1 review from 2 devices.'
    )
  })

  it('lists this computer first, with what is missing or arriving', () => {
    const rows = deviceRows([
      { device: 'bbbbbbbbbbbbbbbb', self: false, segments: 4, applied: 2, missing: [3], arriving: 1, lastExchange: T },
      { device: 'aaaaaaaaaaaaaaaa', self: true, segments: 7, applied: 7, missing: [], arriving: 0 }
    ])
    expect(rows.map((row) => [row.name, row.segments, row.waiting])).toEqual([
      ['This computer (aaaaaaaaaaaaaaaa)', '7 of 7 segments applied', 'nothing waiting'],
      ['bbbbbbbbbbbbbbbb', '2 of 4 segments applied', '1 segment missing (3); 1 file arriving']
    ])
  })

  it('shows a device’s snapshot and how many of its segments were compacted', () => {
    const rows = deviceRows([
      { device: 'aaaaaaaaaaaaaaaa', self: true, segments: 2, applied: 2, missing: [], arriving: 0, snapshot: 3, compacted: 40 },
      { device: 'bbbbbbbbbbbbbbbb', self: false, segments: 5, applied: 5, missing: [], arriving: 0, snapshot: 1, compacted: 0 }
    ])
    expect(rows.map((row) => row.segments)).toEqual([
      '2 of 2 segments applied; snapshot 3, 40 segments compacted',
      '5 of 5 segments applied; snapshot 1'
    ])
  })

  it('says when, and shows a folder problem rather than figures', () => {
    expect(whenText(undefined, T)).toBe('never')
    expect(whenText(T - 10_000, T)).toBe('just now')
    expect(whenText(T - 5 * 60_000, T)).toBe('5 minutes ago')
    const problem = { kind: 'read-only' as const, message: 'Recall may not write in the sync folder.' }
    expect(reportText({ ok: false, at: T, sent: 0, received: 0, devices: [], notices: [], folderProblem: problem })).toBe(problem.message)
    expect(reportText({ ok: true, at: T, sent: 3, received: 1, devices: [], notices: [] })).toBe('Sent 3 changes, received 1 change.')
  })
})
