/**
 * Errors Recall raises on purpose: each has a code that says what went wrong (for code that
 * handles it) and a message a person can act on (for the screen), in the spirit of ts-fsrs's
 * FSRSError. Anything else that is thrown (IndexedDB, Dexie, the platform) is shown through
 * `reasonOf`, with the storage errors explained by db/storage-errors.ts.
 */
export type RecallErrorCode =
  /** The card changed in another window after it was shown; the grade was not saved. */
  | 'stale-card'
  /** The card or deck an action names no longer exists. */
  | 'not-found'
  /** A search that does not parse. */
  | 'search-syntax'
  /** Input that cannot be used as it is (a file, a setting). */
  | 'invalid-input'
  /** A step that failed outside Recall (the platform, a backup). */
  | 'failed'

export class RecallError extends Error {
  override name = 'RecallError'
  constructor(
    readonly code: RecallErrorCode,
    message: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

/** What went wrong, in the error's own words, for a message such as "The card was not added (…)". */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
