import { Rating, type Grade } from 'ts-fsrs'

export type StudyCommand = { kind: 'reveal' } | { kind: 'grade'; rating: Grade } | { kind: 'leave' }

const GRADE_KEYS: Record<string, Grade> = { '1': Rating.Again, '2': Rating.Hard, '3': Rating.Good, '4': Rating.Easy }

/** Anki's review keys: Space or Enter shows the answer, then means Good; 1–4 grade; Esc leaves. */
export function commandForKey(key: string, revealed: boolean): StudyCommand | null {
  if (key === 'Escape') return { kind: 'leave' }
  if (key === ' ' || key === 'Enter') return revealed ? { kind: 'grade', rating: Rating.Good } : { kind: 'reveal' }
  const rating = GRADE_KEYS[key]
  if (rating !== undefined && revealed) return { kind: 'grade', rating }
  return null
}
