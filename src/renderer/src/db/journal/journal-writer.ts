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
  appended = { records: 0, chars: 0 }
  /** Why an append failed, the first time it did (shown once; later appends still try). */
  failure: string | undefined
  /** Until the store says the appends so far are written; undefined once it has. */
  private unwritten: Promise<void> | undefined

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
    this.appended.records += records.length
    this.appended.chars += text.length
    try {
      this.store.append(this.epoch, this.segment, text)
    } catch (error) {
      this.failure ??= error instanceof Error ? error.message : String(error)
      return
    }
    const unwritten: Promise<void> = this.store.flushed().then(
      () => {
        if (this.unwritten === unwritten) this.unwritten = undefined
      },
      (error: unknown) => {
        this.failure ??= error instanceof Error ? error.message : String(error)
        if (this.unwritten === unwritten) this.unwritten = undefined
      }
    )
    this.unwritten = unwritten
  }

  /**
   * Resolves once every append so far is in the journal's file (never rejects), at once when
   * none is waiting. A grade waits for it before its own write (study-repository.ts), so the write
   * a kill can tear never comes before the last confirmed grade is in the journal; the grade
   * before was confirmed seconds ago, so the wait is normally already over.
   */
  written(): Promise<void> | undefined {
    return this.unwritten
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
