import { encodeRecord, type JournalRecord } from '@shared/journal/journal-format'
import type { JournalStore } from '@shared/journal/journal-store'

/** The journal's one row in the collection: the epoch it follows and the last change it holds (its `seq`). */
export interface JournalMark {
  key: typeof MARK_KEY
  epoch: string
  seq: number
}

export const MARK_TABLE = 'journalMark'
export const MARK_KEY = 'mark'

const randomPart = () => Math.random().toString(36).slice(2, 8)
/** A name that sorts by time: epochs and segments are listed in the order they began. */
export const timeName = (prefix: string, now: number) => `${prefix}${now.toString(36).padStart(9, '0')}-${randomPart()}`

/**
 * This page's end of the journal: the store the platform gives, the epoch the collection follows
 * and this page session's own segment. Until `start` (journal-start.ts) has checked the collection
 * against the journal, and while it rebuilds, nothing is written (`suspended`).
 */
export class JournalWriter {
  suspended = true
  epoch = ''
  segment: string
  /** Appends since the page opened (records, characters), for the bench and the status line. */
  written = { records: 0, chars: 0 }
  /** Why an append failed, the first time it did (shown once; later appends still try). */
  failure: string | undefined

  constructor(
    readonly store: JournalStore,
    now: number
  ) {
    this.segment = timeName('s', now)
  }

  append(records: readonly JournalRecord[]): void {
    if (this.suspended || records.length === 0) return
    let text = ''
    for (const record of records) text += encodeRecord(record)
    this.written.records += records.length
    this.written.chars += text.length
    try {
      this.store.append(this.epoch, this.segment, text)
    } catch (error) {
      this.failure ??= error instanceof Error ? error.message : String(error)
    }
  }

  /** After a backup: later changes go to a new segment, so the ones the backup holds can be deleted. */
  roll(now: number): string {
    const closed = this.segment
    this.segment = timeName('s', now)
    return closed
  }

  async flushed(): Promise<void> {
    try {
      await this.store.flushed()
    } catch (error) {
      this.failure ??= error instanceof Error ? error.message : String(error)
      throw error
    }
  }
}
