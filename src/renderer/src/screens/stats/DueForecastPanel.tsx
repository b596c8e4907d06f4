import { ChartSection, FiguresTable } from '@components/charts/ChartSection'
import { axisProps, chartStyle, ChartTooltip, COLOURS, cursorProps, gridProps } from '@components/charts/chart-parts'
import { plural } from '@core/format'
import type { DueForecast } from '@core/stats/due-forecast'
import { shortDate } from '@core/time/format'
import { actions } from '@store'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'

const PERIODS = [30, 90] as const

export function DueForecastPanel({ forecast, days }: { forecast: DueForecast; days: 30 | 90 }) {
  const data = forecast.days.map((d, i) => ({ label: i === 0 ? 'Today' : shortDate(d.start), due: d.count }))
  const summary =
    `${plural(forecast.total, 'card')} due in the next ${days} days, ${forecast.meanPerDay.toFixed(1)} a day on average` +
    `${forecast.overdue > 0 ? `, ${forecast.overdue} of them overdue today` : ''}; ${plural(forecast.later, 'card')} due later. ` +
    `Daily load: about ${forecast.dailyLoad.toFixed(1)} reviews a day in the long run.`
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
          rows={forecast.days.map((d, i) => [data[i]!.label, d.count, d.cumulative])}
        />
      }
    >
      <BarChart data={data} style={chartStyle(220)} responsive margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" {...axisProps} interval="preserveStartEnd" minTickGap={24} />
        <YAxis allowDecimals={false} {...axisProps} />
        <Tooltip cursor={cursorProps} content={<ChartTooltip />} />
        <Bar dataKey="due" name="Cards due" fill={COLOURS.green} isAnimationActive={false} maxBarSize={48} />
      </BarChart>
    </ChartSection>
  )
}
