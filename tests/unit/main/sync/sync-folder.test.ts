import {
  listSyncFiles,
  removeOwnFile,
  watchSyncFolder,
  writeMediaFile,
  writeSegmentFile,
  writeSnapshotFile,
  type SyncFs
} from '@main/sync/sync-folder'
import type { SyncChange } from '@shared/sync/changes'
import { formatStamp } from '@shared/sync/hlc'
import { MEDIA_SIGNATURE, readSyncFolder } from '@shared/sync/read-sync-folder'
import { encodeSegment } from '@shared/sync/segment-format'
import { encodeSnapshot } from '@shared/sync/snapshot-format'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'
const T = Date.UTC(2026, 11, 1, 10)

function segment(device: string, seq: number, front: string) {
  const changes: SyncChange[] = [
    { k: 'note', at: formatStamp({ wall: T + seq * 1000, count: 0, device }), key: 'aws/n1', fields: { front } }
  ]
  return encodeSegment(device, seq, changes).text
}

/** Every file under a folder, relative, sorted. */
function tree(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort()
}

const errno = (code: string) => Object.assign(new Error(code), { code })
/** A file operation that fails with `code`, whatever it is asked. */
const refuse = (code: string) => (): Promise<never> => Promise.reject(errno(code))

let folder = ''
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'recall-sync-'))
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

