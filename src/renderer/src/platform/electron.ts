import type { RecallApi } from '../../../shared/ipc'
import { askForPersistence, type Platform } from './platform'

export function electronPlatform(api: RecallApi): Platform {
  return {
    name: 'electron',
    listDecks: () => api.listDecks(),
    requestPersistentStorage: () => askForPersistence(navigator.storage)
  }
}
