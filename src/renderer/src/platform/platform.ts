import type { DeckLibrary } from '../../../shared/ipc'

/** How the renderer reaches the outside world: the Electron shell or a plain browser. */
export interface Platform {
  name: 'electron' | 'web'
  listDecks(): Promise<DeckLibrary>
  /** Asks the browser not to evict the collection under storage pressure. */
  requestPersistentStorage(): Promise<boolean>
}

export async function askForPersistence(storage: StorageManager | undefined): Promise<boolean> {
  try {
    if (!storage?.persist) return false
    return (await storage.persisted()) || (await storage.persist())
  } catch {
    return false
  }
}
