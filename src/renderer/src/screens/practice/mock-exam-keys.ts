import { optionIndexForKey, plainKey, type PracticeKey } from '@screens/practice/use-window-keys'

export type MockExamCommand = { kind: 'answer'; index: number } | { kind: 'next' } | { kind: 'previous' } | { kind: 'finish' }

/** 1–4 or A–D answer; N or → next question, P or ← previous; F finishes (after a confirmation). */
export function mockExamCommandForKey(press: PracticeKey, optionCount: number): MockExamCommand | null {
  if (!plainKey(press)) return null
  switch (press.key) {
    case 'ArrowRight':
    case 'n':
    case 'N':
      return { kind: 'next' }
    case 'ArrowLeft':
    case 'p':
    case 'P':
      return { kind: 'previous' }
    case 'f':
    case 'F':
      return { kind: 'finish' }
  }
  const index = optionIndexForKey(press, optionCount)
  return index === null ? null : { kind: 'answer', index }
}
