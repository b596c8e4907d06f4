import { ChartSection, FiguresTable } from '@components/charts/ChartSection'
import { COLOURS } from '@components/charts/chart-parts'
import { PlainLineChart, type ChartSeries } from '@components/charts/PlainCharts'
import { percent } from '@core/format'
import type { RetentionCell, RetentionPeriod } from '@core/stats/retention-table'
import type { RetentionView } from '@core/stats/snapshot'
import { monthName } from '@core/time/format'
import { useMemo } from 'react'

const PERIODS: Array<[RetentionPeriod, string]> = [
  ['today', 'Today'],
  ['yesterday', 'Yesterday'],
  ['last7Days', 'Last 7 days'],
  ['last30Days', 'Last 30 days'],
  ['last365Days', 'Last 365 days'],
  ['allTime', 'All time']
]

const cellText = (c: RetentionCell) => (c.rate === null ? '—' : `${percent(c.rate, 1)} (${c.passed}/${c.passed + c.failed})`)

/** Anki's true retention: of the reviews of cards already learnt, how many were remembered. */
export function RetentionPanel({ retention }: { retention: RetentionView }) {
  const month = retention.table.last30Days.total
  const summary =
    month.rate === null
      ? 'No reviews of learnt cards in the last 30 days yet: retention appears once cards come back for review.'
      : `In the last 30 days you remembered ${percent(month.rate, 1)} of the cards you reviewed (${month.passed} of ${month.passed + month.failed}). ` +
        `Young cards have an interval under 21 days, mature ones 21 days or more.`
  const months = retention.months.map((m) => ({
    label: monthName(m.year, m.month),
    young: m.young.rate === null ? null : m.young.rate * 100,
    mature: m.mature.rate === null ? null : m.mature.rate * 100,
    total: m.total.rate === null ? null : m.total.rate * 100,
    row: m
  }))
  const labels = useMemo(() => months.map((m) => m.label), [retention]) // eslint-disable-line react-hooks/exhaustive-deps
  const lines = useMemo<ChartSeries[]>(
    () => [
      { key: 'young', name: 'Young', colour: COLOURS.teal, values: months.map((m) => m.young) },
      { key: 'mature', name: 'Mature', colour: COLOURS.purple, values: months.map((m) => m.mature) },
      { key: 'total', name: 'Total', colour: COLOURS.blue, values: months.map((m) => m.total) }
    ],
    [retention] // eslint-disable-line react-hooks/exhaustive-deps
  )
  return (
    <ChartSection
      id="retention"
      title="True retention"
      summary={summary}
      // The panel opens on a table already (by period): this one is the chart's, by month.
      tableLabel="Show the months as a table"
      table={
        <FiguresTable
          caption="True retention by month"
          head={['Month', 'Young', 'Mature', 'Total']}
          rows={months.map((m) => [m.label, cellText(m.row.young), cellText(m.row.mature), cellText(m.row.total)])}
        />
      }
    >
      <table className="w-full text-left text-sm tabular-nums" data-testid="retention-table">
        <caption className="sr-only">True retention by period: share of reviews passed (passed/reviewed)</caption>
        <thead>
          <tr>
            {['Period', 'Young', 'Mature', 'Total'].map((h) => (
              <th key={h} scope="col" className="pr-3 pb-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PERIODS.map(([key, label]) => {
            const row = retention.table[key]
            return (
              <tr key={key} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {label}
                </th>
                <td className="pr-3">{cellText(row.young)}</td>
                <td className="pr-3">{cellText(row.mature)}</td>
                <td className="pr-3 font-medium">{cellText(row.total)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {months.length > 0 && (
        <>
          <h3 id="retention-months" className="text-sm font-medium">
            By month
          </h3>
          <PlainLineChart
            labels={labels}
            series={lines}
            height={200}
            domainTop={100}
            unit="%"
            legend
            format={(v) => `${v.toFixed(1)}%`}
            labelledBy="retention-title retention-months"
          />
        </>
      )}
    </ChartSection>
  )
}
