import type { DeckProblem } from '@shared/deck/problems'
import { DECK_FILE_EXTENSIONS, readDeckFile } from '@shared/deck/read-deck-file'
import type { DeckLibrary, DeckOrigin, LibraryDeck } from '@shared/ipc'
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'

/** A deck file larger than this is refused before it is read. */
export const MAX_DECK_FILE_BYTES = 20 * 1024 * 1024

export interface DeckFolders {
  /** Decks shipped with the app (native JSON only; their Markdown sources are not read here). */
  builtinDir: string
  /** The user's own deck files, created when missing; null in the web build. */
  userDir: string | null
}

/**
 * Reads every deck the app should offer. A bad file never stops the others: it is reported as a
 * problem with its location, and a user deck whose id is already taken is skipped.
 */
export async function loadDeckLibrary(folders: DeckFolders): Promise<DeckLibrary> {
  const decks: LibraryDeck[] = []
  const problems: DeckProblem[] = []
  await readFolder(folders.builtinDir, 'builtin', ['.json'], decks, problems)
  if (folders.userDir) {
    await mkdir(folders.userDir, { recursive: true })
    await readFolder(folders.userDir, 'user', DECK_FILE_EXTENSIONS, decks, problems)
  }
  return { decks, problems }
}

async function readFolder(
  dir: string,
  origin: DeckOrigin,
  extensions: readonly string[],
  decks: LibraryDeck[],
  problems: DeckProblem[]
): Promise<void> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => extensions.includes(extname(n).toLowerCase())).sort()
  } catch (error) {
    problems.push({ file: dir, message: `the decks folder cannot be read (${errorCode(error)})` })
    return
  }
  for (const name of names) {
    const path = join(dir, name)
    try {
      const info = await stat(path)
      if (!info.isFile()) continue
      if (info.size > MAX_DECK_FILE_BYTES) {
        problems.push({
          file: name,
          message: `the file is too large (${mb(info.size)}); a deck file may have at most ${mb(MAX_DECK_FILE_BYTES)}`
        })
        continue
      }
      const result = readDeckFile(await readFile(path, 'utf8'), name)
      problems.push(...result.problems)
      if (!result.deck) continue
      const taken = decks.find((d) => d.deck.id === result.deck!.id)
      if (taken) {
        problems.push({ file: name, message: `deck id "${result.deck.id}" is already used by ${taken.file}; this file was skipped` })
        continue
      }
      decks.push({ deck: result.deck, origin, file: name })
    } catch (error) {
      problems.push({ file: name, message: `the file cannot be read (${errorCode(error)})` })
    }
  }
}

function mb(bytes: number): string {
  return `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB`
}

/** A file system error's code (ENOENT, EACCES…), or its message. */
function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))
}
