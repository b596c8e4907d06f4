import type { DeckFolders } from '@main/deck-library'
import { join } from 'node:path'

/** Built-in decks are packaged as resources; in development they are read from the checkout. */
export function deckFoldersFor(app: { isPackaged: boolean; appPath: string; resourcesPath: string; userDataPath: string }): DeckFolders {
  return {
    builtinDir: app.isPackaged ? join(app.resourcesPath, 'decks') : join(app.appPath, 'decks'),
    userDir: join(app.userDataPath, 'decks')
  }
}
