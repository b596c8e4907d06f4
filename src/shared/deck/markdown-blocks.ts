import { isDirective, readDirective, type DirectiveContext, type Directives } from '@shared/deck/markdown-directives'
import type { Line } from '@shared/deck/markdown-questions'

/**
 * The front/back notes of a Markdown block (one paragraph between blank lines): definition
 * bullets `- **Term:** definition`, `- Term – definition`; `Q:`/`A:` pairs; inline `front::back`
 * (`:::` both ways); `front` / `?` / `back` blocks (`??` both ways); tables, one note per row.
 * `@` lines belong to the note above them (indented under a bullet), or, before any note, to the
 * whole block.
 */

export interface BasicDraft {
  front: string
  back: string
  line: number
  /** The direction the syntax asks for; undefined: the front matter's `reverse` decides. */
  reverse?: boolean
  directives: Directives
}

const BLOCK_ID = /\s+\^([a-z0-9][a-z0-9-]*)\s*$/i
const QUESTION = /^\s*(?:\*\*)?Q:(?:\*\*)?\s*(.*?)(?:\*\*)?\s*$/
const ANSWER = /^\s*(?:\*\*)?A:(?:\*\*)?\s*(.*?)\s*$/
const BOLD_BULLET = /^\s*[-*+]\s+\*\*(.+?)\*\*\s*:?\s*(.*)$/
const DASH_BULLET = /^\s*[-*+]\s+(.+?)\s+[–—-]\s+(.+)$/

export function readBlock(block: Line[], ctx: DirectiveContext): { notes: BasicDraft[]; shared: Directives } {
  const notes: BasicDraft[] = []
  const shared: Directives = {}
  const problem = (line: number, message: string) => ctx.problems.push({ file: ctx.file, line, message })
  const add = (front: string, back: string, line: number, reverse?: boolean): BasicDraft => {
    const note: BasicDraft = { front, back: back.trim(), line, ...(reverse !== undefined ? { reverse } : {}), directives: {} }
    notes.push(note)
    return note
  }
  // Directives go to the last note opened in this block, or to the whole block before any.
  const directive = (text: string, line: number) => readDirective(text, line, notes.at(-1)?.directives ?? shared, ctx)

  const lines = block.filter((l) => !isDirective(l.text))
  const marker = lines.findIndex((l, i) => i > 0 && /^\s*\?\??\s*$/.test(l.text))
  if (marker > 0) {
    const note = add(
      lines
        .slice(0, marker)
        .map((l) => l.text.trim())
        .join('\n'),
      lines
        .slice(marker + 1)
        .map((l) => l.text)
        .join('\n'),
      lines[0]!.line,
      lines[marker]!.text.trim() === '??'
    )
    for (const l of block) if (isDirective(l.text)) readDirective(l.text, l.line, l.line < lines[0]!.line ? shared : note.directives, ctx)
    return { notes, shared }
  }
  if (lines[0]?.text.trimStart().startsWith('|')) {
    for (const l of block) if (isDirective(l.text)) readDirective(l.text, l.line, shared, ctx)
    readTable(lines, add, (line, message) => problem(line, message))
    return { notes, shared }
  }

  let open: { front: string; back: string[]; line: number; reverse?: boolean; kind: 'qa' | 'bullet' } | null = null
  let question: Line | null = null
  const close = () => {
    if (open) add(open.front, open.back.join('\n'), open.line, open.reverse)
    open = null
  }
  let inCode = false
  for (const { text, line } of block) {
    // A code sample is never a note of its own: it belongs to the answer being written, if any.
    const fence = /^\s*(```|~~~)/.test(text)
    if (fence || inCode) {
      if (fence) inCode = !inCode
      if (open) open.back.push(open.kind === 'bullet' ? text.replace(/^\s{2}/, '') : text)
      continue
    }
    if (isDirective(text)) {
      close()
      if (question) problem(question.line, 'a question (Q:) has no answer (A:)')
      question = null
      directive(text, line)
      continue
    }
    const q = QUESTION.exec(text)
    const a = q ? null : ANSWER.exec(text)
    if (q) {
      close()
      if (question) problem(question.line, 'a question (Q:) has no answer (A:)')
      question = { text: q[1]!, line }
      continue
    }
    if (a && question) {
      open = { front: question.text, back: [a[1]!], line: question.line, reverse: false, kind: 'qa' }
      question = null
      continue
    }
    if (question) {
      question.text += `\n${text.trim()}`
      continue
    }
    if (open && (open.kind === 'qa' || /^\s{2,}\S/.test(text))) {
      open.back.push(open.kind === 'bullet' ? text.replace(/^\s{2}/, '') : text)
      continue
    }
    close()
    const inline = /^(.*?\S)\s*(:{2,3})\s*(\S.*)$/.exec(text)
    const bold = BOLD_BULLET.exec(text)
    const dash = bold ? null : DASH_BULLET.exec(text)
    if (bold) {
      const term = bold[1]!.replace(/:\s*$/, '').trim()
      open = { front: withTrailingId(term, bold[2]!), back: [stripId(bold[2]!)], line, kind: 'bullet' }
    } else if (inline && !/^\s*[-*+]\s/.test(text) && !/https?:\/\/\S*$/.test(inline[1]!)) {
      add(withTrailingId(inline[1]!, inline[3]!), stripId(inline[3]!), line, inline[2] === ':::')
    } else if (dash) {
      open = { front: withTrailingId(dash[1]!, dash[2]!), back: [stripId(dash[2]!)], line, kind: 'bullet' }
    }
  }
  close()
  if (question) problem(question.line, 'a question (Q:) has no answer (A:)')
  return { notes, shared }
}

function readTable(
  block: Line[],
  add: (front: string, back: string, line: number) => unknown,
  problem: (line: number, message: string) => void
): void {
  const rows = block.map((l) => ({ cells: splitRow(l.text), line: l.line }))
  const header = rows[0]!.cells
  const isSeparator = (cells: string[]) => cells.every((c) => /^:?-{1,}:?$/.test(c))
  const body = rows.slice(rows[1] && isSeparator(rows[1].cells) ? 2 : 1)
  for (const row of body) {
    if (row.cells.length < 2) {
      problem(row.line, 'a table row needs at least two columns')
      continue
    }
    const [frontCell, ...rest] = row.cells
    const back = rest.length === 1 ? rest[0]! : rest.map((cell, i) => (header[i + 1] ? `**${header[i + 1]}:** ${cell}` : cell)).join('\n\n')
    add(frontCell!, back, row.line)
  }
}

function splitRow(text: string): string[] {
  return text
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'))
}

/** The text without its trailing block id, and the id. */
export function takeBlockId(text: string): { text: string; id?: string } {
  const match = BLOCK_ID.exec(text)
  return match ? { text: text.slice(0, match.index).trim(), id: match[1]!.toLowerCase() } : { text: text.trim() }
}

/** A bullet's id is written at the end of its line, after the definition: move it to the front. */
function withTrailingId(front: string, rest: string): string {
  const match = BLOCK_ID.exec(rest)
  return match ? `${front} ^${match[1]}` : front
}

function stripId(text: string): string {
  return text.replace(BLOCK_ID, '')
}
