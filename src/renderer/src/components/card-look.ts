/**
 * How a card's text is set: a short prompt is read at a glance and printed large; the longer a
 * text, the closer it comes to body size, so that it still fits and reads as prose. Lists, tables,
 * code and several paragraphs read from the start of the line, never centred.
 */
export interface CardLook {
  size: 'short' | 'medium' | 'long'
  /** Centred: one or a few lines of plain text (or a picture); everything else starts at the left. */
  centred: boolean
}

// A line that starts a block: a list item, heading, quote, table row, code fence or display formula.
const BLOCK_LINE = /^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#{1,6}[ \t]|>|\||```|~~~|\$\$|\\\[)/m
const PARAGRAPHS = /\n[ \t]*\n/
const PICTURE = /!\[[^\]]*\]\([^)]*\)|\[sound:[^\]]*\]/g

/** The text as it reads: pictures, link targets and Markdown markers left out. */
function readLength(text: string): number {
  return text
    .replace(PICTURE, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim().length
}

/** Up to this many characters a prompt is a glance (a term, a service, a short question). */
const SHORT = 60
/** Up to this many it is a sentence or two; beyond, a paragraph. */
const MEDIUM = 180
/** An answer this short is centred under its prompt; a longer one is read as prose from the left. */
const CENTRED_ANSWER = 90

const isBlocks = (text: string) => BLOCK_LINE.test(text) || PARAGRAPHS.test(text.trim())

export function promptLook(text: string): CardLook {
  if (isBlocks(text)) return { size: 'long', centred: false }
  const length = readLength(text)
  if (length <= SHORT) return { size: 'short', centred: true }
  if (length <= MEDIUM) return { size: 'medium', centred: true }
  return { size: 'long', centred: false }
}

/** Answers are printed at one size, never above their prompt's; only how they align depends on them. */
export function answerCentred(text: string): boolean {
  return !isBlocks(text) && readLength(text) <= CENTRED_ANSWER
}
