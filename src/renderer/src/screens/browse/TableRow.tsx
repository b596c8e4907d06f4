import { type BrowseRow, Queue } from '@core/model'
import type { CellContext, Column } from '@screens/browse/columns'
import { memo, type MouseEvent } from 'react'

export const ROW_HEIGHT = 32
const FLAG_COLOURS = ['', 'bg-red-500', 'bg-orange-400', 'bg-green-500', 'bg-blue-500', 'bg-pink-400', 'bg-teal-400', 'bg-purple-500']

export const rowDomId = (index: number) => `browse-row-${index}`

interface RowProps {
  row: BrowseRow
  index: number
  /** Pixels from the top of the list. */
  top: number
  selected: boolean
  focused: boolean
  ctx: CellContext
  /** The columns shown, and their grid template (the same for every row, so memoised rows keep). */
  columns: readonly Column[]
  template: string
  onPick: (index: number, event: MouseEvent) => void
  onOpen: (id: string) => void
}

/**
 * One row of the grid. Memoised: while scrolling, rows already on screen are not rendered again,
 * only the ones coming into view.
 */
export const TableRow = memo(function TableRow({ row, index, top, selected, focused, ctx, columns, template, onPick, onOpen }: RowProps) {
  const muted =
    row.queue === Queue.Suspended
      ? 'bg-amber-50 dark:bg-amber-950/60'
      : row.queue === Queue.Buried
        ? 'text-slate-500 dark:text-slate-400'
        : ''
  return (
    <div
      id={rowDomId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="browse-row"
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={(e) => onPick(index, e)}
      onDoubleClick={() => onOpen(row.id)}
      className={`absolute left-0 grid w-full cursor-default items-center border-b border-slate-100 dark:border-slate-700/60 ${muted} ${
        selected ? 'bg-blue-100! dark:bg-blue-900/70!' : 'hover:bg-slate-50 dark:hover:bg-slate-700/40'
      } ${focused ? 'outline-2 -outline-offset-2 outline-slate-400 group-focus-visible/grid:outline-blue-500 dark:outline-slate-500' : ''}`}
      style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      {columns.map((column, c) => (
        <div
          key={column.id}
          role="gridcell"
          data-column={column.id}
          className={`flex min-w-0 items-center gap-1.5 overflow-hidden px-2 ${column.numeric ? 'justify-end tabular-nums' : ''}`}
        >
          {c === 0 && row.flag ? (
            <span className={`size-2 shrink-0 rounded-full ${FLAG_COLOURS[row.flag]}`} role="img" aria-label={`Flag ${row.flag}`} />
          ) : null}
          <span className="truncate">{column.cell(row, ctx)}</span>
        </div>
      ))}
    </div>
  )
})

/** A row whose card is still being read (the list scrolled faster than IndexedDB answered): its place, empty. */
export const PendingRow = memo(function PendingRow({ index, top }: { index: number; top: number }) {
  return (
    <div
      id={rowDomId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      data-testid="browse-row"
      className="absolute left-0 w-full border-b border-slate-100 dark:border-slate-700/60"
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    />
  )
})
