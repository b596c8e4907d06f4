import 'katex/dist/katex.min.css'
import rehypeHighlight from 'rehype-highlight'
import rehypeKatex from 'rehype-katex'
import remarkMath from 'remark-math'
import type { Options } from 'react-markdown'

type PluggableList = NonNullable<Options['remarkPlugins']>

/**
 * What card text needs for formulas and code, loaded with the first card that has some (about
 * 100 kB gzipped, kept out of the first download). KaTeX runs without trust: `\href`, `\url`,
 * `\htmlClass` and the like render as marked errors, never as links or attributes; a formula that
 * does not parse shows its source (`.katex-error`). Fonts come from the app's own files.
 */
const KATEX = { throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 500, errorColor: 'currentColor' } as const

export function richPlugins(singleDollar: boolean): { remark: PluggableList; rehype: PluggableList } {
  return {
    remark: [[remarkMath, { singleDollarTextMath: singleDollar }]],
    rehype: [
      [rehypeKatex, KATEX],
      [rehypeHighlight, { detect: false }]
    ]
  }
}
