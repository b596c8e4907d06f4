import { Table } from '@components/Table'
import { useState, type ReactNode } from 'react'

/**
 * The frame of every chart: a heading, a one-line summary that says what the chart shows (read by
 * screen readers and useful to everyone), the chart, and its figures as a table on request.
 */
export function ChartSection({
  id,
  title,
  summary,
  controls,
  table,
  tableLabel = 'Show as a table',
  children
}: {
  id: string
  title: string
  summary: ReactNode
  controls?: ReactNode
  table?: ReactNode
  /** What the disclosure says, where "as a table" alone would not say which figures it shows. */
  tableLabel?: string
  children?: ReactNode
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {controls}
      </div>
      <p id={`${id}-summary`} className="text-sm text-slate-700 dark:text-slate-300">
        {summary}
      </p>
      {children}
      {table && <TableDisclosure label={tableLabel}>{table}</TableDisclosure>}
    </section>
  )
}

/**
 * The figures as a table, behind a disclosure: rendered only once opened, so that the screen's
 * opening does not build (hidden) rows for every chart, a few hundred at once.
 */
function TableDisclosure({ label, children }: { label: string; children: ReactNode }) {
  const [opened, setOpened] = useState(false)
  return (
    <details className="text-sm" onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary className="cursor-pointer rounded text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">
        {label}
      </summary>
      {opened && <div className="mt-2 max-h-80 overflow-auto">{children}</div>}
    </details>
  )
}

/** A plain table for a chart's figures: the first column names the row. */
export function FiguresTable({ caption, head, rows }: { caption: string; head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <Table<Array<string | number>>
      caption={caption}
      rows={rows}
      rowKey={(_, i) => i}
      columns={head.map((header, i) => ({ header, rowHeader: i === 0, cell: (row) => row[i] }))}
    />
  )
}
