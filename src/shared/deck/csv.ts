import { assignColumns, isHeaderRow, ROLES } from '@shared/deck/csv-columns'
import { readHeaders } from '@shared/deck/csv-headers'
import { guessDelimiter, parseRows, splitLine } from '@shared/deck/csv-rows'
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
 * Quizlet's and other tools' TSV, and CSV from spreadsheets. The first two free columns are front
 * and back unless a header row or `#columns:` names them; further columns become the extra.
 */
export interface CsvOptions {
  /** Force a separator (the `tsv` format passes a tab); otherwise headers or a guess decide. */
  delimiter?: string
  maxCards?: number
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
  if (parsed.quoteProblems.length > 0 && delimiter === '\t' && head.bodyStart === 0)
    parsed = parseRows(text, head.bodyStart, delimiter, false, options.maxCards)
  else problems.push(...parsed.quoteProblems.map((p) => ({ file, ...p })))
  if (parsed.tooMany)
    return { problems: [{ file, message: `the file has more than ${options.maxCards} cards; split it into smaller decks` }] }

  let rows = parsed.rows
  let labels = head.columns !== undefined ? splitLine(head.columns, delimiter) : undefined
  if (!labels && rows[0] && isHeaderRow(rows[0].fields)) {
    labels = rows[0].fields
    rows = rows.slice(1)
  }
  if (rows.length > 0 && rows.every((r) => r.fields.length < 2) && !labels && !head.delimiter) {
    return {
      problems: [
        { file, line: rows[0]!.line, message: 'no column separator found: put a tab, comma, semicolon or pipe between front and back' }
      ]
    }
  }
  const columns = assignColumns(
    labels ?? [],
    rows.reduce((n, r) => Math.max(n, r.fields.length), 0),
    head.meta
  )
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
  return finishImport(draft, accepted, problems, file)
}

function readField(value: string, html: boolean, media: MediaCount): string {
  if (!html) return value
  const safe = htmlToText(value)
  addMedia(media, safe.media)
  return safe.text
}
