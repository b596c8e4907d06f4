import { isDirective, readDirective, type DirectiveContext, type Directives } from '@shared/deck/markdown-directives'

/**
 * The exam-style questions of Recall's Markdown notes: a block between `::: type ^id` and `:::`
 * (docs/writing-notes.md). The stem comes first, then the options (`- [x] …` / `- [ ] …`), the
 * steps (`1. …`) or the pairs (`- prompt => response`), each option with its `>` explanation;
 * a final `>` paragraph explains an ordering or a matching.
 */

export const QUESTION_FENCE = /^:::\s*(single|multiple|ordering|matching|case)\b\s*(?:\^([a-z0-9][a-z0-9-]*))?\s*$/i
export const FENCE_END = /^:::\s*$/

export interface Line {
  text: string
  line: number
}

export interface QuestionDraft {
  type: 'single' | 'multiple' | 'ordering' | 'matching' | 'case'
  id?: string
  fields: Record<string, unknown>
  directives: Directives
}

const CHOICE = /^[-*+]\s+\[([ xX])\]\s+(.*)$/
const STEP = /^\d{1,2}[.)]\s+(.*)$/
const PAIR = /^[-*+]\s+(.*?)\s+=>\s+(.*)$/
const WHY = /^\s{2,}>\s?(.*)$/
const CONTINUED = /^\s{2,}\S/
const QUOTE = /^>\s?(.*)$/

interface Item {
  head: RegExpExecArray
  text: string[]
  why: string[]
  line: number
}

/** Reads the lines between the fences; every problem names its line. */
export function readQuestionBlock(
  type: QuestionDraft['type'],
  id: string | undefined,
  body: Line[],
  opened: number,
  ctx: DirectiveContext
): QuestionDraft {
  const directives: Directives = {}
  const problem = (line: number, message: string) => ctx.problems.push({ file: ctx.file, line, message })
  const stem: string[] = []
  const items: Item[] = []
  const explanation: string[] = []
  const itemPattern = type === 'ordering' ? STEP : type === 'matching' ? PAIR : CHOICE

  for (const { text, line } of body) {
    if (isDirective(text) && !/^\s/.test(text)) {
      readDirective(text, line, directives, ctx)
      continue
    }
    if (type === 'case') {
      stem.push(text)
      continue
    }
    const item = itemPattern.exec(text)
    if (item) {
      if (explanation.length > 0) problem(line, 'an option after the explanation: put the final `>` paragraph last')
      items.push({ head: item, text: [], why: [], line })
      continue
    }
    const last = items.at(-1)
    const why = WHY.exec(text)
    if (last && why) last.why.push(why[1]!)
    else if (last && CONTINUED.test(text) && last.why.length === 0) last.text.push(text.trim())
    else if (last && QUOTE.test(text)) explanation.push(QUOTE.exec(text)![1]!)
    else if (last && text.trim() === '') continue
    else if (last) problem(line, 'text after the options that is neither an indented `>` explanation nor a final `>` paragraph')
    else stem.push(text)
  }

  const paragraph = (lines: string[]) => lines.join('\n').replace(/^\n+|\n+$/g, '')
  const fields: Record<string, unknown> = {}
  if (type === 'case') {
    fields.scenario = paragraph(stem)
    return { type, ...(id ? { id } : {}), fields, directives }
  }
  fields.stem = paragraph(stem)
  if (items.length === 0)
    problem(
      opened,
      `the ${type} question has no ${type === 'ordering' ? 'steps (1. …)' : type === 'matching' ? 'pairs (- prompt => response)' : 'options (- [x] … / - [ ] …)'}`
    )
  const full = (item: Item, first: string) => [first, ...item.text].join(' ').trim()
  if (type === 'single' || type === 'multiple') {
    fields.options = items.map((item) => {
      if (item.why.length === 0) problem(item.line, 'this option has no explanation: add an indented `> why` line under it')
      return { text: full(item, item.head[2]!), correct: item.head[1] !== ' ', why: item.why.join(' ').trim() }
    })
  } else if (type === 'ordering') {
    fields.steps = items.map((item) => full(item, item.head[1]!))
    fields.explanation = [explanation.join('\n'), ...items.flatMap((i) => i.why)].filter(Boolean).join('\n').trim()
  } else {
    fields.pairs = items.map((item) => ({ prompt: item.head[1]!.trim(), response: full(item, item.head[2]!) }))
    fields.explanation = [explanation.join('\n'), ...items.flatMap((i) => i.why)].filter(Boolean).join('\n').trim()
  }
  return { type, ...(id ? { id } : {}), fields, directives }
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']

/** The N of "(Choose N.)" in a multiple-response stem, or undefined when the stem does not say. */
export function statedChoice(stem: string): number | undefined {
  const m = /\(\s*choose\s+(\w+)\s*\.?\s*\)/i.exec(stem)
  if (!m) return undefined
  const word = m[1]!.toLowerCase()
  const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.indexOf(word)
  return n >= 0 ? n : undefined
}
