import type { SqlJsStatic } from 'sql.js'
import { legacyCollection, packApkg, type FixtureNote } from '../../fixtures/import/make-apkg'

/**
 * An Anki package of a deck someone studied, with its review log, built as Anki lays it out:
 * `col.crt` the start of the collection's first study day (4 am), review cards due on a day
 * counted from it, learning cards due in epoch seconds, and `revlog` rows with Anki's types.
 *
 *  - "Capital of Peru" (Basic and reversed): card 1 is a review card with Anki's FSRS memory in
 *    `cards.data`, due in 3 days; its log has learning, review, a lapse with relearning and a
 *    "set due date" (manual) row. Card 2 has no FSRS memory; its log has learning, a review and
 *    a cram answer in a filtered deck that did not reschedule.
 *  - "Longest river": a learning card, due in 10 minutes.
 *  - "Highest peak": new, never studied.
 *  - Two review rows of a card deleted in Anki.
 */
export const NOW = new Date(2026, 2, 10, 12, 0).getTime()
const MINUTE = 60_000
/** `days` study days before NOW, at hh:mm local time. */
export const daysAgo = (days: number, hour = 10, minute = 0) => new Date(2026, 2, 10 - days, hour, minute).getTime()
/** Anki's collection was created 100 days ago, its day starting at 4 am. */
const CRT_SECONDS = Math.floor(new Date(2026, 2, 10 - 100, 4).getTime() / 1000)
/** Anki's day number for today: whole days since `crt`. */
const TODAY = Math.floor((NOW / 1000 - CRT_SECONDS) / 86_400)

export const HISTORY_NOTES: FixtureNote[] = [
  { guid: 'hist-capital', fields: ['Capital of Peru', 'Lima'], deck: 'Geography', cards: 2 },
  { guid: 'hist-river', fields: ['Longest river', 'Nile'], deck: 'Geography' },
  { guid: 'hist-peak', fields: ['Highest peak', 'Everest'], deck: 'Geography' }
]
const cardId = (note: number, ord = 0) => (1_700_000_200_000 + note) * 10 + ord

export const CAPITAL_MEMORY = { s: 21.7, d: 6.4, dr: 0.9 }

type Revlog = [at: number, ease: number, ivl: number, lastIvl: number, factor: number, timeMs: number, type: number]
const CAPITAL_LOG: Revlog[] = [
  [daysAgo(60), 3, -600, 0, 0, 8000, 0],
  [daysAgo(60, 10, 10), 3, 1, -600, 2500, 5000, 0],
  [daysAgo(59), 3, 3, 1, 2500, 4000, 1],
  [daysAgo(56), 1, -600, 3, 2300, 12_000, 1],
  [daysAgo(56, 10, 10), 3, 2, -600, 2300, 6000, 2],
  [daysAgo(40), 0, 20, 2, 2300, 0, 4], // Set due date
  [daysAgo(20), 4, 23, 20, 2450, 3000, 1]
]
const REVERSE_LOG: Revlog[] = [
  [daysAgo(10), 3, 5, 0, 2500, 7000, 0],
  [daysAgo(5), 3, 5, 5, 2500, 4500, 1],
  [daysAgo(2), 3, 5, 5, 0, 2000, 3] // cram, no rescheduling
]

export function historyCollection(SQL: SqlJsStatic): Uint8Array {
  const db = new SQL.Database(legacyCollection(SQL, HISTORY_NOTES))
  try {
    db.run('UPDATE col SET crt = ?', [CRT_SECONDS])
    const card = (
      id: number,
      values: { type: number; queue: number; due: number; ivl: number; reps: number; lapses: number; data?: string }
    ) =>
      db.run('UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, data = ? WHERE id = ?', [
        values.type,
        values.queue,
        values.due,
        values.ivl,
        values.type === 2 ? 2450 : 0,
        values.reps,
        values.lapses,
        values.data ?? '',
        id
      ])
    card(cardId(0), { type: 2, queue: 2, due: TODAY + 3, ivl: 23, reps: 6, lapses: 1, data: JSON.stringify(CAPITAL_MEMORY) })
    card(cardId(0, 1), { type: 2, queue: 2, due: TODAY + 5, ivl: 10, reps: 3, lapses: 0 })
    card(cardId(1), { type: 1, queue: 1, due: Math.floor((NOW + 10 * MINUTE) / 1000), ivl: 0, reps: 1, lapses: 0 })
    const log = (cid: number, rows: Revlog[]) => {
      for (const row of rows) db.run('INSERT INTO revlog VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)', [row[0], cid, ...row.slice(1)])
    }
    log(cardId(0), CAPITAL_LOG)
    log(cardId(0, 1), REVERSE_LOG)
    log(cardId(1), [[NOW - 5 * MINUTE, 1, -600, 0, 0, 9000, 0]])
    log(42, [
      [daysAgo(30), 3, 4, 2, 2500, 3000, 1],
      [daysAgo(26), 3, 9, 4, 2500, 3000, 1]
    ])
    return db.export()
  } finally {
    db.close()
  }
}

export function historyPackage(SQL: SqlJsStatic): Uint8Array {
  return packApkg({ 'collection.anki2': historyCollection(SQL) })
}
