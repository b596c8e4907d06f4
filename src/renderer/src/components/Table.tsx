import type { ReactNode } from 'react'

export interface TableColumn<T> {
  header: string
  cell: (row: T) => ReactNode
  /** The column that names the row (a `th` for screen readers). */
  rowHeader?: boolean
  className?: string | ((row: T) => string)
}

interface Props<T> {
  columns: TableColumn<T>[]
  rows: readonly T[]
  rowKey: (row: T, index: number) => string | number
  /** A caption for screen readers, or the id of the heading that names the table. */
  caption?: string
  labelledBy?: string
  testId?: string
}

/** The app's tables of figures: a header row, thin rules between rows, tabular numbers. */
export function Table<T>({ columns, rows, rowKey, caption, labelledBy, testId }: Props<T>) {
  const classOf = (c: TableColumn<T>, row: T) => (typeof c.className === 'function' ? c.className(row) : (c.className ?? ''))
  return (
    <table className="w-full text-left text-sm tabular-nums" aria-labelledby={labelledBy} data-testid={testId}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col" className="pr-3 pb-1 font-medium">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)} className="border-t border-slate-200 dark:border-slate-700">
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.header} scope="row" className={`py-1 pr-3 font-normal ${classOf(c, row)}`}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.header} className={`py-1 pr-3 ${classOf(c, row)}`}>
                  {c.cell(row)}
                </td>
              )
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
