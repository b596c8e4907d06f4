import { parseMarkdownDeck } from './markdown'
import { parseNativeDeck } from './native'
import type { ImportResult } from './problems'
import type { Deck } from './schema'

export const DECK_FILE_EXTENSIONS = ['.json', '.md', '.markdown'] as const

/** Reads a deck file of any supported format, chosen by extension and content. */
export function readDeckFile(text: string, file: string): ImportResult<Deck> {
  const lower = file.toLowerCase()
  if (lower.endsWith('.json')) return parseNativeDeck(text, file)
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return parseMarkdownDeck(text, file)
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{')) return parseNativeDeck(text, file)
  return parseMarkdownDeck(text, file)
}

/** The native deck as it is written to disk: stable key order, two-space indent, final newline. */
export function serializeDeck(deck: Deck): string {
  const { format, version, id, name, description, source, cards } = deck
  const ordered = { format, version, id, name, description, source, cards }
  return `${JSON.stringify(ordered, null, 2)}\n`
}
