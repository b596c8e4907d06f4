import { DEFAULT_MAX_UNZIPPED_BYTES, isZip, parseApkgDeck } from '@shared/deck/apkg'
import { isCrowdAnki, parseCrowdAnkiDeck } from '@shared/deck/crowdanki'
import { parseCsvDeck } from '@shared/deck/csv'
import type { CsvChoice } from '@shared/deck/csv-reading'
import { sniffDelimiter } from '@shared/deck/csv-rows'
import { conflictMarkers, recogniseNonDeck } from '@shared/deck/file-kind'
import { MAX_IMPORT_BYTES } from '@shared/deck/import-limits'
import type { OnImportProgress } from '@shared/deck/import-progress'
import { parseJsonCards } from '@shared/deck/json-cards'
import { parseMarkdownDeck } from '@shared/deck/markdown'
import { parseNativeDeck } from '@shared/deck/native'
import type { DeckProblem, ImportResult, ParsedImport } from '@shared/deck/problems'
import { decodeText } from '@shared/deck/text-lines'
import type { Deck } from '@shared/deck/schema'
import { readNotesZip } from '@shared/deck/notes-zip'
import { plural } from '@shared/plural'
import { withCompanionFiles } from '@shared/media/companion-files'
import { checkDeckMedia } from '@shared/media/deck-media'
import type { SqlJsStatic } from 'sql.js'

/**
 * One entry point for every deck file a person may bring: it checks the limits, decodes the
 * text, recognises the format and hands the file to its importer. Nothing here throws on bad
 * input; every refusal is a problem with a message a person can act on.
 */
export type DeckFormat = 'native' | 'csv' | 'tsv' | 'json' | 'markdown' | 'apkg'
export type TextDeckFormat = Exclude<DeckFormat, 'apkg'>
export const DECK_FORMATS: readonly DeckFormat[] = ['native', 'csv', 'tsv', 'json', 'markdown', 'apkg']

interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number
  maxCards: number
  /** Largest total an Anki package may unpack to, in bytes. */
  maxUnzippedBytes: number
}

const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: MAX_IMPORT_BYTES,
  maxCards: 100_000,
  maxUnzippedBytes: DEFAULT_MAX_UNZIPPED_BYTES
}

