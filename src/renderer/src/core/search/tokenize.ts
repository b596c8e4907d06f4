import { SearchSyntaxError } from '@core/search/syntax-error'

/**
 * Splits a search into tokens. A word runs until whitespace or a parenthesis; double quotes
 * group text that contains either (`"model training"`, `deck:"AWS ML"`). A backslash keeps the
 * next character as it is: `\"`, `\(`, `\:`, `\*`, `\_`. Escapes stay in `raw` for the term parser,
 * which needs to tell `*` (a wildcard) from `\*` (a star); quotes do not.
 */
export type Token =
  { type: 'open' | 'close' | 'not' | 'or' | 'and'; pos: number } | { type: 'word'; raw: string; quoted: boolean; pos: number; end: number }

const isSpace = (ch: string) => /\s/.test(ch)

export function tokenize(input: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < input.length) {
    const ch = input[i]!
    if (isSpace(ch)) {
      i++
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'open' : 'close', pos: i })
      i++
    } else if (ch === '-' && i + 1 < input.length && !isSpace(input[i + 1]!) && input[i + 1] !== ')') {
      tokens.push({ type: 'not', pos: i })
      i++
    } else {
      const word = readWord(input, i)
      const keyword = word.quoted ? undefined : word.raw.toLowerCase()
      if (keyword === 'or' || keyword === 'and') tokens.push({ type: keyword, pos: i })
      else tokens.push({ type: 'word', ...word, pos: i })
      i = word.end
    }
  }
  return tokens
}

function readWord(input: string, start: number): { raw: string; quoted: boolean; end: number } {
  let raw = ''
  let quoted = false
  let i = start
  let quoteStart = -1
  while (i < input.length) {
    const ch = input[i]!
    if (ch === '\\') {
      // As in Anki, a backslash with nothing after it is a mistake, not a backslash to find.
      if (i + 1 >= input.length)
        throw new SearchSyntaxError(`A "\\" at the end (character ${i + 1}) escapes nothing; type \\\\ to search for a backslash`, i)
      raw += ch + input[i + 1]
      i += 2
    } else if (ch === '"') {
      quoted = true
      quoteStart = quoteStart === -1 ? i : -1
      i++
    } else if (quoteStart === -1 && (isSpace(ch) || ch === '(' || ch === ')')) {
      break
    } else {
      raw += ch
      i++
    }
  }
  if (quoteStart !== -1) throw new SearchSyntaxError(`Missing closing quote for the one at character ${quoteStart + 1}`, quoteStart)
  return { raw, quoted, end: Math.min(i, input.length) }
}
