import type { DeckProblem } from '@shared/deck/problems'
import { ID_PATTERN, TASK_PATTERN, type Source } from '@shared/deck/schema'

/**
 * The `@key value` lines of Recall's Markdown notes (docs/writing-notes.md) and the reference
 * lines `[key]: https://… "Title"` that name a note's sources.
 */

export interface Directives {
  tasks?: string[]
  /** Keys of reference lines, resolved into sources when the note is finished. */
  source?: Array<{ key: string; line: number }>
  reverse?: boolean
  kind?: string
  confusable?: string[]
  case?: string
}

const DIRECTIVE = /^\s*@([a-z]+)\b\s*(.*?)\s*$/
const REFERENCE = /^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+"([^"]*)"|\s+'([^']*)'|\s+\(([^)]*)\))?\s*$/

export function isDirective(text: string): boolean {
  return DIRECTIVE.test(text)
}

/** A reference line, or undefined: `[key]: url "title"` (Markdown's link reference definition). */
export function readReference(text: string): { key: string; url: string; title: string } | undefined {
  const m = REFERENCE.exec(text)
  if (!m) return undefined
  return { key: m[1]!.trim().toLowerCase(), url: m[2]!, title: (m[3] ?? m[4] ?? m[5] ?? '').trim() }
}

export interface DirectiveContext {
  file: string
  /** The exam code bare task numbers refer to (front matter `exam`). */
  exam?: string
  problems: DeckProblem[]
}

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)

/** Adds one `@key value` line to `into`; an unknown key or a bad value is a problem on its line. */
export function readDirective(text: string, line: number, into: Directives, ctx: DirectiveContext): void {
  const m = DIRECTIVE.exec(text)
  if (!m) return
  const [, key, value = ''] = m
  const problem = (message: string) => ctx.problems.push({ file: ctx.file, line, message })
  switch (key) {
    case 'tasks': {
      const tasks: string[] = []
      for (const item of list(value)) {
        const task = /^\d{1,2}\.\d{1,2}$/.test(item) ? (ctx.exam ? `${ctx.exam} ${item}` : undefined) : item.replace(/\s+/g, ' ')
        if (!task) problem(`the task statement "${item}" needs an exam code ("AIF-C01 ${item}"), or "exam:" in the front matter`)
        else if (!TASK_PATTERN.test(task)) problem(`"${item}" is not a task statement: write an exam code and a number, like "AIF-C01 1.1"`)
        else tasks.push(task)
      }
      if (tasks.length === 0 && list(value).length === 0) problem('@tasks names no task statement')
      into.tasks = tasks
      return
    }
    case 'source':
      into.source = list(value).map((k) => ({ key: k.toLowerCase(), line }))
      if (into.source.length === 0) problem('@source names no source')
      return
    case 'reverse':
      if (/^(yes|true|on)$/i.test(value)) into.reverse = true
      else if (/^(no|false|off)$/i.test(value)) into.reverse = false
      else problem(`@reverse takes yes or no, not "${value}"`)
      return
    case 'kind':
      if (/^[a-z][a-z-]{0,31}$/.test(value)) into.kind = value
      else problem(`@kind is one lowercase word, not "${value}"`)
      return
    case 'confusable':
      into.confusable = list(value)
      for (const id of into.confusable) if (!ID_PATTERN.test(id)) problem(`@confusable: "${id}" is not a note id`)
      return
    case 'case':
      if (ID_PATTERN.test(value)) into.case = value
      else problem(`@case: "${value}" is not a case study's id`)
      return
    default:
      problem(`unknown directive @${key}: use @tasks, @source, @reverse, @kind, @confusable or @case`)
  }
}

/** A section's directives, then a note's own on top (a note's own replace the section's). */
export function mergeDirectives(section: Directives, own: Directives): Directives {
  return { ...section, ...own }
}

export interface ReferenceTable {
  byKey: Map<string, { url: string; title: string; line: number }>
  used: Set<string>
}

/** The sources a note names, resolved; an unknown key is a problem on the line that named it. */
export function resolveSources(
  keys: Directives['source'],
  refs: ReferenceTable,
  checked: string | undefined,
  ctx: DirectiveContext
): Source[] {
  const sources: Source[] = []
  for (const { key, line } of keys ?? []) {
    const ref = refs.byKey.get(key)
    if (!ref) {
      ctx.problems.push({ file: ctx.file, line, message: `no reference line [${key}]: https://… "Title" for @source ${key}` })
      continue
    }
    refs.used.add(key)
    sources.push({ title: ref.title || ref.url, url: ref.url, ...(checked ? { checked } : {}) })
  }
  return sources
}
