import { optionIndexForKey, plainKey, type PracticeKey } from '@screens/practice/use-window-keys'
import type { McSession } from '@store/practice-mc-slice'
import { Rating, type Grade } from 'ts-fsrs'

export type McCommand =
  | { kind: 'choose'; index: number }
  | { kind: 'rate'; rating: Grade }
  | { kind: 'next'; rating?: Grade }
  | { kind: 'reveal' }
  | { kind: 'undo' }
  | { kind: 'leave' }

/** Shown on the rating buttons after a right answer. */
export const MC_RATING_KEYS: Record<Grade, string> = {
  [Rating.Again]: '1',
  [Rating.Hard]: 'H 2',
  [Rating.Good]: 'G 3',
  [Rating.Easy]: 'E 4'
}
const RATE: Record<string, Grade> = { h: Rating.Hard, '2': Rating.Hard, g: Rating.Good, '3': Rating.Good, e: Rating.Easy, '4': Rating.Easy }
const GRADE_DIGITS: Record<string, Grade> = { '1': Rating.Again, '2': Rating.Hard, '3': Rating.Good, '4': Rating.Easy }

/**
 * Before an answer, 1–4 or A–D pick an option. After it, H/G/E (or 2/3/4, Anki's digits) change a
 * right answer's rating, and Enter or Space moves on. A card with no options works like normal
 * study: Space shows the answer, 1–4 grade. Ctrl+Z undoes the last answer; Esc leaves.
 */
export function mcCommandForKey(press: PracticeKey, session: McSession): McCommand | null {
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === 'z') return { kind: 'undo' }
  if (!plainKey(press)) return null
  if (press.key === 'Escape') return { kind: 'leave' }
  const choice = session.choice
  if (!session.card || !choice) return null
  const go = press.key === 'Enter' || press.key === ' '
  if (choice.options.length === 0) {
    if (!session.revealed) return go ? { kind: 'reveal' } : null
    const grade = go ? Rating.Good : GRADE_DIGITS[press.key]
    return grade === undefined ? null : { kind: 'next', rating: grade }
  }
  if (session.grading.phase === 'choosing') {
    const index = optionIndexForKey(press, choice.options.length)
    return index === null ? null : { kind: 'choose', index }
  }
  if (go) return { kind: 'next' }
  const rating = RATE[press.key.toLowerCase()]
  return rating === undefined ? null : { kind: 'rate', rating }
}
