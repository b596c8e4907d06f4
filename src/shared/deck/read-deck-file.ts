import { importDeckText } from '@shared/deck/import-file'
import type { ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'

export const DECK_FILE_EXTENSIONS = ['.json', '.md', '.markdown'] as const

/**
 * Reads a deck file of any text format (native JSON, other tools' JSON, Markdown notes, CSV/TSV),
 * chosen by content and extension. Byte input, Anki packages and size limits: `importDeckFile`.
 */
export function readDeckFile(text: string, file: string): ImportResult<Deck> {
  return importDeckText(text, file)
}

/** The native deck as it is written to disk: stable key order, two-space indent, final newline. */
export function serializeDeck(deck: Deck): string {
  const { format, version, id, name, description, source, notes } = deck
  const ordered = { format, version, id, name, description, source, notes }
  return `${JSON.stringify(ordered, null, 2)}\n`
}
