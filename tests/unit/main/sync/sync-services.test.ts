import { createSyncServices, type SyncServiceOptions } from '@main/sync/sync-services'
import { readSyncSettings, writeSyncSettings } from '@main/sync/sync-settings'
import type { SyncChange } from '@shared/sync/changes'
import { formatStamp } from '@shared/sync/hlc'
import { encodeSegment } from '@shared/sync/segment-format'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'

function segment(device: string, seq: number) {
  const changes: SyncChange[] = [
    { k: 'note', at: formatStamp({ wall: Date.UTC(2026, 11, 1) + seq, count: 0, device }), key: 'aws/n1', fields: { front: `v${seq}` } }
  ]
  return encodeSegment(device, seq, changes).text
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let root = ''
let userData = ''
let shared = ''
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'recall-sync-services-'))
  userData = join(root, 'user-data')
  shared = join(root, 'Sync')
  mkdirSync(userData)
  mkdirSync(shared)
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function setup(overrides: Partial<SyncServiceOptions> = {}) {
  const picked: Array<string | null> = []
  const watched: string[] = []
  const closedWatchers: string[] = []
  const asked: string[] = []
  const changes = { count: 0 }
  const watchers: Array<() => void> = []
  const sync = createSyncServices({
    settingsFile: join(userData, 'sync.json'),
    pickFolder: async () => picked.shift() ?? null,
    onFolderChange: () => void changes.count++,
    askPageToSync: (id) => void asked.push(id),
    watch: (folder, onChange) => {
      watched.push(folder)
      watchers.push(onChange)
      return { close: () => void closedWatchers.push(folder) }
    },
    ...overrides
  })
  return { sync, api: sync.services, picked, watched, closedWatchers, asked, changes, watchers }
}

describe('the linked sync folder in main', () => {
  it('is chosen only in the folder dialog, linked on request, and remembered in the user-data folder', async () => {
    const { api, picked, watched } = setup()
    expect(await api.syncLinked()).toBeNull()
    picked.push(shared)
    expect(await api.syncChooseFolder()).toEqual({ ok: true, value: { label: shared } })
    // Chosen is not linked: nothing is remembered or watched before the person confirms.
    expect(await api.syncLinked()).toBeNull()
    expect(existsSync(join(userData, 'sync.json'))).toBe(false)
    expect(watched).toEqual([])

    expect(await api.syncLink()).toEqual({ ok: true, value: { label: shared } })
    expect(await api.syncLinked()).toEqual({ label: shared })
    expect(JSON.parse(readFileSync(join(userData, 'sync.json'), 'utf8'))).toEqual({ folder: shared })
    expect(watched).toEqual([shared])
    // The settings file is written whole: no temporary file is left beside it.
    expect(readdirSync(userData)).toEqual(['sync.json'])

    // The next start of Recall finds the same folder, and watches it again.
    const again = setup()
    expect(await again.api.syncLinked()).toEqual({ label: shared })
    expect(again.watched).toEqual([shared])
  })

  it('cancelling the dialog changes nothing; a file instead of a folder is refused in words', async () => {
    const { api, picked } = setup()
    expect(await api.syncChooseFolder()).toBeNull()
    const file = join(root, 'notes.txt')
    writeFileSync(file, 'x')
    picked.push(file)
    const result = await api.syncChooseFolder()
    expect(result).toMatchObject({ ok: false, problem: { kind: 'not-a-folder' } })
    expect(await api.syncLink()).toMatchObject({ ok: false, problem: { message: 'Choose the sync folder first.' } })
  })

  it('reads the chosen folder for the preview, and writes only to the linked one', async () => {
    writeFileSync(join(shared, 'ignored.txt'), '')
    mkdirSync(join(shared, 'recall', DESKTOP), { recursive: true })
    writeFileSync(join(shared, 'recall', DESKTOP, '0000000001.seg'), segment(DESKTOP, 1))
    const { api, picked } = setup()
    picked.push(shared)
    await api.syncChooseFolder()
    const listed = await api.syncList('chosen')
    expect(listed.ok && listed.value.map((file) => file.path)).toEqual([`${DESKTOP}/0000000001.seg`])
    // Before linking, a write has nowhere to go.
    expect(await api.syncWriteSegment(LAPTOP, 1, segment(LAPTOP, 1))).toMatchObject({ ok: false, problem: { kind: 'missing' } })
    expect(await api.syncList('linked')).toMatchObject({ ok: false, problem: { kind: 'missing' } })

    await api.syncLink()
    expect(await api.syncWriteSegment(LAPTOP, 1, segment(LAPTOP, 1))).toEqual({ ok: true, value: `${LAPTOP}/0000000001.seg` })
    expect(readFileSync(join(shared, 'recall', LAPTOP, '0000000001.seg'), 'utf8')).toBe(segment(LAPTOP, 1))
  })

  it('writes a media file only when its bytes match its hash, and reads one back only when they still do', async () => {
    const { api, picked } = setup()
    picked.push(shared)
    await api.syncChooseFolder()
    await api.syncLink()
    const bytes = new Uint8Array([1, 2, 3, 4])
    const hash = sha(bytes)
    expect(await api.syncWriteMedia(LAPTOP, sha(new Uint8Array([9])), bytes)).toMatchObject({ ok: false })
    expect(await api.syncWriteMedia(LAPTOP, hash, bytes)).toEqual({ ok: true, value: `${LAPTOP}/media/${hash}` })
    const read = await api.syncReadMedia(LAPTOP, hash)
    expect(read.ok && Array.from(read.value)).toEqual([1, 2, 3, 4])

    // Cut short by a sync engine: not handed to the page.
    writeFileSync(join(shared, 'recall', LAPTOP, 'media', hash), new Uint8Array([1, 2]))
    expect(await api.syncReadMedia(LAPTOP, hash)).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('does not match') }
    })
    expect(await api.syncReadMedia(DESKTOP, hash)).toMatchObject({
      ok: false,
      problem: { kind: 'missing', message: expect.stringContaining('not arrived') }
    })
  })

  it('a folder that went away is a problem in words, not an error', async () => {
    const { api, picked } = setup()
    picked.push(shared)
    await api.syncChooseFolder()
    await api.syncLink()
    rmSync(shared, { recursive: true })
    const listed = await api.syncList('linked')
    expect(listed).toMatchObject({ ok: false, problem: { kind: 'missing', message: expect.stringContaining('is not there') } })
  })

  it('unlinking forgets the folder and stops watching it; the folder keeps its files', async () => {
    const { api, picked, closedWatchers } = setup()
    picked.push(shared)
    await api.syncChooseFolder()
    await api.syncLink()
    await api.syncWriteSegment(LAPTOP, 1, segment(LAPTOP, 1))
    await api.syncUnlink()
    expect(await api.syncLinked()).toBeNull()
    expect(existsSync(join(userData, 'sync.json'))).toBe(false)
    expect(closedWatchers).toEqual([shared])
    expect(existsSync(join(shared, 'recall', LAPTOP, '0000000001.seg'))).toBe(true)
    expect(await setup().api.syncLinked()).toBeNull()
  })

  it("passes the folder watcher's changes on to the page", async () => {
    const { api, picked, watchers, changes } = setup()
    picked.push(shared)
    await api.syncChooseFolder()
    await api.syncLink()
    watchers[0]!()
    expect(changes.count).toBe(1)
  })
})

