import type { CsvChoice, CsvReading } from '@shared/deck/csv-reading'
import { hasCloze } from '@shared/deck/cloze'
import { assignColumns, isHeaderRow, ROLES, type Columns } from '@shared/deck/csv-columns'
import { ankiFallbackSeparator, readHeaders, unknownSeparatorProblem } from '@shared/deck/csv-headers'
import { parseRows, sniffDelimiter, splitLine, type Row } from '@shared/deck/csv-rows'
import {
  acceptCard,
  ankiGuidId,
  deckIdFor,
  fileStem,
  finishImport,
  foreignId,
  mostCommon,
  toTags,
  type AcceptedCard
} from '@shared/deck/foreign-cards'
import { htmlToText, looksLikeHtml } from '@shared/deck/html-to-text'
import { slugify } from '@shared/deck/ids'
import { addMedia, type MediaCount } from '@shared/deck/media-count'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import { normaliseText } from '@shared/deck/text-lines'

/**
 * Spreadsheet exports → deck: Anki's "Notes in Plain Text" (with its `#key:value` header lines),
 * Quizlet's and other tools' TSV, Excel's CSV (`sep=;` first line) and CSV written by hand. The
 * first two free columns are front and back unless a header row, `#columns:` or the person names
 * them; further columns become the extra. As in Anki, a row with fewer fields is a note with the
 * missing fields empty, and a row is column names only when the file says so (`#columns:`) or when
 * it is made of known names (front, back, question, answer… in several languages) and cards follow.
 */

/** What the person chose in the import preview, to read the file again. */
export interface CsvOptions {
  /** The separator of the format (the `tsv` format passes a tab); header lines and the person's choice come first. */
  delimiter?: string
  choice?: CsvChoice
  maxCards?: number
}

export type CsvImport = ImportResult<Deck>

/** The back of a basic card whose row has no back (Anki imports such a note with an empty field). */
export const NO_BACK = '(no back in the file)'

