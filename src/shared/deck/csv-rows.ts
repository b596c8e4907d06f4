import { lineCounter } from '@shared/deck/foreign-cards'
import Papa from 'papaparse'

/**
 * The rows of a delimited text, each with its line, read with Papa Parse.
 *
 * Before Papa Parse reads the text, `tidyQuotes` makes the file say what its writer meant, without
 * adding or removing a line: spaces between a separator and an opening quote (`What is X?, "A, B"`,
 * a very common hand-written style) and between a closing quote and the next separator are
 * dropped, so the field is read as quoted; a quote that is never closed, or that closes before more
 * text, is read as an ordinary character from its line on, and its line is reported, so one broken
 * row never swallows the rest of the file.
 */

export interface Row {
  fields: string[]
  line: number
}

interface LineProblem {
  line: number
  message: string
}

const CANDIDATES = ['\t', ',', ';', '|']

/**
 * The separator of a table-like text (tab, comma, semicolon or pipe), or undefined when it is not
 * one: the candidate that gives most of the first rows the same number (2 or more) of fields.
 */
export function sniffDelimiter(body: string): string | undefined {
  const sample = body.slice(0, 64 * 1024)
  let best: { delimiter: string; score: number } | undefined
  for (const delimiter of CANDIDATES) {
    if (!sample.includes(delimiter)) continue
    const counts: number[] = []
    Papa.parse<string[]>(tidyQuotes(sample, delimiter, true).text, {
      delimiter,
      newline: '\n',
      comments: '#',
      skipEmptyLines: true,
      preview: 50,
      step: (result) => void counts.push(result.data.length)
    })
    // The last row of a cut sample may be cut too.
    if (sample.length < body.length && counts.length > 1) counts.pop()
    if (counts.length === 0) continue
    const tally = new Map<number, number>()
    for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1)
    const [mode, same] = [...tally].reduce((a, b) => (b[1] > a[1] ? b : a))
    const wide = counts.filter((n) => n > 1).length
    if (mode < 2 || wide < counts.length * 0.8) continue
    const score = same / counts.length
    if (!best || score > best.score) best = { delimiter, score }
  }
  return best?.delimiter
}

/**
 * The text with quoting made regular for Papa Parse (see the top of this file), the lines where
 * quoting was broken, and the character that stands for a quote read as an ordinary character.
 * Line ends are never added or removed, so lines keep their numbers.
 */
function tidyQuotes(body: string, delimiter: string, comments: boolean) {
  const literal = literalQuoteMark(body)
  const parts: string[] = []
  const broken: { offset: number; message: string }[] = []
  const blank = (c: string | undefined) => (c === ' ' || c === '\t') && c !== delimiter
  let copied = 0
  let i = 0
  let lineStart = true
  let noQuoteFrom = body.length + 1 // no quote at or after this offset (searches stay linear)
  const nextQuote = (from: number) => {
    if (from >= noQuoteFrom) return -1
    const q = body.indexOf('"', from)
    if (q < 0) noQuoteFrom = from
    return q
  }
  const fieldEnd = (from: number) => {
    let k = from
    while (k < body.length && body[k] !== delimiter && body[k] !== '\n') k++
    return k
  }
  const drop = (from: number, to: number) => {
    if (to <= from) return
    parts.push(body.slice(copied, from))
    copied = to
  }
  while (i < body.length) {
    if (lineStart && comments && body[i] === '#') {
      const end = body.indexOf('\n', i)
      i = end < 0 ? body.length : end + 1
      continue
    }
    lineStart = false
    let j = i
    while (blank(body[j])) j++
    if (body[j] === '"') {
      let close = -1
      for (let k = j + 1; ;) {
        const q = nextQuote(k)
        if (q < 0) break
        if (body[q + 1] === '"') k = q + 2
        else {
          close = q
          break
        }
      }
      let after = close + 1
      while (close >= 0 && blank(body[after])) after++
      const clean = close >= 0 && (after >= body.length || body[after] === delimiter || body[after] === '\n')
      if (clean) {
        drop(i, j)
        drop(close + 1, after)
        i = after
      } else {
        // Read the field as it stands: its opening quote becomes an ordinary character.
        broken.push({
          offset: j,
          message:
            close < 0 || body.slice(j, close).includes('\n')
              ? 'a quoted field is never closed; the line was read as it stands, quote included'
              : 'a quoted field has text after its closing quote; the field was read as it stands, quotes included'
        })
        parts.push(body.slice(copied, j), literal)
        copied = j + 1
        i = fieldEnd(j + 1)
      }
    } else i = fieldEnd(j)
    if (body[i] === delimiter) i++
    else if (body[i] === '\n') {
      i++
      lineStart = true
    }
  }
  parts.push(body.slice(copied))
  return { text: parts.join(''), broken, literal }
}

/** A private-use character the text does not contain, to stand for a literal quote. */
function literalQuoteMark(text: string): string {
  for (let code = 0xe000; code < 0xf8ff; code++) {
    const c = String.fromCharCode(code)
    if (!text.includes(c)) return c
  }
  return '\ue000'
}

/**
 * The rows of the body (the text after its header lines), each with its line in the whole text.
 * Without `quotes` (plain TSV from Quizlet and the like) a quote is just a character.
 */
export function parseRows(text: string, bodyStart: number, delimiter: string, quotes: boolean, maxCards?: number) {
  const comments = delimiter !== '#'
  const tidy = quotes ? tidyQuotes(text.slice(bodyStart), delimiter, comments) : { text: text.slice(bodyStart), broken: [], literal: '' }
  const body = tidy.text
  const headLines = lineCounter(text)(bodyStart) - 1
  const lineOf = lineCounter(body)
  const rows: Row[] = []
  const textLine = lineCounter(text)
  const quoteProblems: LineProblem[] = tidy.broken.map((b) => ({ line: textLine(bodyStart + b.offset), message: b.message }))
  const restore = tidy.literal ? (f: string) => (f.includes(tidy.literal) ? f.replaceAll(tidy.literal, '"') : f) : (f: string) => f
  let tooMany = false
  let cursor = 0
  Papa.parse<string[]>(body, {
    delimiter,
    newline: '\n',
    // Without quoting, a character that cannot occur in a text file stands in for the quote.
    quoteChar: quotes ? '"' : '\u0000',
    comments: comments ? '#' : false,
    skipEmptyLines: true,
    step: (result, parser) => {
      const start = rowStart(body, cursor, comments)
      cursor = result.meta.cursor
      const bad = result.errors.find((e) => e.type === 'Quotes')
      if (bad) {
        quoteProblems.push({
          line: headLines + lineOf(Math.max(start, bad.index ?? start)),
          message: 'a quoted field is broken; this row was skipped'
        })
        return
      }
      if (result.data.every((f) => !f.trim())) return
      rows.push({ fields: result.data.map(restore), line: headLines + lineOf(start) })
      if (maxCards !== undefined && rows.length > maxCards + 1) {
        tooMany = true
        parser.abort()
      }
    }
  })
  quoteProblems.sort((a, b) => a.line - b.line)
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
  const tidy = tidyQuotes(line, delimiter, false)
  const fields = Papa.parse<string[]>(tidy.text, { delimiter, newline: '\n' }).data[0] ?? []
  return fields.map((f) => f.replaceAll(tidy.literal, '"'))
}
