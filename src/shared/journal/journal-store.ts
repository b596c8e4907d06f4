/**
 * Where the journal's segments live: the desktop app's user-data folder (main/journal, over IPC)
 * or the browser's Origin Private File System (platform/opfs-journal.ts). An epoch is a folder of
 * segments that starts from a backup (see db/journal); a segment is one page session's file.
 */
export interface JournalStore {
  /**
   * Appends text (whole encoded records) to a segment of an epoch, creating both if needed. Does
   * not wait: appends are written in call order, and `flushed` says when they all are.
   */
  append(epoch: string, segment: string, text: string): void
  /** Resolves once every earlier append is written; rejects with the reason if one failed. */
  flushed(): Promise<void>
  /** Every segment of the epoch with its text, in name order; none if the epoch does not exist. */
  read(epoch: string): Promise<JournalSegment[]>
  /** The epochs there are, in name order. */
  epochs(): Promise<string[]>
  /** Deletes the given segments of an epoch, or the whole epoch when none are given. */
  remove(epoch: string, segments?: readonly string[]): Promise<void>
}

export interface JournalSegment {
  segment: string
  text: string
}

/** Epoch and segment names: letters, digits, `-` and `_`, at most 64; they become file names, so nothing else passes. */
const JOURNAL_NAME = /^[A-Za-z0-9_-]{1,64}$/

export function isJournalName(name: unknown): name is string {
  return typeof name === 'string' && JOURNAL_NAME.test(name)
}

/** One append may carry at most this much text (a media file's bytes as base64 included). */
export const MAX_JOURNAL_APPEND = 256 * 1024 * 1024
