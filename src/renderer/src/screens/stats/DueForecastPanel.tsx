import { ChartSection, FiguresTable } from '@components/charts/ChartSection'
import { COLOURS } from '@components/charts/chart-parts'
import { PlainBarChart, type ChartSeries } from '@components/charts/PlainCharts'
import { plural } from '@core/format'
import type { DueForecast } from '@core/stats/due-forecast'
import { shortDate } from '@core/time/format'
import { actions } from '@store'
import { useMemo } from 'react'

const PERIODS = [30, 90] as const

export function DueForecastPanel({ forecast, days }: { forecast: DueForecast; days: 30 | 90 }) {
  const labels = useMemo(() => forecast.days.map((d, i) => (i === 0 ? 'Today' : shortDate(d.start))), [forecast])
  const series = useMemo<ChartSeries[]>(
    () => [{ key: 'due', name: 'Cards due', colour: COLOURS.green, values: forecast.days.map((d) => d.count) }],
    [forecast]
  )
  const summary =
    `${plural(forecast.total, 'card')} due in the next ${days} days` +
    `${forecast.overdue > 0 ? `, ${forecast.overdue} of them overdue today` : ''}; ${plural(forecast.later, 'card')} due later.`
  const controls = (
    <div
      role="group"
      aria-label="Forecast period"
      className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300 dark:ring-slate-600"
    >
      {PERIODS.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={days === p}
          onClick={() => actions().chooseForecastDays(p)}
          className="px-3 py-1 text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500 aria-pressed:bg-blue-600 aria-pressed:text-white dark:aria-pressed:bg-blue-500 dark:aria-pressed:text-slate-950"
        >
          {p} days
        </button>
      ))}
    </div>
  )
  return (
    <ChartSection
      id="forecast"
      title="Future due"
      summary={summary}
      controls={controls}
      table={
        <FiguresTable
          caption="Cards due per day"
          head={['Day', 'Due', 'Running total']}
          rows={forecast.days.map((d, i) => [labels[i]!, d.count, d.cumulative])}
        />
      }
    >
      {/* Two different averages, easily taken for one: say what each counts. */}
      <dl className="grid gap-3 sm:grid-cols-2">
        <div className="rounded-md bg-slate-100 p-3 dark:bg-slate-900">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Already due in these {days} days</dt>
          <dd>
            <span className="text-2xl font-semibold tabular-nums" data-testid="forecast-mean">
              {forecast.meanPerDay.toFixed(1)}
            </span>{' '}
            a day on average
          </dd>
          <dd className="text-sm text-slate-600 dark:text-slate-400">
            The reviews your cards have scheduled now, spread over the {days} days. New cards you start later come on top.
          </dd>
        </div>
        <div className="rounded-md bg-slate-100 p-3 dark:bg-slate-900">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Daily load</dt>
          <dd>
            about{' '}
            <span className="text-2xl font-semibold tabular-nums" data-testid="daily-load">
              {forecast.dailyLoad.toFixed(1)}
            </span>{' '}
            reviews a day
          </dd>
          <dd className="text-sm text-slate-600 dark:text-slate-400">
            The pace your studied cards keep up in the long run: each comes back once per interval (a 10-day interval counts 0.1 a day, a
            card still in learning 1), as Anki counts it.
          </dd>
        </div>
      </dl>
      <PlainBarChart labels={labels} series={series} height={220} minLabelGap={24} labelledBy="forecast-title forecast-summary" />
    </ChartSection>
  )
}
