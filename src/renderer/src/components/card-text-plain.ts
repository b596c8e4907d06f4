import { createElement, Fragment, type ReactElement } from 'react'

/**
 * Card text with no Markdown in it, drawn without the Markdown pipeline (card-markdown.tsx), so
 * that a first card in plain words does not wait for the pipeline's download. Only a text the
 * pipeline would render as plain paragraphs is taken, and its markup is the pipeline's to the
 * byte (tests/unit/renderer/components/card-text-plain.test.ts compares both on many texts);
 * anything else goes to the pipeline. Text reaches React as strings only, so it never runs.
 *
 * Not plain: any character that starts inline syntax, an entity, an e-mail or a bare URL (`\`,
 * backticks, `*_~[]<>!&|$@`, `://`, `www.`); any character but letters, marks, digits,
 * punctuation, symbols, spaces and line feeds (so no tab, carriage return, control or format
 * character such as a byte-order mark, which the pipeline drops); a line starting or ending with
 * a space of any kind (indented code, hard breaks), and a line that could start a block (a
 * heading, quote, list item, rule, setext underline, table, fence or definition).
 */
const INLINE_SYNTAX = /[\\`*_~[\]<>!&|$@]|:\/\/|www\./i
const BLOCK_START = /^(?:\p{Zs}|[#>+=:-]|\d+[.)])|\p{Zs}$/u
const ORDINARY = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\n]*$/u

/** The paragraphs of a plain text (each its lines joined by `\n`), or null if the text is not plain. */
export function plainParagraphs(text: string): string[] | null {
  if (INLINE_SYNTAX.test(text) || !ORDINARY.test(text)) return null
  const paragraphs: string[] = []
  let lines: string[] = []
  for (const line of text.split('\n')) {
    if (line === '') {
      if (lines.length > 0) paragraphs.push(lines.join('\n'))
      lines = []
      continue
    }
    if (BLOCK_START.test(line)) return null
    lines.push(line)
  }
  if (lines.length > 0) paragraphs.push(lines.join('\n'))
  return paragraphs
}

/** The elements of a plain text as the Markdown pipeline makes them, or null if it is not plain. */
export function plainTextElements(text: string): ReactElement | null {
  const paragraphs = plainParagraphs(text)
  if (!paragraphs) return null
  const children: Array<ReactElement | string> = []
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) children.push('\n')
    children.push(createElement('p', { key: `p-${i}` }, paragraph))
  })
  return createElement(Fragment, null, ...children)
}
