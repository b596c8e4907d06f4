import type { Platform } from '@platform/platform'
import type { RecallStore } from '@store/index'

/**
 * When Recall syncs: once the collection has opened, when the folder's files change (settled, and
 * a little later still, so a burst of files is one exchange), when a study session ends, and on
 * quit (the desktop app asks). Never from the grade path: grading only writes the collection.
 */
export function startSyncTriggers(store: RecallStore, platform: Pick<Platform, 'sync'>, options: { debounceMs?: number } = {}): () => void {
  const sync = platform.sync ?? null
  const debounceMs = options.debounceMs ?? 2_000
  const state = () => store.getState()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  void (async () => {
    await state().loadSync()
    await state().libraryLoaded()
    if (!stopped) await state().runSync('start')
  })()

  const stopSession = store.subscribe((now, before) => {
    if (before.session && !now.session) void state().runSync('session-end')
  })
  const stopFolder =
    sync?.onFolderChange(() => {
      clearTimeout(timer)
      timer = setTimeout(() => void state().runSync('folder'), debounceMs)
    }) ?? (() => undefined)
  const stopQuit = sync?.onBeforeQuit?.(() => state().runSync('quit')) ?? (() => undefined)
  // Ctrl+Shift+Y (Cmd+Shift+Y), as the desktop menu's Sync now: handled here first, so one press is one exchange.
  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'y') {
      event.preventDefault()
      void state().runSync('now')
    }
  }
  const keys = sync && typeof window !== 'undefined' ? window : null
  keys?.addEventListener('keydown', onKey)

  return () => {
    stopped = true
    clearTimeout(timer)
    stopSession()
    stopFolder()
    stopQuit()
    keys?.removeEventListener('keydown', onKey)
  }
}
