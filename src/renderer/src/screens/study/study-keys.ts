import { Rating, type Grade } from 'ts-fsrs'

export type StudyCommand =
  | { kind: 'reveal' }
  | { kind: 'choose'; at: number }
  | { kind: 'grade'; rating: Grade }
  | { kind: 'leave' }
  | { kind: 'undo' }
  | { kind: 'bury' }
  | { kind: 'suspend' }
  | { kind: 'flag'; flag: number }
  | { kind: 'forget' }
  | { kind: 'edit' }
  | { kind: 'info' }

export interface KeyPress {
  key: string
  code?: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

const GRADE_KEYS: Record<string, Grade> = { '1': Rating.Again, '2': Rating.Hard, '3': Rating.Good, '4': Rating.Easy }

/** What the card on screen changes about the keys. */
export interface KeyContext {
  /** An exam-style question not yet answered: letters A, B, C… choose its first `letters` options. */
  letters: number
  /** The grade Space and Enter give once the answer shows (an answered question's earned grade); Good otherwise. */
  suggested?: Grade
  /** The card is an exam-style question: E does not open the text editor (questions are edited in their notes). */
  question: boolean
}

const PLAIN: KeyContext = { letters: 0, question: false }

/**
 * Anki's review keys: Space or Enter shows the answer, then means Good; 1–4 grade; Ctrl+Z undoes;
 * "-" buries; "@" suspends; Ctrl+1…7 flag; Ctrl+Alt+N forgets; E edits; I shows the card's
 * history; Esc leaves. (Cmd stands for Ctrl on macOS.) On an exam-style question, A, B, C…
 * choose options as on the exam and Space or Enter submits.
 */
export function commandForKey(press: KeyPress, revealed: boolean, context: KeyContext = PLAIN): StudyCommand | null {
  const mod = press.ctrlKey || press.metaKey
  if (mod && !press.altKey && press.key.toLowerCase() === 'z') return { kind: 'undo' }
  if (mod && press.altKey && (press.key.toLowerCase() === 'n' || press.code === 'KeyN')) return { kind: 'forget' }
  if (mod && !press.altKey) {
    const digit = /^Digit([1-7])$/.exec(press.code ?? '')?.[1] ?? (/^[1-7]$/.test(press.key) ? press.key : undefined)
    if (digit) return { kind: 'flag', flag: Number(digit) }
    return null
  }
  if (press.altKey) return null
  if (!revealed && /^[a-z]$/i.test(press.key)) {
    const at = press.key.toLowerCase().charCodeAt(0) - 97
    if (at < context.letters) return { kind: 'choose', at }
  }
  switch (press.key) {
    case 'Escape':
      return { kind: 'leave' }
    case ' ':
    case 'Enter':
      return revealed ? { kind: 'grade', rating: context.suggested ?? Rating.Good } : { kind: 'reveal' }
    case '-':
      return { kind: 'bury' }
    case '@':
      return { kind: 'suspend' }
    case 'e':
    case 'E':
      return context.question ? null : { kind: 'edit' }
    case 'i':
    case 'I':
      return { kind: 'info' }
  }
  const rating = GRADE_KEYS[press.key]
  return rating !== undefined && revealed ? { kind: 'grade', rating } : null
}
