import { createJournalFolder, type JournalFileOps, type JournalFolder } from '@main/journal/journal-folder'
import { encodeRecord, parseSegment, type JournalRecord } from '@shared/journal/journal-format'
import { MAX_JOURNAL_APPEND } from '@shared/journal/journal-store'
import * as fs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let root: string
const folders: JournalFolder[] = []
const warnings: string[] = []

function folderWith(ops: Partial<JournalFileOps> = {}): JournalFolder {
  const folder = createJournalFolder(root, { fs: { ...fs, ...ops }, warn: (message) => warnings.push(message) })
  folders.push(folder)
  return folder
}

const begin = (tx: string, seq: number): JournalRecord => ({ k: 'begin', tx, seq, epoch: 'e1', at: 1_750_000_000_000 + seq })
const put = (tx: string, id: string): JournalRecord => ({
  k: 'put',
  tx,
  table: 'cards',
  values: [{ key: `aws-ml/${id}`, due: 1_750_086_400_000, stability: 3.2, bytes: new Uint8Array([1, 2, 3]) }]
})
const encode = (...records: JournalRecord[]) => records.map(encodeRecord).join('')
const segmentFile = (epoch: string, segment: string) => join(root, epoch, `${segment}.jrnl`)

async function recordsOf(folder: JournalFolder, epoch: string) {
  const { segments, problems } = await folder.read(epoch)
  return { segments: segments.map(({ segment, text }) => ({ segment, ...parseSegment(text) })), problems }
}

const errorWithCode = (code: string) => Object.assign(new Error(`${code}: simulated`), { code })
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 500) throw new Error('waited too long')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

beforeEach(() => {
  root = fs.mkdtempSync(join(tmpdir(), 'recall-journal-'))
  warnings.length = 0
})

afterEach(() => {
  for (const folder of folders.splice(0)) folder.close()
  fs.rmSync(root, { recursive: true, force: true })
})

