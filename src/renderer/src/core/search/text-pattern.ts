/**
 * Text matching for searches: case- and accent-insensitive ("resume" finds "résumé"), with `*`
 * as a wildcard. Patterns are kept in the AST as the user meant them: escapes resolved, except
 * `\*` (a literal star) and `\\` (a literal backslash), which must stay apart from wildcards.
 */

/** Lowercase, without accents, whitespace collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** A raw token value (escapes as typed) as a pattern: `\:` → `:`, `\"` → `"`, but `\*` and `\\` kept. */
export function toPattern(raw: string): string {
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[++i]!
      out += next === '*' || next === '\\' ? `\\${next}` : next
    } else if (ch === '\\') out += '\\\\'
    else out += ch
  }
  return out
}

/** The pattern as a regular expression source, folded like the text it is matched against. */
function patternSource(pattern: string): string {
  let source = ''
  const folded = foldPattern(pattern)
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!
    if (ch === '\\' && i + 1 < folded.length) source += escapeRegExp(folded[++i]!)
    else if (ch === '*') source += '.*'
    else source += escapeRegExp(ch)
  }
  return source
}

/** Text found anywhere (free text is a substring search, as in Anki). */
export function containsMatcher(pattern: string): (folded: string) => boolean {
  const re = new RegExp(patternSource(pattern))
  return (folded) => re.test(folded)
}

/** A whole name, or a parent of it in a `a::b` hierarchy: `tag:aws` matches `aws` and `aws::s3`, not `aws-ml`. */
export function nameMatcher(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^(?:${patternSource(pattern)})(?:::.*)?$`)
  return (name) => re.test(foldText(name))
}

function foldPattern(pattern: string): string {
  // Folding keeps backslashes and stars, so escapes survive; whitespace collapses as in the text.
  return pattern
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch
}
