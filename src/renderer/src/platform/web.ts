import type { DeckLibrary } from '../../../shared/ipc'
import { askForPersistence, type Platform } from './platform'

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
    requestPersistentStorage: () => askForPersistence(navigator.storage)
  }
}
