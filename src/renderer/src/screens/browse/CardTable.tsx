import { retrievabilityAt } from '@core/stats/retrievability'
import { columnsThatFit, gridTemplate, minWidthRem, type CellContext } from '@screens/browse/columns'
import { gestureOf, nextSelection } from '@screens/browse/selection'
import { PendingRow, ROW_HEIGHT, rowDomId, TableRow } from '@screens/browse/TableRow'
import { actions, useRecall } from '@store'
import { isSelected, SELECT_ALL, NO_SELECTION } from '@store/browse-selection'
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject
} from 'react'

const HEADER_HEIGHT = 36

/** The grid's inner width in rem, followed as the window or the editor beside it changes. */
function useWidthRem(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(Infinity)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
      setWidth(element.clientWidth / rem)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return width
}

/**
 * The results as an ARIA grid. Only the rows in view (and a few either side) are in the DOM, and
 * only their cards are read: the store holds the keys of all the results and asks IndexedDB for
 * the rows the list reports it shows (a row not read yet is drawn empty for that moment). The grid
 * itself holds the keyboard focus and points at the focused row with aria-activedescendant; moving
 * the focus scrolls that row into view, so it is always rendered.
 */
export function CardTable({
  onOpen,
  onDelete,
  gridRef
}: {
  onOpen: (id: string) => void
  onDelete: () => void
  gridRef: RefObject<HTMLDivElement | null>
}) {
  const results = useRecall((s) => s.browse.results)
  const rows = useRecall((s) => s.browse.rows)
  const selected = useRecall((s) => s.browse.selected)
  const focusedId = useRecall((s) => s.browse.focusedId)
  const sort = useRecall((s) => s.browse.sort)
  const decks = useRecall((s) => s.browse.decks)
  const view = useRecall((s) => s.browse.view)
  // A search asked for while the worker still reads every card waits for it.
  const loading = useRecall((s) => s.browse.status === 'loading')
  const anchor = useRef<string | undefined>(undefined)
  // A narrow window shows fewer columns rather than cutting the table off at its edge.
  const widthRem = useWidthRem(gridRef)
  const columns = useMemo(() => columnsThatFit(widthRem, sort.column), [widthRem, sort.column])
  const template = useMemo(() => gridTemplate(columns), [columns])
  const minWidth = `${minWidthRem(columns)}rem`

  const ctx = useMemo<CellContext>(() => {
    const names = new Map(decks.map((d) => [d.id, d.name]))
    return {
      now: view.now,
      deckName: (id) => names.get(id) ?? id,
      retrievability: (row) => retrievabilityAt(row, view.now, view.weights[row.deckId])
    }
  }, [decks, view])

  const focusedIndex = useMemo(() => (focusedId ? results.indexOf(focusedId) : -1), [results, focusedId])

  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // The focused row stays rendered when scrolled away, so aria-activedescendant always points at something.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range)
      return focusedIndex < 0 || indexes.includes(focusedIndex) ? indexes : [...indexes, focusedIndex].sort((a, b) => a - b)
    }
  })
  const indexOf = (id: string | undefined) => (id ? results.indexOf(id) : -1)

  // The rows in view (and the focused one) are the ones the store reads.
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = (items.at(-1)?.index ?? -1) + 1
  useEffect(() => {
    void actions().showRows(first, last)
  }, [first, last, results])

  function moveTo(index: number, extend: boolean) {
    const target = Math.max(0, Math.min(results.length - 1, index))
    const id = results.at(target)
    if (id === undefined) return
    if (extend) {
      anchor.current ??= focusedId ?? id
      actions().setSelection(nextSelection(results, selected, 'range', target, indexOf(anchor.current)), id)
    } else {
      // A plain move sets where the next Shift+arrow run starts, as in a file list.
      anchor.current = id
      actions().focusRow(id)
    }
    virtualizer.scrollToIndex(target, { align: 'auto' })
  }

  // Rows are memoised, so their click handler must not change with every selection: it reads
  // the latest results and selection from a ref.
  const latest = useRef({ results, selected })
  latest.current = { results, selected }
  const pick = useCallback((index: number, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => {
    const { results, selected } = latest.current
    const id = results.at(index)
    if (id === undefined) return
    const gesture = gestureOf(event)
    const anchorIndex = anchor.current ? results.indexOf(anchor.current) : -1
    actions().setSelection(nextSelection(results, selected, gesture, index, anchorIndex), id)
    if (gesture !== 'range') anchor.current = id
  }, [])
  const onRowPick = useCallback(
    (index: number, event: MouseEvent) => {
      gridRef.current?.focus({ preventScroll: true })
      pick(index, event)
    },
    [gridRef, pick]
  )

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return
    const page = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2)
    const ctrl = event.ctrlKey || event.metaKey
    const handled = () => event.preventDefault()
    switch (event.key) {
      case 'ArrowDown':
        return (handled(), moveTo(focusedIndex + 1, event.shiftKey))
      case 'ArrowUp':
        return (handled(), moveTo(focusedIndex < 0 ? 0 : focusedIndex - 1, event.shiftKey))
      case 'PageDown':
        return (handled(), moveTo(focusedIndex + page, event.shiftKey))
      case 'PageUp':
        return (handled(), moveTo(focusedIndex - page, event.shiftKey))
      case 'Home':
        return (handled(), moveTo(0, event.shiftKey))
      case 'End':
        return (handled(), moveTo(results.length - 1, event.shiftKey))
      case ' ':
        return (handled(), focusedIndex >= 0 && pick(focusedIndex, { shiftKey: false, ctrlKey: true, metaKey: false }))
      case 'Enter':
        return (handled(), focusedId && onOpen(focusedId))
      case 'Delete':
        return (handled(), onDelete())
      case 'Escape':
        if (selected.all || selected.ids.size > 0) {
          handled()
          actions().setSelection(NO_SELECTION)
        }
        return
    }
    if (ctrl && event.key.toLowerCase() === 'a') {
      handled()
      actions().setSelection(SELECT_ALL)
    }
  }

  return (
    <div
      ref={gridRef}
      role="grid"
      tabIndex={0}
      aria-label="Cards"
      aria-rowcount={results.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-activedescendant={focusedIndex >= 0 ? rowDomId(focusedIndex) : undefined}
      onKeyDown={onKeyDown}
      onFocus={(e) => e.target === e.currentTarget && focusedIndex < 0 && results.length > 0 && actions().focusRow(results.at(0)!)}
      className="group/grid relative min-h-0 flex-1 overflow-auto contain-size rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-800 dark:ring-slate-700"
    >
      <div role="rowgroup" className="sticky top-0 z-10" style={{ minWidth }}>
        <div
          role="row"
          aria-rowindex={1}
          className="grid border-b border-slate-200 bg-slate-100 dark:border-slate-700 dark:bg-slate-900"
          style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
        >
          {columns.map((column) => {
            const active = sort.column === column.id
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                className="flex items-stretch"
              >
                <button
                  type="button"
                  onClick={() => void actions().sortBrowse(column.id)}
                  className={`flex w-full items-center gap-1 px-2 font-semibold hover:bg-slate-200 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500 dark:hover:bg-slate-800 ${column.numeric ? 'justify-end' : ''}`}
                >
                  {column.label}
                  <span aria-hidden="true" className="text-xs text-slate-500 dark:text-slate-400">
                    {active ? (sort.descending ? '▼' : '▲') : ''}
                  </span>
                </button>
              </div>
            )
          })}
        </div>
      </div>
      <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        {items.map((item) => {
          const id = results.at(item.index)!
          const row = rows.get(id)
          const top = item.start - HEADER_HEIGHT
          if (!row) return <PendingRow key={id} index={item.index} top={top} />
          return (
            <TableRow
              key={id}
              row={row}
              index={item.index}
              top={top}
              selected={isSelected(selected, id)}
              focused={item.index === focusedIndex}
              ctx={ctx}
              columns={columns}
              template={template}
              onPick={onRowPick}
              onOpen={onOpen}
            />
          )
        })}
      </div>
      {results.length === 0 && (
        <p className="p-6 text-center text-slate-500 dark:text-slate-400">{loading ? 'Searching…' : 'No cards match this search.'}</p>
      )}
    </div>
  )
}
