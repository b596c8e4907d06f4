import { importDeckText } from '@shared/deck/import-file'
import type { ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import { bytesToBase64 } from '@shared/media/base64'
import type { MediaFile } from '@shared/media/media-file'

export const DECK_FILE_EXTENSIONS = ['.json', '.md', '.markdown'] as const

/**
 * Reads a deck file of any text format (native JSON, other tools' JSON, Markdown notes, CSV/TSV),
 * chosen by content and extension. Byte input, Anki packages and size limits: `importDeckFile`.
 */
export function readDeckFile(text: string, file: string): ImportResult<Deck> {
  return importDeckText(text, file)
}

/**
 * The native deck as it is written to disk: stable key order, two-space indent, final newline.
 * Media the notes name is embedded, base64, in `media` (after the notes).
 */
export function serializeDeck(deck: Deck, media: readonly MediaFile[] = []): string {
  const { format, version, id, name, description, source, notes } = deck
  const embedded = media.length > 0 ? media.map((m) => ({ name: m.name, data: bytesToBase64(m.bytes) })) : undefined
  const ordered = { format, version, id, name, description, source, notes, media: embedded }
  return `${JSON.stringify(ordered, null, 2)}\n`
}
