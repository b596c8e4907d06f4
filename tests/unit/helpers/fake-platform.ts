import type { Platform } from '@platform/platform'
import { importDeckFile } from '@shared/deck/import-file'
import type { DeckLibrary } from '@shared/ipc'

/** The web platform's shape with a fixed deck library, for store tests. */
export function fakePlatform(library: DeckLibrary | (() => DeckLibrary), overrides: Partial<Platform> = {}): Platform {
  return {
    name: 'web',
    listDecks: async () => (typeof library === 'function' ? library() : library),
    requestPersistentStorage: async () => true,
    saveFile: async (request) => ({ status: 'saved', file: request.suggestedName }),
    optimizeParameters: async () => ({ ok: false, message: 'not in tests' }),
    optimizerStops: true,
    readDeckFile: (file, options) => importDeckFile(file, { onProgress: options?.onProgress, csv: options?.csv }),
    backups: null,
    journal: null,
    ...overrides
  }
}
