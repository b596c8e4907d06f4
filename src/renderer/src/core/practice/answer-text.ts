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

/** Words of a text, for comparing what two options say. */
function words(text: string): Set<string> {
  return new Set(normaliseAnswer(text).match(/[\p{L}\p{N}]+/gu) ?? [])
}

/** Share of words two texts have in common (Jaccard): 1 for the same words in any order. */
const SAME_MEANING_OVERLAP = 0.8

/**
 * Two options that would read as one: the same text once spacing, case and emphasis are set
 * aside, or (for sentences: six words or more; names differ by one word) nearly the same words — "stores features for
 * training and inference" and "stores features for inference and training".
 */
export function sameMeaning(a: string, b: string): boolean {
  if (normaliseAnswer(a) === normaliseAnswer(b)) return true
  const wa = words(a)
  const wb = words(b)
  if (wa.size < 6 || wb.size < 6) return false
  let shared = 0
  for (const w of wa) if (wb.has(w)) shared++
  return shared / (wa.size + wb.size - shared) >= SAME_MEANING_OVERLAP
}
