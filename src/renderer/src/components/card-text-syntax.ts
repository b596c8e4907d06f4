/**
 * Formulas and code: `$$…$$`, `\[…\]`, `\(…\)`, `$…$` (opening `$` before a non-space, closing
 * `$` after one and not before a digit, so "$5 and $10" stays text) and fenced code blocks. Their
 * renderers load the first time a card needs them (card-text-rich.ts); until then the text shows
 * as written, and every card shown meanwhile is drawn again once they are in.
 */
const DISPLAY_MATH = /\$\$[\s\S]+?\$\$|\\\[[\s\S]+?\\\]|\\\([\s\S]+?\\\)/
export const INLINE_MATH = /(^|[^\\$])\$(?=\S)[^$\n]*?[^\s\\]\$(?!\d)/
const CODE_FENCE = /^\s*(```|~~~)/m

/** Whether a card text needs the formula and code renderers (card-text-rich.ts). */
export function needsRich(text: string): boolean {
  return DISPLAY_MATH.test(text) || INLINE_MATH.test(text) || CODE_FENCE.test(text)
}
