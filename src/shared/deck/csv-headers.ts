import type { Columns } from '@shared/deck/csv-columns'
import type { DeckProblem } from '@shared/deck/problems'
import { ID_PATTERN } from '@shared/deck/schema'

/**
 * Anki's "Notes in Plain Text" header lines (`#separator:`, `#html:`, `#columns:`, …), Recall's
 * own, and Excel's `sep=;` first line.
 */

/** Anki's separators, in the order Anki looks for them in a file that does not name a valid one. */
const ANKI_SEPARATORS: readonly (readonly [name: string, char: string])[] = [
  ['tab', '\t'],
  ['pipe', '|'],
  ['semicolon', ';'],
  ['colon', ':'],
  ['comma', ','],
  ['space', ' ']
]
const BY_NAME = new Map(ANKI_SEPARATORS)
const CHARS = new Set(ANKI_SEPARATORS.map(([, c]) => c))

export interface Headers {
  bodyStart: number
  /** The separator the file names (`#separator:` or Excel's `sep=`). */
  delimiter?: string
  delimiterFrom?: 'file' | 'excel'
  /** A `#separator:` line named no separator Anki knows (Anki then looks for one in the body). */
  unknownSeparator?: { line: number; value: string }
  html?: boolean
  tags: string[]
  deck?: string
  /** Recall's own lines (`#deck id:`, `#deck description:`): comments to Anki, exact round trips for us. */
  deckId?: string
  description?: string
  columns?: string
  /** The separator in force when `#columns:` was read (Anki splits it with that one; tab by default). */
  columnsDelimiter?: string
  meta: Columns
}

/**
 * Anki's header lines: an optional `tags:` first line, then `#key:value` lines (other `#` lines are
 * comments); or Excel's `sep=;` first line. The text has \n line ends and no byte-order mark.
 */
export function readHeaders(text: string): Headers {
  const head: Headers = { bodyStart: 0, tags: [], meta: { extra: [] } }
  let start = 0
  for (let line = 1; start < text.length; line++) {
    const end = text.indexOf('\n', start)
    const stop = end < 0 ? text.length : end
    const raw = text.slice(start, stop)
    const excel = line === 1 ? /^"?sep=(.)"?[,;\t|]*$/i.exec(raw) : null
    if (excel) {
      head.delimiter = excel[1]!
      head.delimiterFrom = 'excel'
    } else if (line === 1 && raw.startsWith('tags:')) head.tags = raw.slice(5).split(/\s+/)
    else if (raw.startsWith('#')) readHeader(raw.slice(1), line, head)
    else break
    start = stop + 1
  }
  head.bodyStart = Math.min(start, text.length)
  return head
}

/**
 * A `#separator:` value as Anki reads it: a name (any case, spaces around) or the character itself.
 * A spreadsheet that saved the file again pads the line with empty cells (`Pipe,,,,`): the name
 * before them still counts.
 */
function separatorFromValue(value: string): string | undefined {
  if (value.length === 1 && CHARS.has(value)) return value
  const named = value.trim().toLowerCase()
  return BY_NAME.get(named) ?? BY_NAME.get(named.replace(/[\s,;|]+$/, ''))
}

/** Anki's fallback: the first of tab, pipe, semicolon, colon, comma that occurs early in the body, else space. */
export function ankiFallbackSeparator(body: string): string {
  const sample = body.slice(0, 8 * 1024)
  return ANKI_SEPARATORS.find(([, c]) => sample.includes(c))?.[1] ?? ' '
}

/** A value with the empty cells a spreadsheet may have added after it (`true,,,`) taken off. */
const padded = (value: string) =>
  value
    .trim()
    .replace(/[,;\t|]+$/, '')
    .trim()

function readHeader(content: string, line: number, head: Headers): void {
  const colon = content.indexOf(':')
  if (colon < 0) return
  const key = content.slice(0, colon).trim().toLowerCase()
  const value = content.slice(colon + 1)
  if (key === 'separator') {
    const named = separatorFromValue(value)
    if (named) {
      head.delimiter = named
      head.delimiterFrom = 'file'
      head.unknownSeparator = undefined
    } else head.unknownSeparator = { line, value: value.trim() }
  } else if (key === 'html' && /^(true|false)$/i.test(padded(value))) head.html = padded(value).toLowerCase() === 'true'
  else if (key === 'tags') head.tags = value.split(/\s+/)
  else if (key === 'deck' && value.trim()) head.deck = value.trim()
  else if (key === 'deck id' && ID_PATTERN.test(value.trim())) head.deckId = value.trim()
  else if (key === 'deck description' && value.trim()) head.description = value.trim()
  else if (key === 'columns') {
    head.columns = value
    head.columnsDelimiter = head.delimiter ?? '\t'
  } else if (/^(tags|guid|deck|notetype) column$/.test(key)) {
    const n = Number.parseInt(value.trim(), 10)
    if (n >= 1) head.meta[key.split(' ')[0] as 'tags' | 'guid' | 'deck' | 'notetype'] = n - 1
  }
}

/** The problem for a `#separator:` line Anki does not understand, and what was read instead. */
export function unknownSeparatorProblem(file: string, unknown: { line: number; value: string }, used: string): DeckProblem {
  return {
    file,
    line: unknown.line,
    message: `unknown separator "${unknown.value.slice(0, 20)}"; the file was read as ${separatorName(used)}-separated, as Anki would`
  }
}

function separatorName(char: string): string {
  return ANKI_SEPARATORS.find(([, c]) => c === char)?.[0] ?? `"${char}"`
}