describe('syncing before quitting', () => {
  it('does not ask the page when no folder is linked', async () => {
    const { sync, asked } = setup()
    expect(await sync.syncBeforeQuit()).toBe('not linked')
    expect(asked).toEqual([])
  })

  it('waits for the page to say its sync is done', async () => {
    const { sync, api, picked, asked } = setup()
    picked.push(shared)
    await api.syncChooseFolder()
    await api.syncLink()
    const quitting = sync.syncBeforeQuit()
    await vi.waitFor(() => expect(asked).toHaveLength(1))
    // A made-up id does not end the wait; the page's own does.
    await api.syncQuitDone('sync-quit-999')
    await api.syncQuitDone(asked[0]!)
    expect(await quitting).toBe('synced')
  })

  it('goes on quitting when the page never answers, or there is no page', async () => {
    vi.useFakeTimers()
    try {
      const { sync, api, picked } = setup({ quitTimeoutMs: 20_000 })
      picked.push(shared)
      await api.syncChooseFolder()
      await api.syncLink()
      const quitting = sync.syncBeforeQuit()
      await vi.advanceTimersByTimeAsync(20_000)
      expect(await quitting).toBe('timed out')
    } finally {
      vi.useRealTimers()
    }
    await writeSyncSettings(join(userData, 'sync.json'), { folder: shared })
    const gone = setup({
      askPageToSync: () => {
        throw new Error('no window is open')
      }
    })
    expect(await gone.sync.syncBeforeQuit()).toBe('no page')
  })
})

describe('the sync settings file', () => {
  it('reads a damaged or foreign file as "no folder linked"', async () => {
    const file = join(userData, 'sync.json')
    writeFileSync(file, '{"folder": ')
    expect(await readSyncSettings(file)).toBeNull()
    writeFileSync(file, JSON.stringify({ folder: 'relative/path' }))
    expect(await readSyncSettings(file)).toBeNull()
    await writeSyncSettings(file, { folder: shared })
    expect(await readSyncSettings(file)).toEqual({ folder: shared })
  })
})
