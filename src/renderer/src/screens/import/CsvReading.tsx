import { inputClass } from '@components/FormField'
import { plural } from '@core/format'
import type { CsvChoice, CsvReading as Reading } from '@shared/deck/csv-reading'
import { agree, wasWere } from '@shared/plural'
import { actions } from '@store'
import { useId } from 'react'

const SEPARATORS: readonly [char: string, name: string][] = [
  [',', 'comma'],
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'pipe'],
  [':', 'colon'],
  [' ', 'space']
]
const FROM: Record<Reading['delimiterFrom'], string> = {
  file: 'as the file says',
  excel: 'as its sep= line says',
  format: 'by its file type',
  guess: 'guessed',
  choice: 'your choice'
}

const separatorName = (char: string) => SEPARATORS.find(([c]) => c === char)?.[1] ?? `“${char}”`

/** "comma-separated (guessed), first row taken as column names: Question, Answer." */
export function describeReading(csv: Reading): string {
  const names = csv.labels.filter(Boolean).join(', ')
  const header =
    csv.names === 'columns-line'
      ? `column names from its #columns line: ${names}`
      : csv.names === 'first-row'
        ? `first row taken as column names${csv.namesFrom === 'choice' ? ' (your choice)' : ''}: ${names}`
        : `no row of column names${csv.namesFrom === 'choice' ? ' (your choice)' : ''}`
  const columns = csv.labels.length === 1 ? '; only one column was found' : ''
  return `Read as ${separatorName(csv.delimiter)}-separated (${FROM[csv.delimiterFrom]}), ${header}${columns}.`
}

/**
 * How a CSV or TSV file was read, with the separator, the header row and the front and back
 * columns to change; a change reads the file again in the worker.
 */
export function CsvReading({ csv, disabled = false }: { csv: Reading; disabled?: boolean }) {
  const id = useId()
  const current: CsvChoice = {
    delimiter: csv.delimiter,
    ...(csv.names !== 'columns-line' ? { header: csv.names === 'first-row' } : {}),
    ...(csv.front !== undefined ? { front: csv.front } : {}),
    ...(csv.back !== undefined ? { back: csv.back } : {})
  }
  const reread = (choice: CsvChoice) => void actions().rereadImport(choice)
  const column = (i: number) => {
    const label = csv.labels[i]
    const sample = csv.sample[i]
    return `Column ${i + 1}${label ? `: ${label}` : sample ? ` (“${sample}”)` : ''}`
  }
  const separators = SEPARATORS.some(([c]) => c === csv.delimiter)
    ? SEPARATORS
    : [...SEPARATORS, [csv.delimiter, `“${csv.delimiter}”`] as const]
  const columnOptions = csv.labels.map((_, i) => (
    <option key={i} value={i}>
      {column(i)}
    </option>
  ))
  const field = 'flex flex-col gap-1 text-sm'
  return (
    <section
      aria-label="How the file was read"
      className="flex flex-col gap-2 rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-700"
      data-testid="csv-reading"
    >
      <p className="text-sm" data-testid="csv-reading-summary">
        {describeReading(csv)}
      </p>
      {csv.mended.length > 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300" data-testid="csv-reading-mended">
          {plural(csv.mended.length, 'row')} had more {separatorName(csv.delimiter)}s than the file has columns and{' '}
          {wasWere(csv.mended.length)} read as front and back again ({agree(csv.mended.length, 'line', 'lines')}{' '}
          {csv.mended.slice(0, 10).join(', ')}
          {csv.mended.length > 10 ? ', …' : ''}).
        </p>
      )}
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <label className={field} htmlFor={`${id}-separator`}>
          Separator
          <select
            id={`${id}-separator`}
            className={inputClass}
            value={csv.delimiter}
            disabled={disabled}
            onChange={(e) => reread({ delimiter: e.target.value, ...(current.header !== undefined ? { header: current.header } : {}) })}
          >
            {separators.map(([c, name]) => (
              <option key={name} value={c}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {csv.names !== 'columns-line' && (
          <label className={field} htmlFor={`${id}-header`}>
            First row
            <select
              id={`${id}-header`}
              className={inputClass}
              value={csv.names === 'first-row' ? 'names' : 'card'}
              disabled={disabled}
              onChange={(e) => reread({ ...current, header: e.target.value === 'names' })}
            >
              <option value="names">column names</option>
              <option value="card">a card</option>
            </select>
          </label>
        )}
        <label className={field} htmlFor={`${id}-front`}>
          Front
          <select
            id={`${id}-front`}
            className={inputClass}
            value={csv.front ?? ''}
            disabled={disabled || csv.labels.length < 2}
            onChange={(e) => {
              const front = Number(e.target.value)
              reread({ ...current, front, ...(front === csv.back && csv.front !== undefined ? { back: csv.front } : {}) })
            }}
          >
            {columnOptions}
          </select>
        </label>
        <label className={field} htmlFor={`${id}-back`}>
          Back
          <select
            id={`${id}-back`}
            className={inputClass}
            value={csv.back ?? ''}
            disabled={disabled || csv.labels.length < 2}
            onChange={(e) => {
              const back = Number(e.target.value)
              reread({ ...current, back, ...(back === csv.front && csv.back !== undefined ? { front: csv.back } : {}) })
            }}
          >
            {csv.back === undefined && <option value="">none</option>}
            {columnOptions}
          </select>
        </label>
      </div>
    </section>
  )
}
