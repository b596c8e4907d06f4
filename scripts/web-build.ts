import { loadDeckLibrary } from '@main/deck-library'
import { formatProblem } from '@shared/deck/problems'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { rendererConfig } from './renderer-config'

export const root = resolve(__dirname, '..')
export const webOutDir = join(root, 'out', 'web')

/** Builds the renderer for a plain browser, with the built-in decks beside it. */
export async function buildWeb(outDir = webOutDir): Promise<void> {
  await build({ ...rendererConfig(outDir), logLevel: 'warn', configFile: false })
  const library = await loadDeckLibrary({ builtinDir: join(root, 'decks'), userDir: null })
  if (library.problems.length > 0) throw new Error(library.problems.map(formatProblem).join('\n'))
  await mkdir(join(outDir, 'decks'), { recursive: true })
  await writeFile(join(outDir, 'decks', 'library.json'), JSON.stringify(library))
}
