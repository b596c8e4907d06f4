import type { BrowseRow } from '@core/model'
import { State } from 'ts-fsrs'

export type SortColumn =
  'question' | 'answer' | 'deck' | 'due' | 'interval' | 'difficulty' | 'stability' | 'retrievability' | 'reviews' | 'lapses' | 'created'

/** What sorting needs beyond the row: deck names and the FSRS recall of a card now. */
export interface SortContext {
  deckName: (deckId: string) => string | undefined
  retrievability: (row: BrowseRow) => number
}

// Text keys are lowercased once per row object; rows are replaced, never mutated, when a card changes.
const textKeys = new WeakMap<BrowseRow, { question: string; answer: string }>()
function textKey(row: BrowseRow, field: 'question' | 'answer'): string {
  let keys = textKeys.get(row)
  if (!keys) {
    keys = { question: row.question.toLowerCase(), answer: row.answer.toLowerCase() }
    textKeys.set(row, keys)
  }
  return keys[field]
}

type SortKey = (row: BrowseRow, ctx: SortContext) => number | string | undefined
// A card never studied has no interval, memory or due date worth comparing: it sorts last.
const studied =
  (read: (row: BrowseRow, ctx: SortContext) => number): SortKey =>
  (row, ctx) =>
    row.state === State.New ? undefined : read(row, ctx)

const SORT_KEYS: Record<SortColumn, SortKey> = {
  question: (r) => textKey(r, 'question'),
  answer: (r) => textKey(r, 'answer'),
  deck: (r, ctx) => (ctx.deckName(r.deckId) ?? r.deckId).toLowerCase(),
  due: studied((r) => r.due),
  interval: studied((r) => r.scheduled_days),
  difficulty: studied((r) => r.difficulty),
  stability: studied((r) => r.stability),
  retrievability: studied((r, ctx) => ctx.retrievability(r)),
  reviews: (r) => r.reps,
  lapses: (r) => r.lapses,
  created: (r) => r.createdAt
}

/**
 * Sorts in place by one column. Rows without a value go last in either direction, and ties keep
 * deck order, so equal rows never jump about between sorts. Keys are computed once per row.
 */
export function sortRows(rows: BrowseRow[], column: SortColumn, descending: boolean, ctx: SortContext): void {
  const key = SORT_KEYS[column]
  const keyed = rows.map((row) => ({ row, key: key(row, ctx) }))
  const sign = descending ? -1 : 1
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      if (a.key !== b.key) return a.key === undefined ? 1 : -1
    } else if (a.key !== b.key) return a.key < b.key ? -sign : sign
    return a.row.deckId < b.row.deckId ? -1 : a.row.deckId > b.row.deckId ? 1 : a.row.ord - b.row.ord
  })
  keyed.forEach((k, i) => (rows[i] = k.row))
}
