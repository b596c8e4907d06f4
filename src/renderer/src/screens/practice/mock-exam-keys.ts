import { optionIndexForKey, plainKey, type PracticeKey } from '@screens/practice/use-window-keys'

export type MockExamCommand = { kind: 'answer'; index: number } | { kind: 'next' } | { kind: 'previous' } | { kind: 'finish' }

/**
 * A–H or 1–8 choose an option (or, in an ordering, the next step) of the question on screen;
 * N or → next question, P or ← previous; Ctrl+Enter finishes (after a confirmation). Letters
 * stay free for options: a multiple-response question can have an option F.
 */
export function mockExamCommandForKey(press: PracticeKey, optionCount: number): MockExamCommand | null {
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key === 'Enter') return { kind: 'finish' }
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
  }
  const index = optionIndexForKey(press, optionCount)
  return index === null ? null : { kind: 'answer', index }
}
