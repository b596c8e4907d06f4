import { type BrowseRow, Queue } from '@core/model'
import { formatInterval } from '@core/time/format'
import { DAY_MS } from '@shared/durations'
import type { SortColumn } from '@core/search/sort'
import { State } from 'ts-fsrs'

/** What a cell needs besides its row. */
export interface CellContext {
  /** When the rows were read: due times and recall are shown as of then. */
  now: number
  deckName: (deckId: string) => string
  retrievability: (row: BrowseRow) => number
}

export interface Column {
  id: SortColumn
  label: string
  /** Narrowest width in rem; text columns share what is left over by `grow`. */
  min: number
  grow?: number
  numeric?: boolean
  cell: (row: BrowseRow, ctx: CellContext) => string
}

/** Card text on one line: Markdown markers and line breaks do not help a table row. */
function plainLine(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+\.\s|>\s?)/gm, '')
    .replace(/(\*\*|__|`|~~)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const dash = '—'
const studied = (row: BrowseRow, show: (row: BrowseRow) => string) => (row.state === State.New ? dash : show(row))
// One formatter each: building an Intl formatter per cell costs more than the rest of a row.
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const date = (ms: number) => dateFormat.format(ms)

/** Anki's due column: new cards say so; cards out of study show their date in parentheses. */
function dueCell(row: BrowseRow, ctx: CellContext): string {
  if (row.state === State.New) return 'New'
  const when = row.queue === Queue.Learning && row.due - ctx.now < DAY_MS ? timeFormat.format(row.due) : date(row.due)
  return row.queue === Queue.Suspended || row.queue === Queue.Buried ? `(${when})` : when
}

export const COLUMNS: Column[] = [
  { id: 'question', label: 'Question', min: 12, grow: 3, cell: (r) => plainLine(r.question) },
  { id: 'answer', label: 'Answer', min: 10, grow: 3, cell: (r) => plainLine(r.answer) },
  { id: 'deck', label: 'Deck', min: 7, grow: 2, cell: (r, ctx) => ctx.deckName(r.deckId) },
  { id: 'due', label: 'Due', min: 7, cell: dueCell },
  {
    id: 'interval',
    label: 'Interval',
    min: 4.75,
    numeric: true,
    cell: (r) => studied(r, () => (r.scheduled_days > 0 ? formatInterval(r.scheduled_days * DAY_MS) : 'learning'))
  },
  // FSRS difficulty runs 1–10; Anki shows it as a percentage from 0 to 100.
  {
    id: 'difficulty',
    label: 'Difficulty',
    min: 5.5,
    numeric: true,
    cell: (r) => studied(r, () => `${Math.round(((r.difficulty - 1) / 9) * 100)}%`)
  },
  { id: 'stability', label: 'Stability', min: 5.25, numeric: true, cell: (r) => studied(r, () => formatInterval(r.stability * DAY_MS)) },
  {
    id: 'retrievability',
    label: 'Recall',
    min: 4.5,
    numeric: true,
    cell: (r, ctx) => studied(r, () => `${Math.round(ctx.retrievability(r) * 100)}%`)
  },
  { id: 'reviews', label: 'Reviews', min: 4.75, numeric: true, cell: (r) => String(r.reps) },
  { id: 'lapses', label: 'Lapses', min: 4.5, numeric: true, cell: (r) => String(r.lapses) },
  { id: 'created', label: 'Created', min: 7, cell: (r) => date(r.createdAt) }
]

/** The grid's column widths: text columns share what is left over, numbers keep their width. */
export const gridTemplate = (columns: readonly Column[]) =>
  columns.map((c) => (c.grow ? `minmax(${c.min}rem,${c.grow}fr)` : `${c.min}rem`)).join(' ')
/** Rows are never narrower than this: below it the grid scrolls sideways instead of squeezing columns. */
export const minWidthRem = (columns: readonly Column[]) => columns.reduce((sum, c) => sum + c.min, 0)

// The columns a narrow table gives up first: figures one looks up now and then before the deck
// and due date one scans by. The question and the answer always stay.
const HIDDEN_FIRST: SortColumn[] = ['lapses', 'stability', 'difficulty', 'reviews', 'created', 'interval', 'retrievability', 'due', 'deck']

/**
 * The columns that fit `widthRem`, in their usual order. The column the list is sorted by stays,
 * so its arrow is always in view; when even the fewest do not fit, the grid scrolls sideways.
 */
export function columnsThatFit(widthRem: number, sortedBy: SortColumn): Column[] {
  let shown = COLUMNS
  for (const id of HIDDEN_FIRST) {
    if (minWidthRem(shown) <= widthRem) break
    if (id !== sortedBy) shown = shown.filter((c) => c.id !== id)
  }
  return shown
}
