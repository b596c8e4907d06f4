/** How many actions Ctrl+Z can take back: on the study screen, in multiple choice and in the browser alike. */
const UNDO_LIMIT = 30

/** The stack with `entry` on top, the oldest dropped past the limit. */
export function pushUndo<T>(stack: readonly T[], entry: T): T[] {
  return [...stack, entry].slice(-UNDO_LIMIT)
}

/** The stack once its top entry has been undone. */
export function popUndo<T>(stack: readonly T[]): T[] {
  return stack.slice(0, -1)
}
