import type { DeckSimulation, ExamDeckColumns } from '@core/exam-plan/decks-forecast'
import { studyDayOf } from '@core/time/study-day'
import Dexie, { type Table } from 'dexie'

/**
 * Each exam deck's simulation ("if you keep studying as scheduled"), kept by what it depends on
 * (`simulationKey`) so that an opening simulates only the decks changed since: in this page's
 * memory, and in a small IndexedDB database of its own that outlasts the page, so that the exam
 * plan opened after a restart paints its whole screen without simulating. A cache and nothing
 * more: not part of the collection, its backups, journal or sync; if it cannot be opened or
 * written, the decks are simulated as if it were empty. One row per collection and deck, so it
 * holds no more than the decks' latest simulations.
 */

/** The IndexedDB database the simulations are kept in, apart from the collection's. */
export const SIMULATION_CACHE_NAME = 'recall-exam-simulations'

/** A deck's simulation as kept: under its collection and deck (`slot`), for what it was computed from (`key`). */
interface KeptSimulation {
  slot: string
  key: string
  simulation: DeckSimulation
}

/**
 * What a deck's simulation depends on: its cards (the columns row is written anew, with a later
 * `builtFrom`, whenever a value the columns hold changes: a grade, a suspension, a reschedule, a
 * card added or deleted; not an edit of a card's text, which the simulation does not read), its
 * options, what it studied today, the study day (its start, an instant: a new day, or another time
 * zone, moves it), the exam's date, the hour days start, and the app's version (whose simulation
 * may differ). Within one study day a reopening reuses the simulation of an earlier time of day.
 */
export function simulationKey(
  deck: ExamDeckColumns,
  at: { now: number; examDate: number; dayStartsAtHour: number },
  appVersion = ''
): string {
  const { columns, options, studiedToday } = deck
  return JSON.stringify([
    columns.builtFrom,
    columns.ids.length,
    options,
    studiedToday ?? null,
    studyDayOf(at.now, at.dayStartsAtHour).start,
    at.examDate,
    at.dayStartsAtHour,
    appVersion
  ])
}

export const slotOf = (dbName: string, deckId: string): string => `${dbName}\u0000${deckId}`

export interface SimulationCache {
  /** Opens the database ahead of a read (the exam plan about to open). */
  open(): void
  /** For each of `wanted`, its simulation if one is kept under that slot for that key. */
  find(wanted: ReadonlyArray<Omit<KeptSimulation, 'simulation'>>): Promise<Array<DeckSimulation | undefined>>
  /** Keeps the simulations (written in the background; a failed write is only a miss next time). */
  keep(entries: readonly KeptSimulation[]): Promise<void>
}

/** The cache over the database `name` (a page has one: `simulationCache`; a test makes more, as page loads). */
export function createSimulationCache(name: string): SimulationCache {
  const memory = new Map<string, KeptSimulation>()
  let stored: Promise<Table<KeptSimulation, string> | undefined> | undefined
  const table = () =>
    (stored ??= (async () => {
      if (typeof indexedDB === 'undefined') return undefined
      const db = new Dexie(name)
      db.version(1).stores({ decks: 'slot' })
      await db.open()
      return db.table<KeptSimulation, string>('decks')
    })().catch(() => undefined))

  return {
    open: () => void table(),
    async find(wanted) {
      const found = wanted.map(({ slot, key }) => {
        const held = memory.get(slot)
        return held?.key === key ? held.simulation : undefined
      })
      const missing = wanted.flatMap((w, i) => (found[i] ? [] : [i]))
      if (missing.length === 0) return found
      try {
        const rows = await (await table())?.bulkGet(missing.map((i) => wanted[i]!.slot))
        rows?.forEach((row, j) => {
          const i = missing[j]!
          if (row?.key !== wanted[i]!.key) return
          memory.set(row.slot, row)
          found[i] = row.simulation
        })
      } catch {
        // An unreadable cache is an empty one.
      }
      return found
    },
    async keep(entries) {
      for (const entry of entries) memory.set(entry.slot, entry)
      try {
        await (await table())?.bulkPut([...entries])
      } catch {
        // Not kept: simulated again next time.
      }
    }
  }
}
