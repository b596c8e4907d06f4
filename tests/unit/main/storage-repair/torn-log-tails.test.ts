import { BLOCK_SIZE, HEADER_SIZE, scanLog } from '@main/storage-repair/leveldb-log'
import { cutOffTornTail, repairTornIndexedDbLogs } from '@main/storage-repair/torn-log-tails'
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * The first 32,816 bytes of a log Chromium 156 wrote for Recall's IndexedDB: 48 whole records,
 * then one cut into a FIRST fragment at the end of the first block and its LAST in the second.
 */
const chromiumLog = readFileSync(join(__dirname, '../../../fixtures/leveldb/chromium-indexeddb.log'))

/** Where each logical record ends, read from the headers alone (no checksums). */
function recordEnds(bytes: Uint8Array): number[] {
  const ends: number[] = []
  let position = 0
  while (position < bytes.length) {
    if (BLOCK_SIZE - (position % BLOCK_SIZE) < HEADER_SIZE) position += BLOCK_SIZE - (position % BLOCK_SIZE)
    const length = bytes[position + 4]! | (bytes[position + 5]! << 8)
    const type = bytes[position + 6]
    position += HEADER_SIZE + length
    if (type === 1 || type === 4) ends.push(position)
  }
  return ends
}

const ends = recordEnds(chromiumLog)

describe('scanLog', () => {
  it('reads a whole log Chromium wrote as complete', () => {
    expect(ends).toHaveLength(49)
    expect(ends.at(-1)).toBe(chromiumLog.length)
    expect(scanLog(chromiumLog)).toEqual({ completeEnd: chromiumLog.length, after: 'nothing' })
  })

  it('finds the last whole record wherever a kill cut the file', () => {
    const cuts = new Set<number>()
    for (const end of [0, ...ends]) for (const delta of [-8, -7, -6, -1, 0, 1, 2, 6, 7, 8, 40]) cuts.add(end + delta)
    for (let cut = 0; cut < chromiumLog.length; cut += 97) cuts.add(cut)
    // Inside the fragmented record: its FIRST whole but no LAST yet, and its LAST cut short.
    for (const cut of [BLOCK_SIZE - 1, BLOCK_SIZE, BLOCK_SIZE + HEADER_SIZE, BLOCK_SIZE + 20]) cuts.add(cut)
    for (const cut of [...cuts].filter((c) => c >= 0 && c <= chromiumLog.length)) {
      const lastWhole = Math.max(0, ...ends.filter((end) => end <= cut))
      const expected = { completeEnd: lastWhole, after: lastWhole === cut ? 'nothing' : 'cut-off' }
      expect(scanLog(chromiumLog.subarray(0, cut)), `cut at ${cut}`).toEqual(expected)
    }
  })

  it('calls bytes that read wrongly before the end damage, not a cut-off tail', () => {
    const flipped = Uint8Array.from(chromiumLog)
    flipped[ends[10]! + HEADER_SIZE + 3]! ^= 0x40
    expect(scanLog(flipped)).toEqual({ completeEnd: ends[10], after: 'damage' })
    // A cut-off record with a later session's records after it: what Chromium deletes the database for.
    const appendedAfterTear = Buffer.concat([chromiumLog.subarray(0, ends[20]! - 5), chromiumLog.subarray(ends[2], ends[3])])
    expect(scanLog(appendedAfterTear).after).toBe('damage')
  })
})

