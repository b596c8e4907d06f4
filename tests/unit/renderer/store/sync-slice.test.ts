import type { LinkPreview, SyncReport } from '@core/sync/sync-report'
import type { SyncPlatform, SyncFolderAccess } from '@shared/sync/sync-folder-access'
import { createRecallStore } from '@store'
import type { SyncEngine } from '@store/sync-engine-port'
import { startSyncTriggers } from '@store/sync-triggers'
import { Rating } from 'ts-fsrs'
import { describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const library = { decks: [makeDeck('d', makeCards(5))], problems: [] }
const T = Date.UTC(2026, 11, 6, 10)

const report = (over: Partial<SyncReport> = {}): SyncReport => ({
  ok: true,
  at: T,
  sent: 1,
  received: 0,
  devices: [],
  notices: [],
  ...over
})

function setup({ linked = true, preview }: { linked?: boolean; preview?: LinkPreview } = {}) {
  const calls: string[] = []
  let folderListener: () => void = () => undefined
  let quitListener: (() => Promise<unknown>) | null = null
  const folder: SyncFolderAccess = {
    list: async () => ({ ok: true, value: [] }),
    writeSegment: async () => ({ ok: true, value: '' }),
    writeSnapshot: async () => ({ ok: true, value: '' }),
    removeOwn: async () => ({ ok: true, value: '' }),
    writeMedia: async () => ({ ok: true, value: '' }),
    readMedia: async () => ({ ok: true, value: new Uint8Array() })
  }
  let isLinked = linked
  const sync: SyncPlatform & { onBeforeQuit(run: () => Promise<unknown>): () => void } = {
    linked: async () => (isLinked ? { label: '/home/me/Sync' } : null),
    chooseFolder: async () => ({ ok: true, value: { label: '/home/me/Sync' } }),
    chosenFolder: () => folder,
    link: async () => ((isLinked = true), { ok: true, value: { label: '/home/me/Sync' } }),
    reconnect: async () => ({ ok: true, value: { label: '/home/me/Sync' } }),
    unlink: async () => void (isLinked = false),
    folder: () => folder,
    onFolderChange: (listener) => ((folderListener = listener), () => undefined),
    onBeforeQuit: (run) => ((quitListener = run), () => undefined)
  }
  // An exchange stays open until the test lets it end, so "one at a time" can be seen.
  const pending: Array<() => void> = []
  const engine: SyncEngine = {
    syncNow: (_db, _folder, { now }) =>
      new Promise((resolve) => {
        calls.push('sync')
        pending.push(() => resolve(report({ at: now })))
      }),
    previewLink: async () => (
      calls.push('preview'),
      preview ?? { devices: 0, folder: { decks: 0, cards: 0, reviews: 0 }, here: { decks: 1, cards: 5, reviews: 0 } }
    ),
    linkCollection: async (_db, _folder, choice) => (calls.push(`link ${choice}`), report()),
    unlinkCollection: async () => void calls.push('unlink'),
    lastReport: async () => undefined
  }
  const clock = { now: T }
  const store = createRecallStore({
    db: freshDatabase(),
    platform: fakePlatform(library, { sync }),
    now: () => clock.now,
    syncEngine: async () => engine
  })
  const finishAll = async () => {
    while (pending.length > 0) {
      pending.shift()!()
      await vi.waitFor(() => expect(store.getState().sync.running || pending.length > 0).toBe(pending.length > 0))
    }
  }
  return {
    store,
    state: () => store.getState(),
    calls,
    pending,
    finishAll,
    clock,
    sync,
    fireFolderChange: () => folderListener(),
    quit: () => quitListener!()
  }
}

describe('when Recall syncs', () => {
  it('syncs once the collection has opened, and shows the exchange', async () => {
    const { store, state, calls, finishAll, sync } = setup()
    startSyncTriggers(store, { sync }, { debounceMs: 0 })
    void state().loadLibrary()
    await vi.waitFor(() => expect(calls).toEqual(['sync']))
    expect(state().sync.running).toBe(true)
    await finishAll()
    expect(state().sync).toMatchObject({ running: false, folder: { label: '/home/me/Sync' }, lastSuccessAt: T })
  })

  it('runs one exchange at a time: a change during one is one more exchange after it, not two at once', async () => {
    const { state, calls, pending, finishAll } = setup()
    await state().loadSync()
    const first = state().runSync('now')
    await vi.waitFor(() => expect(calls).toEqual(['sync']))
    void state().runSync('folder')
    void state().runSync('now')
    expect(calls).toEqual(['sync'])
    pending.shift()!()
    await vi.waitFor(() => expect(calls).toEqual(['sync', 'sync']))
    await finishAll()
    await first
    expect(calls).toEqual(['sync', 'sync'])
  })

  it('never syncs while grading; a folder change during a session waits for its end', async () => {
    const { store, state, calls, finishAll, fireFolderChange, sync } = setup()
    await state().loadLibrary()
    await state().loadSync()
    startSyncTriggers(store, { sync }, { debounceMs: 0 })
    await vi.waitFor(() => expect(calls).toEqual(['sync']))
    await finishAll()
    await state().startStudy('d')
    for (let i = 0; i < 3; i++) {
      state().reveal()
      await state().grade(Rating.Good)
    }
    fireFolderChange()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(calls).toEqual(['sync'])
    await state().leaveStudy()
    await vi.waitFor(() => expect(calls).toEqual(['sync', 'sync']))
    await finishAll()
  })

  it('does nothing until a folder is linked', async () => {
    const { state, calls } = setup({ linked: false })
    await state().loadSync()
    await state().runSync('now')
    expect(calls).toEqual([])
  })

  it('syncs when the desktop app quits, and answers once it is done', async () => {
    const { store, state, calls, pending, quit, sync } = setup()
    await state().loadLibrary()
    startSyncTriggers(store, { sync }, { debounceMs: 0 })
    await vi.waitFor(() => expect(calls).toEqual(['sync']))
    pending.shift()!()
    let answered = false
    const quitting = quit().then(() => (answered = true))
    await vi.waitFor(() => expect(calls).toEqual(['sync', 'sync']))
    expect(answered).toBe(false)
    pending.shift()!()
    await quitting
    expect(answered).toBe(true)
  })
})

describe('linking and unlinking', () => {
  it('shows what the folder holds before anything changes, and links only on a choice', async () => {
    const preview = { devices: 2, folder: { decks: 3, cards: 120, reviews: 900 }, here: { decks: 1, cards: 5, reviews: 0 } }
    const { state, calls } = setup({ linked: false, preview })
    await state().loadSync()
    await state().chooseSyncFolder()
    expect(state().sync.link).toEqual({ step: 'preview', label: '/home/me/Sync', preview })
    expect(calls).toEqual(['preview'])
    expect(state().sync.folder).toBeNull()
    state().cancelSyncLink()
    expect(state().sync.link).toEqual({ step: 'idle' })
    expect(calls).toEqual(['preview'])

    await state().chooseSyncFolder()
    await state().confirmSyncLink('take-folder')
    expect(calls).toEqual(['preview', 'preview', 'link take-folder'])
    expect(state().sync).toMatchObject({ folder: { label: '/home/me/Sync' }, link: { step: 'idle' }, lastSuccessAt: T })

    await state().unlinkSync()
    expect(calls.at(-1)).toBe('unlink')
    expect(state().sync).toMatchObject({ folder: null, report: undefined })
  })
})
