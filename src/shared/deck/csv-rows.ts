import { lineCounter } from '@shared/deck/foreign-cards'
import Papa from 'papaparse'

/** The rows of a delimited text, each with its line, read with Papa Parse; quoting problems by line. */

interface Row {
  fields: string[]
  line: number
}

export function guessDelimiter(body: string): string {
  return sniffDelimiter(body) ?? ','
}

/** The separator of a table-like text (tab, comma, semicolon or pipe), or undefined when it is not one. */
export function sniffDelimiter(body: string): string | undefined {
  const sample = body.slice(0, 64 * 1024)
  const guess = Papa.parse<string[]>(sample, {
    delimitersToGuess: ['\t', ',', ';', '|'],
    preview: 20,
    comments: '#',
    skipEmptyLines: true,
    newline: '\n'
  })
  if (guess.errors.some((e) => e.code === 'UndetectableDelimiter')) return undefined
  const wide = guess.data.filter((row) => row.length > 1).length
  return wide > 0 && wide >= guess.data.length * 0.8 ? guess.meta.delimiter : undefined
}

export function parseRows(text: string, bodyStart: number, delimiter: string, quotes: boolean, maxCards?: number) {
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
        const message =
          bad.code === 'MissingQuotes'
            ? 'a quoted field is never closed, so the rest of the file could not be read'
            : 'a quoted field has text after its closing quote'
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

export function splitLine(line: string, delimiter: string): string[] {
  return Papa.parse<string[]>(line, { delimiter, newline: '\n' }).data[0] ?? []
}