describe('repairTornIndexedDbLogs', () => {
  let profile = ''
  afterEach(() => rmSync(profile, { recursive: true, force: true }))

  it('cuts a torn tail back so the next session appends after a whole record, and leaves every other file alone', () => {
    profile = mkdtempSync(join(tmpdir(), 'recall-profile-'))
    const database = join(profile, 'IndexedDB', 'app_recall_0.indexeddb.leveldb')
    const bucket = join(profile, 'WebStorage', '7', 'IndexedDB', 'indexeddb.leveldb')
    const localStorage = join(profile, 'Local Storage', 'leveldb')
    for (const folder of [database, bucket, localStorage]) mkdirSync(folder, { recursive: true })
    const torn = chromiumLog.subarray(0, ends[30]! + HEADER_SIZE + 12)
    writeFileSync(join(database, '000003.log'), torn)
    writeFileSync(join(database, 'MANIFEST-000001'), chromiumLog.subarray(0, ends[5]! + 3))
    writeFileSync(join(database, 'LOG'), 'text Chromium writes for people')
    writeFileSync(join(bucket, '000005.log'), chromiumLog.subarray(0, BLOCK_SIZE + 3))
    writeFileSync(join(bucket, '000004.log'), chromiumLog)
    writeFileSync(join(localStorage, '000003.log'), torn)

    const { repairs, failures } = repairTornIndexedDbLogs(profile)
    expect(failures).toEqual([])

    expect(repairs.map((r) => [r.file.slice(profile.length), r.from, r.to]).sort()).toEqual(
      [
        ['/IndexedDB/app_recall_0.indexeddb.leveldb/000003.log', torn.length, ends[30]],
        ['/IndexedDB/app_recall_0.indexeddb.leveldb/MANIFEST-000001', ends[5]! + 3, ends[5]],
        ['/WebStorage/7/IndexedDB/indexeddb.leveldb/000005.log', BLOCK_SIZE + 3, ends[47]]
      ].sort()
    )
    expect(statSync(join(database, '000003.log')).size).toBe(ends[30])
    expect(readFileSync(join(database, 'LOG'), 'utf8')).toBe('text Chromium writes for people')
    expect(statSync(join(bucket, '000004.log')).size).toBe(chromiumLog.length)
    expect(statSync(join(localStorage, '000003.log')).size).toBe(torn.length)

    // The next session appends records; the log then reads whole, where unrepaired it was damage.
    const nextSession = chromiumLog.subarray(ends[31], ends[40])
    appendFileSync(join(database, '000003.log'), nextSession)
    expect(scanLog(readFileSync(join(database, '000003.log')))).toEqual({ completeEnd: ends[30]! + nextSession.length, after: 'nothing' })
    expect(scanLog(Buffer.concat([torn, nextSession])).after).toBe('damage')
  })

  it('leaves a damaged log as it is, for Chromium to deal with', () => {
    profile = mkdtempSync(join(tmpdir(), 'recall-profile-'))
    const file = join(profile, '000003.log')
    const damaged = Buffer.concat([chromiumLog.subarray(0, ends[20]! - 5), chromiumLog.subarray(ends[2], ends[3])])
    writeFileSync(file, damaged)
    expect(cutOffTornTail(file)).toBeNull()
    expect(readFileSync(file).equals(damaged)).toBe(true)
  })

  it('does nothing on a first start, before Chromium made any folder', () => {
    profile = mkdtempSync(join(tmpdir(), 'recall-profile-'))
    expect(repairTornIndexedDbLogs(profile)).toEqual({ repairs: [], failures: [] })
  })

  it('goes on past a file it cannot read (locked by a virus scanner, EBUSY) and names it', () => {
    profile = mkdtempSync(join(tmpdir(), 'recall-profile-'))
    const first = join(profile, 'IndexedDB', 'a_0.indexeddb.leveldb')
    const second = join(profile, 'IndexedDB', 'b_0.indexeddb.leveldb')
    for (const folder of [first, second]) mkdirSync(folder, { recursive: true })
    // Tests run as root here, where file modes do not stop a read: a folder by a log's name is a
    // file that cannot be read, as a locked one is on Windows.
    mkdirSync(join(first, '000003.log'))
    const torn = chromiumLog.subarray(0, ends[30]! + HEADER_SIZE + 12)
    writeFileSync(join(first, '000004.log'), torn)
    writeFileSync(join(second, '000003.log'), torn)

    const { repairs, failures } = repairTornIndexedDbLogs(profile)

    expect(failures.map((f) => f.file.slice(profile.length))).toEqual(['/IndexedDB/a_0.indexeddb.leveldb/000003.log'])
    expect(String(failures[0]!.error)).toMatch(/EISDIR/)
    expect(repairs.map((r) => r.file.slice(profile.length)).sort()).toEqual([
      '/IndexedDB/a_0.indexeddb.leveldb/000004.log',
      '/IndexedDB/b_0.indexeddb.leveldb/000003.log'
    ])
    expect(statSync(join(second, '000003.log')).size).toBe(ends[30])
  })
})
