import Papa from 'papaparse'
import { acceptCard, ankiGuidId, deckIdFor, fileStem, finishImport, foreignId, lineCounter, mostCommon, toTags, type AcceptedCard } from '@shared/deck/json-cards'
import { addMedia, htmlToText, looksLikeHtml, type MediaCount } from '@shared/deck/html-to-text'
import { slugify } from '@shared/deck/ids'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import { ID_PATTERN, type Deck } from '@shared/deck/schema'
import { normaliseText } from '@shared/deck/text-lines'

/**
 * Spreadsheet exports → deck: Anki's "Notes in Plain Text" (with its `#key:value` header lines),
 * Quizlet's and other tools' TSV, and CSV from spreadsheets. The first two free columns are front
 * and back unless a header row or `#columns:` names them; further columns become the extra.
 */
export interface CsvOptions {
  /** Force a separator (the `tsv` format passes a tab); otherwise headers or a guess decide. */
  delimiter?: string
  maxCards?: number
}

type Role = 'front' | 'back' | 'tags' | 'topic' | 'extra' | 'guid' | 'id' | 'deck' | 'notetype' | 'reverse'
type Columns = { [R in Exclude<Role, 'extra'>]?: number } & { extra: number[] }

const SEPARATORS = new Map([['comma', ','], ['semicolon', ';'], ['tab', '\t'], ['space', ' '], ['pipe', '|'], ['colon', ':']])
const ROLES = new Map<string, Role>([
  // English, and the labels Anki and spreadsheets use in German, French and Spanish.
  ...['front', 'question', 'term', 'prompt', 'q', 'word', 'text', 'front side', 'side 1', 'vorderseite', 'frage', 'begriff', 'recto', 'terme', 'anverso', 'pregunta', 'término'].map((l) => [l, 'front'] as const),
  ...['back', 'answer', 'definition', 'response', 'a', 'meaning', 'back side', 'side 2', 'rückseite', 'antwort', 'verso', 'réponse', 'définition', 'reverso', 'respuesta', 'definición'].map((l) => [l, 'back'] as const),
  ...['topic', 'category', 'domain'].map((l) => [l, 'topic'] as const),
  ...['extra', 'back extra', 'notes', 'note', 'hint', 'explanation', 'example'].map((l) => [l, 'extra'] as const),
  ['tags', 'tags'], ['tag', 'tags'], ['guid', 'guid'], ['id', 'id'], ['deck', 'deck'], ['notetype', 'notetype'], ['note type', 'notetype'], ['reverse', 'reverse']
])

interface Headers {
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

interface Row {
  fields: string[]
  line: number
}

export function parseCsvDeck(rawText: string, file: string, options: CsvOptions = {}): ImportResult<Deck> {
  const text = normaliseText(rawText)
  const problems: DeckProblem[] = []
  const head = readHeaders(text, file, problems)
  const body = text.slice(head.bodyStart)
  const delimiter = head.delimiter ?? options.delimiter ?? guessDelimiter(body)
  let parsed = parseRows(text, head.bodyStart, delimiter, true, options.maxCards)
  // Quizlet and hand-made TSV files never quote: a stray " there is just a character. Anki's
  // exports (with header lines) do quote, so there a broken quote is a real problem.
  if (parsed.quoteProblems.length > 0 && delimiter === '\t' && head.bodyStart === 0) parsed = parseRows(text, head.bodyStart, delimiter, false, options.maxCards)
  else problems.push(...parsed.quoteProblems.map((p) => ({ file, ...p })))
  if (parsed.tooMany) return { problems: [{ file, message: `the file has more than ${options.maxCards} cards; split it into smaller decks` }] }

  let rows = parsed.rows
  let labels = head.columns !== undefined ? splitLine(head.columns, delimiter) : undefined
  if (!labels && rows[0] && isHeaderRow(rows[0].fields)) {
    labels = rows[0].fields
    rows = rows.slice(1)
  }
  if (rows.length > 0 && rows.every((r) => r.fields.length < 2) && !labels && !head.delimiter) {
    return { problems: [{ file, line: rows[0]!.line, message: 'no column separator found: put a tab, comma, semicolon or pipe between front and back' }] }
  }
  const columns = assignColumns(labels ?? [], rows.reduce((n, r) => Math.max(n, r.fields.length), 0), head.meta)
  const html = head.html ?? looksLikeHtml(body)
  const accepted: AcceptedCard[] = []
  const decks: string[] = []
  for (const row of rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (row.fields[i] ?? ''))
    const media: MediaCount = { images: 0, sounds: 0, videos: 0 }
    const read = (i: number | undefined) => readField(cell(i), html, media)
    const extra = columns.extra
      .map((i) => ({ value: read(i), label: labels?.[i]?.trim() ?? '' }))
      .filter((e) => e.value.trim())
      .map((e) => (e.label && ROLES.get(e.label.toLowerCase()) !== 'extra' ? `${e.label}: ${e.value}` : e.value))
      .join('\n\n')
    const front = read(columns.front)
    const back = read(columns.back)
    if (!front.trim() && !back.trim() && !extra) continue
    if (cell(columns.deck).trim()) decks.push(cell(columns.deck).trim())
    const guid = cell(columns.guid).trim()
    const id = cell(columns.id).trim()
    const tags = [...head.tags, ...cell(columns.tags).split(/\s+/), ...(cell(columns.topic).trim() ? [slugify(cell(columns.topic)) || cell(columns.topic)] : [])]
    const card = acceptCard(
      {
        front,
        back,
        extra,
        media,
        tags: toTags(tags),
        id: guid ? ankiGuidId(guid) : id ? foreignId(id) : undefined,
        reverse: /^(true|yes|y|1)$/i.test(cell(columns.reverse).trim())
      },
      { line: row.line },
      file,
      problems
    )
    if (card) accepted.push(card)
  }
  const name = head.deck ?? mostCommon(decks) ?? fileStem(file)
  const draft = { id: head.deckId ?? deckIdFor(name, file), name, ...(head.description ? { description: head.description } : {}), cards: [] }
  return finishImport(draft, accepted, problems, file)
}

