import { hasCloze } from '@shared/deck/cloze'
import { isDirective, readDirective, type DirectiveContext, type Directives } from '@shared/deck/markdown-directives'
import type { Line } from '@shared/deck/markdown-questions'

/**
 * The cloze notes of a Markdown block: a paragraph with Anki deletions (`{{c1::…}}`) is one cloze
 * note; so is a paragraph with Obsidian highlights (`==…==`) and no front/back note, each
 * highlight its own deletion (c1, c2, … in order), as Obsidian's spaced-repetition plugin reads
 * them. A list whose every item holds a deletion is a note per item. `@` lines apply to the
 * block's notes.
 */

export interface ClozeDraft {
  text: string
  line: number
}

const HIGHLIGHT = /==(?=\S)([^=\n]*?\S)==/g
const BULLET = /^\s*[-*+]\s+/

function hasHighlight(text: string): boolean {
  HIGHLIGHT.lastIndex = 0
  return HIGHLIGHT.test(text)
}

/** Whether the block is read as clozes: it has Anki deletions, or highlights and no front/back note. */
export function isClozeBlock(block: readonly Line[], hasBasicNotes: boolean): boolean {
  const lines = outsideCode(block).filter((l) => !isDirective(l.text))
  if (lines.some((l) => hasCloze(l.text))) return true
  return !hasBasicNotes && lines.some((l) => hasHighlight(l.text))
}

export function readClozeBlock(block: readonly Line[], ctx: DirectiveContext): { notes: ClozeDraft[]; shared: Directives } {
  const shared: Directives = {}
  for (const l of block) if (isDirective(l.text)) readDirective(l.text, l.line, shared, ctx)
  const lines = block.filter((l) => !isDirective(l.text))
  const list = lines.length > 1 && lines.every((l) => BULLET.test(l.text) && (hasCloze(l.text) || hasHighlight(l.text)))
  const groups = list ? lines.map((l) => [{ ...l, text: l.text.replace(BULLET, '') }]) : [lines]
  const notes = groups.map((group) => {
    const text = group.map((l) => l.text).join('\n')
    return { text: hasCloze(text) ? text : highlightsToClozes(text), line: group[0]!.line }
  })
  return { notes, shared }
}

/** The lines of a block outside code fences: `{{c1::` in a code sample is code, not a cloze. */
function outsideCode(block: readonly Line[]): Line[] {
  let inCode = false
  return block.filter((l) => {
    const fence = /^\s*(```|~~~)/.test(l.text)
    if (fence) inCode = !inCode
    return !fence && !inCode
  })
}

/** `==a== and ==b==` → `{{c1::a}} and {{c2::b}}`. */
function highlightsToClozes(text: string): string {
  let n = 0
  return text.replace(HIGHLIGHT, (_, inner: string) => `{{c${++n}::${inner}}}`)
}