describe('the journal folder', () => {
  it('keeps appends in call order, per segment and epoch, and reads them back in name order', async () => {
    const folder = folderWith()
    folder.append('e2', 's-b', encode(begin('t1', 1), put('t1', 'q1')))
    folder.append('e2', 's-a', encode(begin('t2', 2)))
    folder.append('e2', 's-b', encode(put('t1', 'q2')))
    folder.append('e1', 's-a', encode(begin('t0', 0)))
    folder.append('e2', 's-a', encode(put('t2', 'q3'), { k: 'abort', tx: 't2' }))

    expect(await folder.epochs()).toEqual(['e1', 'e2'])
    const { segments, problems } = await recordsOf(folder, 'e2')
    expect(problems).toEqual([])
    expect(segments.map((s) => s.segment)).toEqual(['s-a', 's-b'])
    expect(segments[0]).toEqual({
      segment: 's-a',
      records: [begin('t2', 2), put('t2', 'q3'), { k: 'abort', tx: 't2' }],
      damaged: 0,
      tornTail: false
    })
    expect(segments[1]!.records).toEqual([begin('t1', 1), put('t1', 'q1'), put('t1', 'q2')])
    expect((await recordsOf(folder, 'e1')).segments[0]!.records).toEqual([begin('t0', 0)])
  })

  it('reads an epoch that does not exist as empty, and no epochs before the first append', async () => {
    const folder = folderWith()
    expect(await folder.epochs()).toEqual([])
    expect(await folder.read('e9')).toEqual({ segments: [], problems: [] })
  })

  it('reads a segment cut mid-line by a crash without the torn record, and appends after it on a new line', async () => {
    const first = folderWith()
    first.append('e1', 's1', encode(begin('t1', 1), put('t1', 'q1'), put('t1', 'q2')))
    first.close()
    const file = segmentFile('e1', 's1')
    fs.truncateSync(file, fs.statSync(file).size - 20)

    const afterCrash = folderWith()
    const torn = (await recordsOf(afterCrash, 'e1')).segments[0]!
    expect(torn.records).toEqual([begin('t1', 1), put('t1', 'q1')])
    expect(torn).toMatchObject({ damaged: 1, tornTail: true })

    afterCrash.append('e1', 's1', encode(begin('t2', 2)))
    const repaired = (await recordsOf(afterCrash, 'e1')).segments[0]!
    expect(repaired.records).toEqual([begin('t1', 1), put('t1', 'q1'), begin('t2', 2)])
    expect(repaired).toMatchObject({ damaged: 1, tornTail: false })
  })

  it('refuses names that are paths, empty or too long, and writes nothing for them', async () => {
    const folder = folderWith()
    for (const bad of ['..', '.', 'a/b', '../e1', 'a\\b', '', 'x'.repeat(65), 'a.jrnl', 'e 1', 'é']) {
      expect(() => folder.append(bad, 's1', 'x\n'), bad).toThrow(/is not a journal epoch name: it must be 1 to 64 letters/)
      expect(() => folder.append('e1', bad, 'x\n'), bad).toThrow(/is not a journal segment name/)
      await expect(folder.read(bad)).rejects.toThrow(/not a journal epoch name/)
      expect(() => folder.remove(bad)).toThrow(/not a journal epoch name/)
      expect(() => folder.remove('e1', ['s1', bad])).toThrow(/not a journal segment name/)
    }
    folder.append('x'.repeat(64), 's1', 'x\n')
    expect(fs.readdirSync(root)).toEqual(['x'.repeat(64)])
  })

  it('refuses a text longer than one append may carry', () => {
    const folder = folderWith()
    expect(() => folder.append('e1', 's1', 'x'.repeat(MAX_JOURNAL_APPEND + 1))).toThrow(
      `A journal append of ${MAX_JOURNAL_APPEND + 1} characters is more than the ${MAX_JOURNAL_APPEND} one append may carry.`
    )
    expect(fs.readdirSync(root)).toEqual([])
  })

  it('deletes the segments asked for, then a whole epoch, closing their files so new appends start new files', async () => {
    const closed: number[] = []
    const folder = folderWith({ closeSync: (fd) => (closed.push(fd), fs.closeSync(fd)) })
    folder.append('e1', 's1', encode(begin('t1', 1)))
    folder.append('e1', 's2', encode(begin('t2', 2)))
    folder.append('e2', 's1', encode(begin('t3', 3)))

    folder.remove('e1', ['s1', 'never-written'])
    expect(closed).toHaveLength(1)
    expect((await folder.read('e1')).segments.map((s) => s.segment)).toEqual(['s2'])
    folder.append('e1', 's1', encode(begin('t4', 4)))
    expect((await recordsOf(folder, 'e1')).segments[0]!.records).toEqual([begin('t4', 4)])

    folder.remove('e1')
    expect(closed).toHaveLength(3)
    expect(await folder.epochs()).toEqual(['e2'])
    expect(fs.existsSync(join(root, 'e1'))).toBe(false)
    folder.remove('e1')
    folder.append('e1', 's2', encode(begin('t5', 5)))
    expect((await recordsOf(folder, 'e1')).segments).toEqual([{ segment: 's2', records: [begin('t5', 5)], damaged: 0, tornTail: false }])
  })

  it('skips a segment that cannot be read, tells which, and reads the others', async () => {
    const folder = folderWith()
    folder.append('e1', 's1', encode(begin('t1', 1)))
    folder.append('e1', 's3', encode(begin('t3', 3)))
    fs.mkdirSync(segmentFile('e1', 's2'))
    fs.writeFileSync(join(root, 'e1', 'notes.txt'), 'not a segment')

    const { segments, problems } = await recordsOf(folder, 'e1')
    expect(segments.map((s) => [s.segment, s.records])).toEqual([
      ['s1', [begin('t1', 1)]],
      ['s3', [begin('t3', 3)]]
    ])
    expect(problems).toEqual([{ segment: 's2', message: `${segmentFile('e1', 's2')} could not be read (EISDIR)` }])
  })

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('skips a segment the user may not read', async () => {
    const folder = folderWith()
    folder.append('e1', 's1', encode(begin('t1', 1)))
    folder.append('e1', 's2', encode(begin('t2', 2)))
    fs.chmodSync(segmentFile('e1', 's1'), 0o000)
    const { segments, problems } = await recordsOf(folder, 'e1')
    expect(segments.map((s) => s.segment)).toEqual(['s2'])
    expect(problems).toEqual([{ segment: 's1', message: expect.stringContaining('(EACCES)') }])
  })

  it('turns a full disk into a message a person understands, leaves no half record, and writes once there is room', async () => {
    // While the disk is full, the first write of an append gets half its bytes in, the next fails.
    let full = false
    let halfWritten = false
    const folder = folderWith({
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) => {
        if (!full) return fs.writeSync(fd, buffer, offset, length)
        if (!halfWritten) return ((halfWritten = true), fs.writeSync(fd, buffer, offset, Math.ceil(length / 2)))
        halfWritten = false
        throw errorWithCode('ENOSPC')
      }) as typeof fs.writeSync
    })
    folder.append('e1', 's1', encode(begin('t1', 1)))
    const before = fs.readFileSync(segmentFile('e1', 's1'), 'utf8')

    full = true
    const message =
      `The disk is full, so Recall could not write its journal (${segmentFile('e1', 's1')}). ` +
      'Your study progress is still saved in Recall; the journal is its second copy.'
    expect(() => folder.append('e1', 's1', encode(put('t1', 'q1'), put('t1', 'q2')))).toThrow(message)
    expect(() => folder.append('e1', 's1', encode(put('t1', 'q2')))).toThrow(message)
    expect(fs.readFileSync(segmentFile('e1', 's1'), 'utf8')).toBe(before)

    full = false
    folder.append('e1', 's1', encode(put('t1', 'q3')))
    const { segments } = await recordsOf(folder, 'e1')
    expect(segments[0]).toMatchObject({ records: [begin('t1', 1), put('t1', 'q3')], damaged: 0 })
  })

  it('starts the next append on a new line when a failed append could not be cut back off', async () => {
    let fail = false
    const folder = folderWith({
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) => {
        if (!fail) return fs.writeSync(fd, buffer, offset, length)
        fail = false
        fs.writeSync(fd, buffer, offset, 25)
        throw errorWithCode('EIO')
      }) as typeof fs.writeSync,
      ftruncateSync: () => {
        throw errorWithCode('EPERM')
      }
    })
    folder.append('e1', 's1', encode(begin('t1', 1)))
    fail = true
    expect(() => folder.append('e1', 's1', encode(put('t1', 'q1')))).toThrow(/^The disk reported an error while Recall wrote its journal/)
    folder.append('e1', 's1', encode(put('t1', 'q2')))
    const { segments } = await recordsOf(folder, 'e1')
    expect(segments[0]).toMatchObject({ records: [begin('t1', 1), put('t1', 'q2')], damaged: 1, tornTail: false })
  })

  it('explains a file held by another program and a folder it may not write to', () => {
    let code = 'EBUSY'
    const folder = folderWith({
      openSync: () => {
        throw errorWithCode(code)
      }
    })
    expect(() => folder.append('e1', 's1', 'x\n')).toThrow(/^Another program \(a backup or antivirus tool\?\) is holding Recall's journal/)
    code = 'EACCES'
    expect(() => folder.append('e1', 's1', 'x\n')).toThrow(/^Recall is not allowed to write its journal/)
  })

  it('syncs each written file to disk once per turn, off the append, and only warns when a sync fails', async () => {
    const synced: number[] = []
    let done = 0
    let failSync = false
    const folder = folderWith({
      fdatasync: ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
        synced.push(fd)
        const fail = failSync
        fs.fdatasync(fd, (error) => {
          done++
          callback(fail ? errorWithCode('EIO') : error)
        })
      }) as typeof fs.fdatasync
    })
    folder.append('e1', 's1', encode(begin('t1', 1)))
    folder.append('e1', 's1', encode(put('t1', 'q1')))
    folder.append('e1', 's2', encode(begin('t2', 2)))
    expect(synced).toEqual([])
    await until(() => done === 2)
    expect(new Set(synced).size).toBe(2)
    expect(warnings).toEqual([])

    failSync = true
    folder.append('e1', 's1', encode(put('t1', 'q2')))
    await until(() => done === 3)
    expect(warnings).toEqual([`Recall: could not sync the journal file ${segmentFile('e1', 's1')} to disk (EIO)`])
    folder.append('e1', 's1', encode(put('t1', 'q3')))
    expect((await recordsOf(folder, 'e1')).segments[0]!.records).toHaveLength(4)
  })

  it('syncs what is not yet on disk when it closes, and opens its files again for a later append', async () => {
    const syncedNow: number[] = []
    const folder = folderWith({ fdatasyncSync: (fd) => (syncedNow.push(fd), fs.fdatasyncSync(fd)) })
    folder.append('e1', 's1', encode(begin('t1', 1)))
    folder.close()
    expect(syncedNow).toHaveLength(1)
    folder.append('e1', 's1', encode(begin('t2', 2)))
    expect((await recordsOf(folder, 'e1')).segments[0]!.records).toEqual([begin('t1', 1), begin('t2', 2)])
  })

  it('keeps only recent segments open and still writes to every one', async () => {
    let open = 0
    const folder = folderWith({
      openSync: (...args: Parameters<typeof fs.openSync>) => (open++, fs.openSync(...args)),
      closeSync: (fd) => (open--, fs.closeSync(fd))
    })
    for (let round = 0; round < 2; round++) for (let i = 0; i < 40; i++) folder.append('e1', `s${i}`, encode(begin(`t${round}-${i}`, i)))
    expect(open).toBeLessThanOrEqual(16)
    const { segments } = await recordsOf(folder, 'e1')
    expect(segments).toHaveLength(40)
    for (const segment of segments) expect(segment.records).toHaveLength(2)
  })
})
