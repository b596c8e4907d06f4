/**
 * How answers compare as multiple-choice options. Two answers that differ only in spacing, case
 * or Markdown emphasis read as the same option on screen, so they count as duplicates.
 */

/** Trimmed, whitespace collapsed, lowercased, without Markdown emphasis markers. */
export function normaliseAnswer(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\*+|~~|`+/g, '')
      // Underscores mark emphasis only at a word's edge; inside snake_case they are text.
      .replace(/(^|[^\p{L}\p{N}])_+|_+(?=$|[^\p{L}\p{N}])/gu, '$1')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
  )
}

/** Non-empty lines: a stage list of five services has five. */
export function lineCount(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '').length
}

const SHORT_ANSWER_WORDS = 6

/**
 * How different two answers look, 0 for the same shape. Lists compare by line count; single
 * lines by whether they are a name ("Amazon Polly") or a sentence, so a short name never stands
 * out among purposes.
 */
export function shapeDistance(a: string, b: string): number {
  const la = lineCount(a)
  const lb = lineCount(b)
  if (la > 1 || lb > 1) return Math.abs(la - lb)
  return isShort(a) === isShort(b) ? 0 : 1
}

function isShort(text: string): boolean {
  return text.trim().split(/\s+/).length <= SHORT_ANSWER_WORDS
}
