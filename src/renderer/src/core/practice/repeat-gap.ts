/**
 * In practice (multiple choice, custom study), a question just answered comes back only after at
 * least this many others when that many are left, and never as the very next one while another is
 * left: asked again at once, it would be answered from what is still on screen in the mind, not
 * recalled. Three is a short wait that a small session can still keep.
 */
export const REPEAT_GAP = 3

/** The cards answered last, most recent last, with `id` added: at most `REPEAT_GAP` of them. */
export function rememberAnswered(recent: readonly string[], id: string): string[] {
  return [...recent.filter((r) => r !== id), id].slice(-REPEAT_GAP)
}

/**
 * A session's keys with the one at `index` asked again after `REPEAT_GAP` others, or after all
 * that are left when fewer are (alone, it comes next).
 */
export function askAgainLater(keys: readonly string[], index: number): string[] {
  const at = Math.min(keys.length, index + 1 + REPEAT_GAP)
  return [...keys.slice(0, at), keys[index]!, ...keys.slice(at)]
}
