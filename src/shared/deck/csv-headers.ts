import type { Columns } from '@shared/deck/csv-columns'
import type { DeckProblem } from '@shared/deck/problems'
import { ID_PATTERN } from '@shared/deck/schema'

/** Anki's "Notes in Plain Text" header lines (`#separator:`, `#html:`, `#columns:`, …) and Recall's own. */

const SEPARATORS = new Map([
  ['comma', ','],
  ['semicolon', ';'],
  ['tab', '\t'],
  ['space', ' '],
  ['pipe', '|'],
  ['colon', ':']
])

export interface Headers {
  bodyStart: number
  delimiter?: string
  html?: boolean
  tags: string[]
  deck?: string
  /** Recall's own lines (`#deck id:`, `#deck description:`): comments to Anki, exact round trips for us. */
  deckId?: string
  description?: string
  columns?: string
  meta: Columns
}

/** Anki's header lines: an optional `tags:` first line, then `#key:value` lines (other `#` lines are comments). */
export function readHeaders(text: string, file: string, problems: DeckProblem[]): Headers {
  const head: Headers = { bodyStart: 0, tags: [], meta: { extra: [] } }
  let start = 0
  for (let line = 1; start < text.length; line++) {
    const end = text.indexOf('\n', start)
    const stop = end < 0 ? text.length : end
    const raw = text.slice(start, stop)
    if (line === 1 && raw.startsWith('tags:')) head.tags = raw.slice(5).split(/\s+/)
    else if (raw.startsWith('#')) readHeader(raw.slice(1), line, head, file, problems)
    else break
    start = stop + 1
  }
  head.bodyStart = Math.min(start, text.length)
  return head
}

function readHeader(content: string, line: number, head: Headers, file: string, problems: DeckProblem[]): void {
  const colon = content.indexOf(':')
  if (colon < 0) return
  const key = content.slice(0, colon).trim().toLowerCase()
  const value = content.slice(colon + 1)
  if (key === 'separator') {
    const named = SEPARATORS.get(value.trim().toLowerCase()) ?? (value.length === 1 && !/["\n]/.test(value) ? value : undefined)
    if (named) head.delimiter = named
    else problems.push({ file, line, message: `unknown separator "${value.trim().slice(0, 20)}"; the separator was guessed instead` })
  } else if (key === 'html' && /^\s*(true|false)\s*$/i.test(value)) head.html = value.trim().toLowerCase() === 'true'
  else if (key === 'tags') head.tags = value.split(/\s+/)
  else if (key === 'deck' && value.trim()) head.deck = value.trim()
  else if (key === 'deck id' && ID_PATTERN.test(value.trim())) head.deckId = value.trim()
  else if (key === 'deck description' && value.trim()) head.description = value.trim()
  else if (key === 'columns') head.columns = value
  else if (/^(tags|guid|deck|notetype) column$/.test(key)) {
    const n = Number.parseInt(value.trim(), 10)
    if (n >= 1) head.meta[key.split(' ')[0] as 'tags' | 'guid' | 'deck' | 'notetype'] = n - 1
  }
}