export function parseCsvDeck(rawText: string, file: string, options: CsvOptions = {}): CsvImport {
  const text = normaliseText(rawText)
  const problems: DeckProblem[] = []
  const choice = options.choice ?? {}
  const head = readHeaders(text)
  const body = text.slice(head.bodyStart)
  let delimiterFrom: CsvReading['delimiterFrom']
  let delimiter: string
  if (choice.delimiter) [delimiter, delimiterFrom] = [choice.delimiter, 'choice']
  else if (head.delimiter) [delimiter, delimiterFrom] = [head.delimiter, head.delimiterFrom ?? 'file']
  else if (head.unknownSeparator) {
    ;[delimiter, delimiterFrom] = [ankiFallbackSeparator(body), 'guess']
    problems.push(unknownSeparatorProblem(file, head.unknownSeparator, delimiter))
  } else if (options.delimiter) [delimiter, delimiterFrom] = [options.delimiter, 'format']
  else [delimiter, delimiterFrom] = [sniffDelimiter(body) ?? sniffDelimiter(head.columns ?? '') ?? ',', 'guess']

  let parsed = parseRows(text, head.bodyStart, delimiter, true, options.maxCards)
  // Quizlet and hand-made TSV files never quote: a stray " there is just a character. Anki's
  // exports (with header lines) do quote, so there a broken quote is a real problem.
  if (parsed.quoteProblems.length > 0 && delimiter === '\t' && head.bodyStart === 0)
    parsed = parseRows(text, head.bodyStart, delimiter, false, options.maxCards)
  else problems.push(...parsed.quoteProblems.map((p) => ({ file, ...p })))
  if (parsed.tooMany)
    return { problems: [{ file, message: `the file has more than ${options.maxCards} cards; split it into smaller decks` }] }

  let rows = parsed.rows
  let labels: string[] | undefined
  let names: CsvReading['names'] = 'none'
  let namesFrom: CsvReading['namesFrom'] = 'guess'
  if (head.columns !== undefined) {
    labels = columnNames(head.columns, head.columnsDelimiter ?? '\t', delimiter)
    ;[names, namesFrom] = ['columns-line', 'file']
  } else {
    // A row of known names is a header only when cards follow it: a file's only row is a card.
    const header = choice.header ?? (rows.length > 1 && isHeaderRow(rows[0]!.fields))
    if (choice.header !== undefined) namesFrom = 'choice'
    if (header && rows[0]) {
      labels = rows[0].fields
      rows = rows.slice(1)
      names = 'first-row'
    }
  }
  const mended =
    head.columns === undefined &&
    (labels?.length ?? 2) <= 2 &&
    choice.front === undefined &&
    choice.back === undefined &&
    !hasMetaColumns(head.meta)
      ? mendWideRows(rows, text, delimiter)
      : []
  const width = rows.reduce((n, r) => Math.max(n, r.fields.length), labels?.length ?? 0)
  const columns = assignColumns(labels ?? [], width, head.meta, choice)
  // As Anki: HTML when the file says so, or when a field of the first rows looks like HTML.
  const html = head.html ?? rows.slice(0, 5).some((r) => r.fields.some((f) => looksLikeHtml(f)))
  const csv: CsvReading = {
    delimiter,
    delimiterFrom,
    names,
    namesFrom,
    labels: Array.from({ length: Math.max(width, 1) }, (_, i) => labels?.[i]?.trim() ?? ''),
    sample: Array.from({ length: Math.max(width, 1) }, (_, i) => shorten(rows[0]?.fields[i] ?? '')),
    ...(columns.front !== undefined ? { front: columns.front } : {}),
    ...(columns.back !== undefined ? { back: columns.back } : {}),
    html,
    mended
  }
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
    let back = read(columns.back)
    if (!front.trim() && !back.trim() && !extra) continue
    if (front.trim() && !back.trim() && !hasCloze(front)) back = NO_BACK
    if (cell(columns.deck).trim()) decks.push(cell(columns.deck).trim())
    const guid = cell(columns.guid).trim()
    const id = cell(columns.id).trim()
    const tags = [
      ...head.tags,
      ...cell(columns.tags).split(/\s+/),
      ...(cell(columns.topic).trim() ? [slugify(cell(columns.topic)) || cell(columns.topic)] : [])
    ]
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
  const draft = {
    id: head.deckId ?? deckIdFor(name, file),
    name,
    ...(head.description ? { description: head.description } : {})
  }
  return { ...finishImport(draft, accepted, problems, file), csv }
}

const hasMetaColumns = (meta: Columns) => Object.values(meta).some((v) => typeof v === 'number')

/**
 * In a file of two columns (two thirds of its rows have two fields), a row with more fields has a separator its writer did not quote
 * (`What is it, roughly?, "A, B"` or `Capital?, Paris, France`): it is made two fields again.
 * When the row ends with a quoted field, that is the back and the rest the front; otherwise the
 * first field is the front and the rest the back. Returns the lines of the rows mended.
 */
function mendWideRows(rows: Row[], text: string, delimiter: string): number[] {
  const pairs = rows.filter((r) => r.fields.length === 2).length
  if (rows.length < 3 || pairs < (rows.length * 2) / 3) return []
  let lines: string[] | undefined
  const mended: number[] = []
  for (const row of rows) {
    const { fields } = row
    if (fields.length <= 2 || fields.some((f) => f.includes('\n'))) continue
    lines ??= text.split('\n')
    const quotedLast = (lines[row.line - 1] ?? '').trimEnd().endsWith('"')
    row.fields = quotedLast
      ? [fields.slice(0, -1).join(delimiter), fields[fields.length - 1]!]
      : [fields[0]!, fields.slice(1).join(delimiter)]
    mended.push(row.line)
  }
  return mended
}

/** `#columns:` names, split as Anki does (with the separator named before it, tab by default) or with the file's. */
function columnNames(line: string, before: string, delimiter: string): string[] {
  const names = splitLine(line, before)
  return names.length > 1 || before === delimiter ? names : splitLine(line, delimiter)
}

function shorten(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim()
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat
}

function readField(value: string, html: boolean, media: MediaCount): string {
  if (!html) return value
  const safe = htmlToText(value)
  addMedia(media, safe.media)
  return safe.text
}
