import { parseMarkdownDeck } from '@shared/deck/markdown'
import type { DeckProblem } from '@shared/deck/problems'
import { serializeDeck } from '@shared/deck/read-deck-file'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

export interface GeneratedDeck {
  /** File name under decks/, e.g. `aws-ml-services.json`. */
  fileName: string
  content: string
  cardCount: number
}

/**
 * Builds the native decks from the Markdown notes in `sourcesDir`, in memory. The same importer
 * that reads a user's notes reads ours; any problem fails the whole generation.
 */
export async function generateBuiltInDecks(root: string): Promise<{ decks: GeneratedDeck[]; problems: DeckProblem[] }> {
  const sourcesDir = join(root, 'decks', 'sources')
  const names = (await readdir(sourcesDir)).filter((n) => n.endsWith('.md')).sort()
  const decks: GeneratedDeck[] = []
  const problems: DeckProblem[] = []
  for (const name of names) {
    const path = join(sourcesDir, name)
    const source = relative(root, path).split('\\').join('/')
    const result = parseMarkdownDeck(await readFile(path, 'utf8'), source)
    problems.push(...result.problems)
    if (!result.deck) continue
    const deck = { ...result.deck, source }
    decks.push({ fileName: `${deck.id}.json`, content: serializeDeck(deck), cardCount: deck.cards.length })
  }
  return { decks, problems }
}