function readField(value: string, html: boolean, media: MediaCount): string {
  if (!html) return value
  const safe = htmlToText(value)
  addMedia(media, safe.media)
  return safe.text
}

/** Anki's header lines: an optional `tags:` first line, then `#key:value` lines (other `#` lines are comments). */
function readHeaders(text: string, file: string, problems: DeckProblem[]): Headers {
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

function guessDelimiter(body: string): string {
  return sniffDelimiter(body) ?? ','
}

/** The separator of a table-like text (tab, comma, semicolon or pipe), or undefined when it is not one. */
export function sniffDelimiter(body: string): string | undefined {
  const sample = body.slice(0, 64 * 1024)
  const guess = Papa.parse<string[]>(sample, { delimitersToGuess: ['\t', ',', ';', '|'], preview: 20, comments: '#', skipEmptyLines: true, newline: '\n' })
  if (guess.errors.some((e) => e.code === 'UndetectableDelimiter')) return undefined
  const wide = guess.data.filter((row) => row.length > 1).length
  return wide > 0 && wide >= guess.data.length * 0.8 ? guess.meta.delimiter : undefined
}

function parseRows(text: string, bodyStart: number, delimiter: string, quotes: boolean, maxCards?: number) {
  const body = text.slice(bodyStart)
  const lineOf = lineCounter(text)
  const comments = delimiter === '#' ? false : '#'
  const rows: Row[] = []
  const quoteProblems: { line: number; message: string }[] = []
  let tooMany = false
  let cursor = 0
  Papa.parse<string[]>(body, {
    delimiter,
    newline: '\n',
    // Without quoting, a character that cannot occur in a text file stands in for the quote.
    quoteChar: quotes ? '"' : '\u0000',
    comments,
    skipEmptyLines: true,
    step: (result, parser) => {
      const start = rowStart(body, cursor, comments !== false)
      cursor = result.meta.cursor
      const bad = result.errors.find((e) => e.type === 'Quotes')
      if (bad) {
        const message = bad.code === 'MissingQuotes' ? 'a quoted field is never closed, so the rest of the file could not be read' : 'a quoted field has text after its closing quote'
        quoteProblems.push({ line: lineOf(bodyStart + Math.max(start, bad.index ?? start)), message })
        return
      }
      if (result.data.every((f) => !f.trim())) return
      rows.push({ fields: result.data, line: lineOf(bodyStart + start) })
      if (maxCards !== undefined && rows.length > maxCards + 1) {
        tooMany = true
        parser.abort()
      }
    }
  })
  return { rows, quoteProblems, tooMany }
}

/** Papaparse reports where a row ends; the next one starts after the empty and comment lines it skipped. */
function rowStart(body: string, from: number, comments: boolean): number {
  let at = from
  while (at < body.length && (body[at] === '\n' || (comments && body[at] === '#'))) {
    const end = body.indexOf('\n', at)
    at = end < 0 ? body.length : end + 1
  }
  return at
}

function splitLine(line: string, delimiter: string): string[] {
  return Papa.parse<string[]>(line, { delimiter, newline: '\n' }).data[0] ?? []
}

function isHeaderRow(fields: string[]): boolean {
  const roles = fields.map((f) => ROLES.get(f.trim().toLowerCase()))
  return roles.includes('front') && roles.includes('back') && fields.every((f, i) => !f.trim() || roles[i])
}

/** Named columns first; then the first free columns are front and back and the rest extra. */
function assignColumns(labels: string[], width: number, meta: Columns): Columns {
  const columns: Columns = { ...meta, extra: [] }
  const taken = new Set(Object.values(meta).filter((v): v is number => typeof v === 'number'))
  labels.forEach((label, i) => {
    const role = ROLES.get(label.trim().toLowerCase())
    if (!role || role === 'extra' || taken.has(i) || columns[role] !== undefined) return
    columns[role] = i
    taken.add(i)
  })
  for (let i = 0; i < Math.max(width, labels.length, 2); i++) {
    if (taken.has(i)) continue
    if (columns.front === undefined) columns.front = i
    else if (columns.back === undefined) columns.back = i
    else columns.extra.push(i)
  }
  return columns
}
