import type { ReactNode } from 'react'

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
  children
}: {
  id: string
  title: string
  summary: ReactNode
  controls?: ReactNode
  table?: ReactNode
  children?: ReactNode
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
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
      {table && (
        <details className="text-sm">
          <summary className="cursor-pointer rounded text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">Show as a table</summary>
          <div className="mt-2 max-h-80 overflow-auto">{table}</div>
        </details>
      )}
    </section>
  )
}

/** A plain table for a chart's figures: the first column names the row. */
export function FiguresTable({ caption, head, rows }: { caption: string; head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <table className="w-full text-left tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className="pr-3 pb-1 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([first, ...rest], i) => (
          <tr key={i} className="border-t border-slate-200 dark:border-slate-700">
            <th scope="row" className="py-0.5 pr-3 font-normal">
              {first}
            </th>
            {rest.map((cell, j) => (
              <td key={j} className="pr-3">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
