import type { DeckSimulation } from '@core/exam-plan/decks-forecast'
import type { ExamCardFigures } from '@core/exam-plan/forecast'
import { studyDayOf } from '@core/time/study-day'
import type { ExamDeckHead } from '@db/exam-plan-repository'
import Dexie, { type Table } from 'dexie'

/**
 * Each exam deck's forecast, its figures of one walk over the cards and its simulation ("if you
 * keep studying as scheduled"), kept for the cards they were computed from, so that an opening
 * reads and computes only the decks changed since: in this page's memory, and in a small
 * IndexedDB database of its own that outlasts the page, so that the exam plan opened after a
 * restart paints its whole screen without reading the cards' columns or simulating. A cache and
 * nothing more: not part of the collection, its backups, journal or sync; if it cannot be opened
 * or written, every deck is read and computed as if it were empty. One row per collection, exam
 * and deck, so it holds no more than the decks' latest forecasts.
 */

/** The IndexedDB database the forecasts are kept in, apart from the collection's. */
export const FORECAST_CACHE_NAME = 'recall-exam-forecasts'

/** A deck's forecast as kept, under its collection, exam and deck (`slot`). */
export interface KeptDeck {
  slot: string
  /**
   * The cards it was computed from: no card of the deck was written at or after `since` (a write
   * stamps the card's `mod`) and it held `count` cards. `cardsUnchangedSince` checks this still holds.
   */
  cards: { since: number; count: number }
  /** The figures of one walk, for `key` (`figuresKey`). */
  figures?: { key: string; value: ExamCardFigures }
  /** The simulation, for `key` (`simulationKey`). */
  simulation?: { key: string; value: DeckSimulation }
}

interface ForecastAt {
  now: number
  examDate: number
  dayStartsAtHour: number
}

/**
 * What a deck's figures depend on besides its cards: its options (the weights, the new cards a
 * day), the study day (its start, an instant: a new day, or another time zone, moves it), the
 * exam's date and target, the hour days start, and the app's version (whose figures may differ).
 */
export function figuresKey(deck: ExamDeckHead, at: ForecastAt & { targetRecall: number }, appVersion = ''): string {
  return JSON.stringify([
    deck.options,
    studyDayOf(at.now, at.dayStartsAtHour).start,
    at.examDate,
    at.dayStartsAtHour,
    at.targetRecall,
    appVersion
  ])
}

/**
 * What a deck's simulation depends on besides its cards: its options, what it studied today, the
 * study day, the exam's date, the hour days start and the app's version. Within one study day a
 * reopening reuses the simulation of an earlier time of day (its sessions were placed at that time).
 */
export function simulationKey(deck: ExamDeckHead, at: ForecastAt, appVersion = ''): string {
  return JSON.stringify([
    deck.options,
    deck.studiedToday ?? null,
    studyDayOf(at.now, at.dayStartsAtHour).start,
    at.examDate,
    at.dayStartsAtHour,
    appVersion
  ])
}

/** Where a deck's forecast for an exam is kept: two exams over the same deck (other dates) keep one each. */
export const slotOf = (dbName: string, examId: string, deckId: string): string => `${dbName}\u0000${examId}\u0000${deckId}`

export interface ForecastCache {
  /** Opens the database ahead of a read (the exam plan about to open). */
  open(): void
  /** The rows kept under `slots` (this page's memory first). */
  find(slots: readonly string[]): Promise<Array<KeptDeck | undefined>>
  /** Keeps the rows (written in the background; a failed write is only a miss next time). */
  keep(rows: readonly KeptDeck[]): Promise<void>
}

/** The cache over the database `name` (a page has one; a test makes more, as page loads). */
export function createForecastCache(name: string): ForecastCache {
  const memory = new Map<string, KeptDeck>()
  let stored: Promise<Table<KeptDeck, string> | undefined> | undefined
  const table = () =>
    (stored ??= (async () => {
      if (typeof indexedDB === 'undefined') return undefined
      const db = new Dexie(name)
      db.version(1).stores({ decks: 'slot' })
      await db.open()
      return db.table<KeptDeck, string>('decks')
    })().catch(() => undefined))

  return {
    open: () => void table(),
    async find(slots) {
      const found = slots.map((slot) => memory.get(slot))
      const missing = slots.flatMap((_, i) => (found[i] ? [] : [i]))
      if (missing.length === 0) return found
      try {
        const rows = await (await table())?.bulkGet(missing.map((i) => slots[i]!))
        rows?.forEach((row, j) => {
          if (!row) return
          memory.set(row.slot, row)
          found[missing[j]!] = row
        })
      } catch {
        // An unreadable cache is an empty one.
      }
      return found
    },
    async keep(rows) {
      for (const row of rows) memory.set(row.slot, row)
      try {
        await (await table())?.bulkPut([...rows])
      } catch {
        // Not kept: computed again next time.
      }
    }
  }
}
