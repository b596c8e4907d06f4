/**
 * Text matching for searches, as Anki matches: case-insensitive, accents significant ("resume"
 * does not find "résumé"; `nc:resume` does), `*` any run of characters and `_` one character.
 * Patterns are kept in the AST as the user meant them: escapes resolved, except `\*`, `\_` (a
 * literal star or underscore) and `\\` (a literal backslash), which must stay apart from wildcards.
 */

/** How a text and a pattern are made comparable before matching. */
export type Fold = (text: string) => string

/** The text as a plain search compares it: one Unicode form, whitespace collapsed; case is left to the matcher. */
export const plainFold: Fold = (text) => collapseSpace(text.normalize('NFC'))

/** `nc:`'s comparison: accents and other combining marks removed as well ("über" reads "uber"). */
export const markFold: Fold = (text) =>
  // Plain ASCII has nothing to decompose and no marks: most card text is, and the browser folds 300,000 fields.
  collapseSpace(NOT_ASCII.test(text) ? text.normalize('NFKD').replace(/\p{M}+/gu, '') : text)

const NOT_ASCII = /[^\p{ASCII}]/u

/** Runs of whitespace as one space, none at the ends; text already so is returned as it is, not copied. */
const collapseSpace = (text: string) => (/\s\s|[^\S ]|^ | $/.test(text) ? text.replace(/\s+/g, ' ').trim() : text)

/** The characters a backslash may escape in a search; any other escape is a mistake, as in Anki. */
export const ESCAPABLE = '\\":*_()-'

/** A raw token value (escapes as typed) as a pattern: `\:` → `:`, `\"` → `"`, but `\*`, `\_` and `\\` kept. */
export function toPattern(raw: string): string {
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[++i]!
      out += next === '*' || next === '_' || next === '\\' ? `\\${next}` : next
    } else out += ch
  }
  return out
}

/** What `*` becomes; a literal star is escaped (`\\*`), so `.*` in a source is always a wildcard's. */
const ANY_RUN = '.*'

/** The pattern as a regular expression source (for the `u` flag), folded like the text it is matched against. */
function patternSource(pattern: string, fold: Fold): string {
  let source = ''
  const folded = fold(pattern)
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!
    if (ch === '\\' && i + 1 < folded.length) source += escapeRegExp(folded[++i]!)
    else if (ch === '*') source += ANY_RUN
    else if (ch === '_') source += '.'
    else source += escapeRegExp(ch)
  }
  return source
}

/** Text found anywhere in an already folded text (free text is a substring search, as in Anki). */
export function containsMatcher(pattern: string, fold: Fold = plainFold): (folded: string) => boolean {
  const re = new RegExp(patternSource(pattern, fold), 'iu')
  return (folded) => re.test(folded)
}

/**
 * `containsMatcher`'s expression, global, for searching many folded texts packed in one string
 * (TextColumn.markMatches): only when each of its matches is one character per character of the
 * pattern (no `*`, not empty), so that a match running across the end of a text hides no other.
 */
export function packedMatcher(pattern: string, fold: Fold = plainFold): RegExp | undefined {
  const source = patternSource(pattern, fold)
  return source === '' || source.includes(ANY_RUN) ? undefined : new RegExp(source, 'giu')
}

// JavaScript's \b knows only ASCII letters; Anki's regex engine knows every script, so `w:uber`
// must not find the "uber" inside "über". A boundary is where a word character meets a non-word one.
const WORD_CHAR = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200C\u200D]`
const BOUNDARY = `(?:(?<=${WORD_CHAR})(?!${WORD_CHAR})|(?<!${WORD_CHAR})(?=${WORD_CHAR}))`

/** `w:`: the pattern between word boundaries, in a plain-folded text. */
export function wordMatcher(pattern: string): (folded: string) => boolean {
  const re = new RegExp(`${BOUNDARY}${patternSource(pattern, plainFold)}${BOUNDARY}`, 'iu')
  return (folded) => re.test(folded)
}

/**
 * A whole name, or a parent of it in a `a::b` hierarchy: `tag:aws` matches `aws` and `aws::s3`, not
 * `aws-ml`. Decks and tags are few names on many cards, so each name's answer is worked out once.
 */
export function nameMatcher(pattern: string, fold: Fold = plainFold): (name: string) => boolean {
  const re = new RegExp(`^(?:${patternSource(pattern, fold)})(?:::.*)?$`, 'iu')
  const answers = new Map<string, boolean>()
  return (name) => {
    let answer = answers.get(name)
    if (answer === undefined) {
      answer = re.test(fold(name))
      answers.set(name, answer)
    }
    return answer
  }
}

/**
 * A `re:` search as a regular expression, case-insensitive as in Anki. Anki's engine takes flags
 * at the start, `(?-i)` for a case-sensitive search; JavaScript has no such group, so the flags
 * there become the expression's own. Throws an Error that names the problem when it cannot be read.
 */
export function userRegExp(source: string): RegExp {
  const flags = new Set(['i'])
  const lead = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(source)
  if (lead) {
    for (const [letters, on] of [
      [lead[1] ?? '', true],
      [lead[2] ?? '', false]
    ] as const) {
      for (const flag of letters) {
        if (!'ims'.includes(flag)) throw new Error(`the flag "${flag}" in "${lead[0]}" is not supported; use i, m or s`)
        if (on) flags.add(flag)
        else flags.delete(flag)
      }
    }
    source = source.slice(lead[0].length)
  }
  const base = [...flags].join('')
  try {
    return new RegExp(source, `${base}u`)
  } catch (unicodeError) {
    // Unicode mode refuses escapes Anki's engine allows, such as `\%` or `\-`; without it they read.
    try {
      return new RegExp(source, base)
    } catch {
      throw new Error(reasonOf(unicodeError))
    }
  }
}

/** "Invalid regular expression: /(/iu: Unterminated group" → "unterminated group". */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const reason = /\/[a-z]*: (.+)$/.exec(message)?.[1] ?? message
  return reason.charAt(0).toLowerCase() + reason.slice(1)
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch
}