const MAX_PROBLEMS = 200
const FORMAT_BY_EXTENSION = new Map<string, TextDeckFormat>([
  ['.csv', 'csv'],
  ['.tsv', 'tsv'],
  ['.tab', 'tsv'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.json', 'json']
])
const ANKI_HEADER = /^(?:tags:|#(?:separator|html|columns|notetype|deck|tags|guid)(?: column)?:)/i
const NATIVE_MARKER = /"format"\s*:\s*"recall-deck"/
const MARKDOWN_CUES =
  /^(?:---[ \t]*$|#{1,6}[ \t]+\S|[ \t]*[-*+][ \t]+\*\*[^*\n]+\*\*|[ \t]*(?:\*\*)?Q:|[ \t]*\?\??[ \t]*$|[ \t]*\|.*\|[ \t]*$)/m

export interface ImportOptions {
  /** Skip detection and read the file as this format. */
  format?: DeckFormat
  /** Initialised SQL.js; needed only for Anki packages. */
  sqlJs?: SqlJsStatic
  limits?: Partial<ImportLimits>
  /** Told how far a long read has got (Anki packages note by note, spreadsheets row by row). */
  onProgress?: OnImportProgress
  /**
   * Reads a file beside a Markdown notes file by its path relative to it (the command line reads
   * the notes' folder); without it, images named by relative path are reported as not imported.
   */
  readBeside?: (path: string) => Promise<Uint8Array | undefined>
  /** How to read a CSV or TSV file, as chosen in the import preview (separator, header row, columns). */
  csv?: CsvChoice
}

/** What a reader returns before its media is checked: the deck and the files it brought. */
export type ParsedDeck = ParsedImport<Deck>

export async function importDeckFile(input: { name: string; bytes: Uint8Array }, options: ImportOptions = {}): Promise<ImportResult<Deck>> {
  const { name: file, bytes } = input
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits }
  const fail = (message: string): ImportResult<Deck> => ({ problems: [{ file, message }] })
  if (bytes.length === 0) return fail('the file is empty')
  if (bytes.length > limits.maxBytes) {
    return fail(`the file is too large (${mb(bytes.length)}); a deck file may have at most ${mb(limits.maxBytes)}`)
  }
  const { format } = options
  // A spreadsheet, web page, PDF, picture or locked zip is named for what it is, with what to do.
  const notADeck = recogniseNonDeck(file, bytes)
  if (notADeck) return fail(notADeck)
  const parsed = await (async (): Promise<ParsedDeck> => {
    if (format === 'apkg' || isAnkiPackage(input, format)) {
      return parseApkgDeck(bytes, file, options.sqlJs, {
        maxUnzippedBytes: limits.maxUnzippedBytes,
        maxCards: limits.maxCards,
        onProgress: options.onProgress
      })
    }
    if (isZip(bytes)) return readNotesZip(bytes, file, limits.maxUnzippedBytes)
    const text = decodeText(bytes)
    if (text === undefined)
      return fail(`not a text file (it contains binary data or is not UTF-8), so it cannot be read as ${format ?? 'a deck'}`)
    if (!text.trim()) return fail('the file is empty')
    const result: ParsedDeck = importDeckText(text, file, format, limits.maxCards, options.csv)
    if (!result.deck || !options.readBeside) return result
    const { deck, files } = await withCompanionFiles(result.deck, options.readBeside)
    return { ...result, deck, files: [...(result.files ?? []), ...files] }
  })()
  const media = parsed.deck ? (parsed.files?.length ?? 0) : 0
  if (media > 0) options.onProgress?.({ stage: 'media', done: 0, total: media })
  const result = withinLimits(withCheckedMedia(parsed, file), file, limits.maxCards)
  // How a CSV file was read goes with its cards, or with a refusal another reading might avoid.
  return parsed.csv && (result.deck || !parsed.deck) ? { ...result, csv: parsed.csv } : result
}

/** The deck with its media checked against its notes (shared/media/deck-media.ts). */
function withCheckedMedia(parsed: ParsedDeck, file: string): ImportResult<Deck> {
  const { deck, files = [], problems, history } = parsed
  if (!deck) return { problems }
  const checked = checkDeckMedia(deck, files, file)
  return { deck: checked.deck, media: checked.media, problems: [...problems, ...checked.problems], ...(history ? { history } : {}) }
}

/**
 * True when the input is read as an Anki package, which needs `sqlJs`: a .apkg or .colpkg file,
 * or a zip archive under another name but .zip (a .zip is a folder of Markdown notes).
 */
export function isAnkiPackage(input: { name: string; bytes: Uint8Array }, format?: DeckFormat): boolean {
  if (format) return format === 'apkg'
  return /\.(apkg|colpkg)$/i.test(input.name) || (isZip(input.bytes) && !/\.zip$/i.test(input.name))
}

/** Reads a deck from text already in memory; the format is detected unless given. */
export function importDeckText(text: string, file: string, format?: TextDeckFormat, maxCards?: number, csv?: CsvChoice): ParsedDeck {
  const conflict = conflictMarkers(text)
  if (conflict) return { problems: [{ file, ...conflict }] }
  switch (format ?? detectTextFormat(text, file)) {
    case 'native':
      return parseNativeDeck(text, file)
    case 'json':
      if (NATIVE_MARKER.test(text)) return parseNativeDeck(text, file)
      return isCrowdAnki(text) ? parseCrowdAnkiDeck(text, file, { maxCards }) : parseJsonCards(text, file, { maxCards })
    case 'markdown':
      return parseMarkdownDeck(text, file)
    case 'tsv':
      return parseCsvDeck(text, file, { delimiter: '\t', maxCards, choice: csv })
    case 'csv':
      return parseCsvDeck(text, file, { maxCards, choice: csv })
  }
}

/**
 * What a text deck is. Content that cannot be mistaken decides first (valid JSON, Anki's header
 * lines); then a known extension, because a spreadsheet row and a line of notes can look alike
 * (Anki tags and clozes contain "::"); for other names (`.txt`, none) the content decides:
 * tab-separated rows, then Markdown cues, then other separators, and Markdown notes otherwise.
 */
function detectTextFormat(text: string, file: string): TextDeckFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  const extension = /\.[^./\\]*$/.exec(file.toLowerCase())?.[0] ?? ''
  const json = () => (NATIVE_MARKER.test(text) ? 'native' : 'json')
  if (/^[[{]/.test(start) && (extension === '.json' || isJson(start))) return json()
  if (ANKI_HEADER.test(start)) return 'csv'
  const byExtension = FORMAT_BY_EXTENSION.get(extension)
  if (byExtension) return byExtension === 'json' ? json() : byExtension
  // Broken JSON under another name; "{{c1::" starts a cloze, not an object.
  if (start.startsWith('{') && !start.startsWith('{{')) return json()
  const sample = start.slice(0, 64 * 1024)
  const lines = sample.split('\n', 50).filter((l) => l.trim())
  if (lines.length > 0 && lines.filter((l) => /\S\t+\S/.test(l)).length >= lines.length * 0.8) return 'tsv'
  if (MARKDOWN_CUES.test(sample)) return 'markdown'
  return sniffDelimiter(sample) ? 'csv' : 'markdown'
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function withinLimits(result: ImportResult<Deck>, file: string, maxCards: number): ImportResult<Deck> {
  let { deck, problems } = result
  const { media, history } = result
  if (deck && deck.notes.length > maxCards) {
    problems = [...problems, { file, message: `the file has more than ${maxCards} cards; split it into smaller decks` }]
    deck = undefined
  }
  if (problems.length > MAX_PROBLEMS) {
    const more: DeckProblem = { file, message: `… and ${plural(problems.length - MAX_PROBLEMS, 'more problem')}` }
    problems = [...problems.slice(0, MAX_PROBLEMS), more]
  }
  return deck ? { deck, ...(media?.length ? { media } : {}), problems, ...(history ? { history } : {}) } : { problems }
}

function mb(bytes: number): string {
  return `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB`
}
