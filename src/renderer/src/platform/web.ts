import { dueReminderText } from '@core/reminder'
import { opfsBackups } from '@platform/opfs-backups'
import { browserSyncPlatform } from '@platform/browser-sync'
import { askForPersistence, type Platform } from '@platform/platform'
import { opfsJournal } from '@platform/opfs-journal'
import { readDeckInWorker } from '@platform/read-deck-in-worker'
import { MINUTE_MS } from '@shared/durations'
import type { DeckLibrary, SaveFileRequest, SaveFileResult } from '@shared/ipc'
import { base64ToBytes } from '@shared/media/base64'

const MIME: Record<SaveFileRequest['kind'], string> = {
  'deck-json': 'application/json',
  'deck-csv': 'text/csv',
  'deck-apkg': 'application/octet-stream',
  backup: 'application/octet-stream'
}

/** The web build: built-in decks are served beside the page as `decks/library.json`. */
export function webPlatform(fetchImpl: typeof fetch = (input, init) => fetch(input, init), baseUrl = document.baseURI): Platform {
  return {
    name: 'web',
    async listDecks(): Promise<DeckLibrary> {
      const url = new URL('decks/library.json', baseUrl)
      const response = await fetchImpl(url, { cache: 'no-cache' })
      if (!response.ok) throw new Error(`could not load the built-in decks (${response.status} ${response.statusText})`)
      return (await response.json()) as DeckLibrary
    },
    requestPersistentStorage: () => askForPersistence(navigator.storage),
    readDeckFile: readDeckInWorker,
    saveFile: async (request) => download(request),
    // Loaded on first use: the optimizer's worker and WebAssembly are fetched only when asked for.
    optimizeParameters: async (histories, options) => (await import('@platform/optimize-in-worker')).optimizeInWorker(histories, options),
    optimizerStops: true,
    backups: opfsBackups(),
    journal: opfsJournal(),
    sync: browserSyncPlatform(),
    notifications: typeof Notification === 'undefined' ? undefined : webNotifications()
  }
}

/** The browser's Notification API, used only after the person turned reminders on and allowed it. */
function webNotifications() {
  return {
    requestPermission: async () => Notification.permission === 'granted' || (await Notification.requestPermission()) === 'granted',
    showDue: async (count: number) => {
      if (Notification.permission !== 'granted') return
      new Notification('Time to revise', { body: dueReminderText(count) })
    }
  }
}

/** A browser saves through a download; the person's browser decides where it goes. */
function download({ suggestedName, content, kind }: SaveFileRequest): SaveFileResult {
  const bytes = kind === 'deck-apkg' ? base64ToBytes(content) : undefined
  const url = URL.createObjectURL(new Blob([bytes ? new Uint8Array(bytes) : content], { type: MIME[kind] }))
  const link = document.createElement('a')
  link.href = url
  link.download = suggestedName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), MINUTE_MS)
  return { status: 'saved', file: suggestedName }
}
