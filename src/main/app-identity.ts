import { join } from 'node:path'

/** electron-builder.yml's appId: Windows attributes notifications and taskbar grouping to it. */
export const APP_ID = 'dev.recall.app'

/** The folder name an installed Recall keeps its collection in (Electron's default, from productName). */
const PRODUCT_NAME = 'Recall'

/**
 * Where a build that is not packaged (`npm start`, `npm run dev`) keeps its data: a folder of its
 * own beside the installed app's, so a development build never opens, migrates or locks the
 * person's real collection, and runs while an installed Recall is open. RECALL_USER_DATA picks
 * another folder (two development copies side by side, or a throwaway one). A packaged Recall
 * keeps Electron's default folder and ignores the variable.
 */
export function userDataFolder(options: { isPackaged: boolean; appData: string; env: NodeJS.ProcessEnv }): string | undefined {
  if (options.isPackaged) return undefined
  const chosen = options.env.RECALL_USER_DATA?.trim()
  return chosen ? chosen : join(options.appData, `${PRODUCT_NAME} (development)`)
}
