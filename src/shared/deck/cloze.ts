/**
 * Cloze deletions as Anki writes them: `{{c1::answer}}`, or `{{c1::answer::hint}}`. A cloze note
 * makes one study card per number; on card n every deletion numbered n is hidden ("[…]", or
 * "[hint]") and the other deletions read as plain text. The answer side shows the whole text with
 * card n's deletions marked.
 */

interface ClozeDeletion {
  n: number
  answer: string
  hint?: string
  /** Where `{{c…` starts and where its `}}` ends, in the text. */
  start: number
  end: number
}

export interface ClozeParse {
  deletions: ClozeDeletion[]
  /** The card numbers, ascending, each once. */
  numbers: number[]
  /** What is wrong, for the person: an unclosed, empty, nested or out-of-range deletion. */
  problems: string[]
}

/** Anki numbers clozes from 1; a note with more than this many cards is surely a mistake. */
const MAX_CLOZE_NUMBER = 500

const OPEN = /\{\{c(\d+)::/g

export function hasCloze(text: string): boolean {
  return /\{\{c\d+::/.test(text)
}

const excerpt = (text: string, at: number) => {
  const s = text.slice(at, at + 40).replace(/\s+/g, ' ')
  return at + 40 < text.length ? `${s}…` : s
}

export function parseCloze(text: string): ClozeParse {
  const deletions: ClozeDeletion[] = []
  const problems: string[] = []
  let at = 0
  for (;;) {
    OPEN.lastIndex = at
    const open = OPEN.exec(text)
    if (!open) break
    const n = Number(open[1])
    const bodyStart = open.index + open[0].length
    const close = text.indexOf('}}', bodyStart)
    if (close < 0) {
      problems.push(`the cloze c${open[1]} at “${excerpt(text, open.index)}” has no closing }}`)
      break
    }
    OPEN.lastIndex = bodyStart
    const inner = OPEN.exec(text)
    at = close + 2
    if (inner && inner.index < close) {
      problems.push(`the cloze c${open[1]} at “${excerpt(text, open.index)}” holds another cloze: nested deletions are not supported`)
      // Skip to the end of the outer deletion, as far as it can be told.
      const outer = text.indexOf('}}', close + 2)
      at = outer < 0 ? text.length : outer + 2
      continue
    }
    const body = text.slice(bodyStart, close)
    const sep = body.indexOf('::')
    const answer = sep >= 0 ? body.slice(0, sep) : body
    const hint = sep >= 0 ? body.slice(sep + 2).trim() : ''
    if (!answer.trim()) problems.push(`the cloze c${open[1]} at “${excerpt(text, open.index)}” is empty`)
    else if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CLOZE_NUMBER)
      problems.push(`the cloze number c${open[1]} is outside c1–c${MAX_CLOZE_NUMBER}`)
    else deletions.push({ n, answer, ...(hint ? { hint } : {}), start: open.index, end: close + 2 })
  }
  const numbers = [...new Set(deletions.map((d) => d.n))].sort((a, b) => a - b)
  return { deletions, numbers, problems }
}

/** What is wrong with a cloze note's text: its deletions' problems, or that it has none. */
export function clozeTextProblems(text: string): string[] {
  const { numbers, problems } = parseCloze(text)
  if (problems.length === 0 && numbers.length === 0) return ['a cloze note has no deletion: mark one as {{c1::answer}}']
  return problems
}

/**
 * Brackets, emphasis, backslashes and dollars as character references, so that a hint is never read
 * as a link, markup or a formula (`\\[…\\]` would be display math).
 */
const escapeMarkup = (text: string) => text.replace(/[[\]*_\\$`<&]/g, (c) => `&#${c.charCodeAt(0)};`)

/** A one-line answer is marked in bold; one over several lines (a list, a block) stays as written. */
const marked = (answer: string) => (/\n/.test(answer) || answer !== answer.trim() ? answer : `**${answer}**`)

function render(text: string, deletions: readonly ClozeDeletion[], show: (d: ClozeDeletion) => string): string {
  let out = ''
  let at = 0
  for (const d of deletions) {
    out += text.slice(at, d.start) + show(d)
    at = d.end
  }
  return out + text.slice(at)
}

/** Card n's question: its deletions hidden as "[…]" or "[hint]", the others as plain text. */
export function clozeQuestion(text: string, n: number, parsed = parseCloze(text)): string {
  return render(text, parsed.deletions, (d) => (d.n === n ? `**&#91;${d.hint ? escapeMarkup(d.hint) : '…'}&#93;**` : d.answer))
}

/** Card n's answer: the whole text, card n's deletions marked. */
export function clozeAnswer(text: string, n: number, parsed = parseCloze(text)): string {
  return render(text, parsed.deletions, (d) => (d.n === n ? marked(d.answer) : d.answer))
}

/** The text with every deletion shown as its answer (for search and an id made from the text). */
export function clozePlain(text: string, parsed = parseCloze(text)): string {
  return render(text, parsed.deletions, (d) => d.answer)
}

/**
 * Anki's Ctrl+Shift+C: the selection of `text` (from `start` to `end`) wrapped in a deletion with
 * the next number, or (Ctrl+Shift+Alt+C) the last number used, so several parts hide together.
 * Returns the new text and where the caret goes: after the deletion, or inside an empty one.
 */
export function insertCloze(text: string, start: number, end: number, sameNumber: boolean): { text: string; caret: number } {
  const numbers = parseCloze(text).numbers
  const last = numbers.at(-1) ?? 0
  const n = sameNumber ? Math.max(1, last) : last + 1
  const open = `{{c${n}::`
  const selected = text.slice(start, end)
  const wrapped = `${open}${selected}}}`
  return { text: text.slice(0, start) + wrapped + text.slice(end), caret: selected ? start + wrapped.length : start + open.length }
}