describe('the sync folder on disk', () => {
  it('carries two computers’ segments and media, and reads them back whole, each once', async () => {
    expect(await writeSegmentFile(folder, LAPTOP, 1, segment(LAPTOP, 1, 'What does Amazon Macie find?'))).toEqual({
      ok: true,
      value: `${LAPTOP}/0000000001.seg`
    })
    await writeSegmentFile(folder, DESKTOP, 1, segment(DESKTOP, 1, 'Which service labels data?'))
    await writeSegmentFile(folder, DESKTOP, 2, segment(DESKTOP, 2, 'What is SageMaker Clarify for?'))
    const hash = 'c'.repeat(64)
    await writeMediaFile(folder, LAPTOP, hash, new Uint8Array([137, 80, 78, 71]))

    expect(tree(folder)).toEqual([
      `recall/${LAPTOP}/0000000001.seg`,
      `recall/${LAPTOP}/media/${hash}`,
      `recall/${DESKTOP}/0000000001.seg`,
      `recall/${DESKTOP}/0000000002.seg`
    ])
    const listed = await listSyncFiles(folder)
    expect(listed.ok).toBe(true)
    const read = readSyncFolder(listed.ok ? listed.value : [])
    expect(read.problems).toEqual([])
    expect(read.segments.map((s) => `${s.device}/${s.seq}`).sort()).toEqual([`${LAPTOP}/1`, `${DESKTOP}/1`, `${DESKTOP}/2`])
    expect(read.devices.get(LAPTOP)?.media).toEqual([hash])
  })

  it('signs every file with its size and modification time, reads none without text, and a rewrite changes the signature', async () => {
    const text = segment(DESKTOP, 1, 'Which service labels data?')
    await writeSegmentFile(folder, DESKTOP, 1, text)
    const hash = 'd'.repeat(64)
    await writeMediaFile(folder, LAPTOP, hash, new Uint8Array([1, 2, 3]))
    const full = await listSyncFiles(folder)
    const textless = await listSyncFiles(folder, undefined, { textless: true })
    const byPath = (listed: typeof full) => new Map((listed.ok ? listed.value : []).map((f) => [f.path, f]))
    const segmentPath = `${DESKTOP}/0000000001.seg`
    expect(byPath(full).get(segmentPath)).toMatchObject({ text, sig: expect.stringMatching(new RegExp(`^${text.length}:`)) })
    expect(byPath(textless).get(segmentPath)).toEqual({ path: segmentPath, sig: byPath(full).get(segmentPath)!.sig })
    // A media file is named by its content: its name is its signature, and it is not looked at.
    expect(byPath(textless).get(`${LAPTOP}/media/${hash}`)?.sig).toBe(MEDIA_SIGNATURE)

    // The engine brings another version of the file (same length, a later time): the signature differs.
    const file = join(folder, 'recall', DESKTOP, '0000000001.seg')
    writeFileSync(file, text.replace('labels', 'LABELS'))
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1))
    expect(byPath(await listSyncFiles(folder, undefined, { textless: true })).get(segmentPath)!.sig).not.toBe(
      byPath(full).get(segmentPath)!.sig
    )
  })

  it('shares a snapshot, reads it back, and compaction removes only a segment’s or snapshot’s own name; one already gone is done', async () => {
    await writeSegmentFile(folder, LAPTOP, 1, segment(LAPTOP, 1, 'What does Amazon Macie find?'))
    const snapshot = encodeSnapshot(LAPTOP, 1, { [LAPTOP]: 1 }, '', [])
    expect(await writeSnapshotFile(folder, LAPTOP, 1, snapshot.text)).toEqual({ ok: true, value: `${LAPTOP}/snapshot-0000000001.snap` })
    const listed = await listSyncFiles(folder)
    expect(readSyncFolder(listed.ok ? listed.value : []).snapshots.map((s) => [s.device, s.seq])).toEqual([[LAPTOP, 1]])

    expect(await removeOwnFile(folder, LAPTOP, '0000000001.seg')).toEqual({ ok: true, value: `${LAPTOP}/0000000001.seg` })
    expect(await removeOwnFile(folder, LAPTOP, '0000000001.seg')).toEqual({ ok: true, value: `${LAPTOP}/0000000001.seg` })
    expect(await removeOwnFile(folder, LAPTOP, '../../outside.seg')).toMatchObject({ ok: false })
    expect(await removeOwnFile(folder, LAPTOP, 'media')).toMatchObject({ ok: false })
    expect(tree(folder)).toEqual([`recall/${LAPTOP}/snapshot-0000000001.snap`])
    rmSync(folder, { recursive: true, force: true })
    expect(await removeOwnFile(folder, LAPTOP, 'snapshot-0000000001.snap')).toMatchObject({ ok: false, problem: { kind: 'missing' } })
  })

  it('never rewrites a segment: a second write of the same number leaves the first as it was, and no temporary file', async () => {
    const first = segment(LAPTOP, 1, 'first')
    await writeSegmentFile(folder, LAPTOP, 1, first)
    expect(await writeSegmentFile(folder, LAPTOP, 1, segment(LAPTOP, 1, 'second'))).toEqual({ ok: true, value: `${LAPTOP}/0000000001.seg` })
    expect(readFileSync(join(folder, 'recall', LAPTOP, '0000000001.seg'), 'utf8')).toBe(first)
    expect(tree(folder)).toEqual([`recall/${LAPTOP}/0000000001.seg`])
  })

  it('reads past what the engines leave: files still arriving, conflict copies, their own bookkeeping', async () => {
    const text = segment(DESKTOP, 1, 'Which chip trains models?')
    await writeSegmentFile(folder, DESKTOP, 1, text)
    const device = join(folder, 'recall', DESKTOP)
    writeFileSync(join(device, '.syncthing.0000000002.seg.tmp'), 'half a segm')
    writeFileSync(join(device, '0000000001.sync-conflict-20261201-101500-ABCDEF7.seg'), text)
    writeFileSync(join(folder, 'recall', '.stfolder'), '')
    mkdirSync(join(folder, 'recall', '.stversions'))
    writeFileSync(join(folder, 'recall', '.stversions', 'old.seg'), 'kept by Syncthing')

    const listed = await listSyncFiles(folder)
    const read = readSyncFolder(listed.ok ? listed.value : [])
    expect(read.problems).toEqual([])
    expect(read.segments).toHaveLength(1)
    expect(read.devices.get(DESKTOP)?.arriving).toBe(1)
  })

  it('says where the folder went when it is gone, and when a file has its name', async () => {
    const gone = join(folder, 'unplugged-drive')
    const listed = await listSyncFiles(gone)
    expect(listed).toMatchObject({ ok: false, problem: { kind: 'missing' } })
    expect(!listed.ok && listed.problem.message).toMatch(/unplugged-drive is not there: is its drive connected/)
    expect(await writeSegmentFile(gone, LAPTOP, 1, segment(LAPTOP, 1, 'x'))).toMatchObject({ ok: false, problem: { kind: 'missing' } })
    writeFileSync(gone, 'a file')
    expect(await listSyncFiles(gone)).toMatchObject({ ok: false, problem: { kind: 'not-a-folder' } })
  })

  it('a folder nobody has synced into yet is empty, not a problem', async () => {
    expect(await listSyncFiles(folder)).toEqual({ ok: true, value: [] })
  })

  it('a full disk leaves neither a segment nor a temporary file, and says so', async () => {
    const full: SyncFs = {
      ...fs,
      open: async (path, flags) => {
        const handle = await fs.open(path, flags)
        return Object.assign(handle, {
          writeFile: () => Promise.reject(errno('ENOSPC'))
        })
      }
    }
    const result = await writeSegmentFile(folder, LAPTOP, 1, segment(LAPTOP, 1, 'x'), full)
    expect(result).toMatchObject({ ok: false, problem: { kind: 'full' } })
    expect(tree(folder)).toEqual([])
  })

  it('a read-only folder is named as one: the other computers’ changes can still be read', async () => {
    await writeSegmentFile(folder, DESKTOP, 1, segment(DESKTOP, 1, 'y'))
    const readOnly: SyncFs = { ...fs, mkdir: refuse('EROFS'), open: refuse('EROFS') }
    expect(await writeSegmentFile(folder, LAPTOP, 1, segment(LAPTOP, 1, 'x'), readOnly)).toMatchObject({
      ok: false,
      problem: { kind: 'read-only' }
    })
    const listed = await listSyncFiles(folder, readOnly)
    expect(readSyncFolder(listed.ok ? listed.value : []).segments).toHaveLength(1)
  })

  it('where the file system has no hard links (FAT, some cloud drives), names the segment by a rename', async () => {
    const noLinks: SyncFs = { ...fs, link: refuse('EPERM') }
    const text = segment(LAPTOP, 1, 'z')
    expect(await writeSegmentFile(folder, LAPTOP, 1, text, noLinks)).toMatchObject({ ok: true })
    expect(tree(folder)).toEqual([`recall/${LAPTOP}/0000000001.seg`])
    expect(readFileSync(join(folder, 'recall', LAPTOP, '0000000001.seg'), 'utf8')).toBe(text)
  })
})

describe('watching the sync folder', () => {
  it('hears a burst of arriving files once, after it settles', async () => {
    let heard = 0
    const watcher = watchSyncFolder(folder, () => heard++, { settleMs: 500, pollMs: 60_000 })
    try {
      await new Promise((resolve) => setTimeout(resolve, 50))
      await writeSegmentFile(folder, DESKTOP, 1, segment(DESKTOP, 1, 'a'))
      await writeSegmentFile(folder, DESKTOP, 2, segment(DESKTOP, 2, 'b'))
      await expect.poll(() => heard, { timeout: 5_000 }).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 800))
      expect(heard).toBe(1)
    } finally {
      watcher.close()
    }
  })

  it('looks again on a timer where the folder cannot be watched (gone, or a file system that reports nothing)', async () => {
    let heard = 0
    const watcher = watchSyncFolder(join(folder, 'not-mounted'), () => heard++, { settleMs: 10, pollMs: 50 })
    try {
      await expect.poll(() => heard, { timeout: 5_000 }).toBeGreaterThanOrEqual(2)
    } finally {
      watcher.close()
    }
  })
})
