import { FiguresTable } from '@components/charts/ChartSection'
import { axisProps, chartImage, chartStyle, ChartTooltip, COLOURS, gridProps, legendProps } from '@components/charts/chart-parts'
import { percent } from '@core/format'
import type { WorkloadLine, WorkloadSweep } from '@core/simulation/optimal-retention'
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'

/** At most this many points a line: a ten-year run is drawn by weeks rather than by days. */
const MAX_POINTS = 400

const pct = (retention: number) => `${Math.round(retention * 100)}%`

/** The simulator's two charts: work and recall against desired retention, and day by day. */
export function WorkloadCharts({ sweep, days }: { sweep: WorkloadSweep; days: number }) {
  const curve = sweep.outcomes.map((o) => ({
    label: pct(o.retention),
    minutes: Number(o.minutesPerDay.toFixed(1)),
    reviews: Number(o.reviewsPerDay.toFixed(1)),
    remembered: Math.round(o.memorizedAtEnd)
  }))
  const [own, cmrrLine] = sweep.lines
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <h3 id="workload-curve" className="font-medium">
          Minutes a day and cards remembered after {days} days, by desired retention
        </h3>
        <LineChart
          data={curve}
          style={chartStyle(220)}
          responsive
          margin={{ top: 16, right: 8, bottom: 0, left: -8 }}
          {...chartImage('workload-curve')}
        >
          <CartesianGrid {...gridProps} />
          <XAxis dataKey="label" {...axisProps} interval="preserveStartEnd" minTickGap={16} />
          <YAxis yAxisId="minutes" {...axisProps} />
          <YAxis yAxisId="remembered" orientation="right" {...axisProps} />
          <Tooltip content={<ChartTooltip />} />
          <Legend {...legendProps} />
          {sweep.cmrr !== null && (
            <ReferenceLine
              yAxisId="minutes"
              x={pct(sweep.cmrr)}
              stroke={COLOURS.purple}
              strokeDasharray="4 3"
              label={{ value: `minimum recommended ${pct(sweep.cmrr)}`, position: 'insideTopLeft', fill: 'currentColor', fontSize: 12 }}
            />
          )}
          {own && own.retention !== sweep.cmrr && own.retention <= 0.97 && (
            <ReferenceLine yAxisId="minutes" x={pct(own.retention)} stroke={COLOURS.slate} strokeDasharray="2 3" />
          )}
          <Line yAxisId="minutes" dataKey="minutes" name="Minutes a day" stroke={COLOURS.blue} dot={false} isAnimationActive={false} />
          <Line
            yAxisId="remembered"
            dataKey="remembered"
            name="Cards remembered at the end"
            stroke={COLOURS.green}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
        <details className="text-sm">
          <summary className="cursor-pointer rounded text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">
            Show as a table
          </summary>
          <div className="mt-2 max-h-80 overflow-auto">
            <FiguresTable
              caption="Simulated workload by desired retention"
              head={['Desired retention', 'Reviews a day', 'Minutes a day', 'Cards remembered', 'Seconds per card remembered']}
              rows={sweep.outcomes.map((o) => [
                `${percent(o.retention)}${o.retention === sweep.cmrr ? ' (minimum recommended)' : ''}`,
                o.reviewsPerDay.toFixed(1),
                o.minutesPerDay.toFixed(1),
                Math.round(o.memorizedAtEnd),
                Number.isFinite(o.secondsPerMemorized) ? o.secondsPerMemorized.toFixed(1) : '—'
              ])}
            />
          </div>
        </details>
      </div>
      {own && <DayByDay lines={cmrrLine ? [own, cmrrLine] : [own]} cmrr={sweep.cmrr} />}
    </div>
  )
}

const LINE_COLOURS = [COLOURS.blue, COLOURS.purple]

/** Reviews a day and cards remembered, day by day, at your retention and at the minimum recommended one. */
function DayByDay({ lines, cmrr }: { lines: WorkloadLine[]; cmrr: number | null }) {
  const days = lines[0]!.days.length
  const step = Math.ceil(days / MAX_POINTS)
  const name = (line: WorkloadLine) => `${pct(line.retention)}${line.retention === cmrr ? ' (minimum recommended)' : ''}`
  const data: Array<Record<string, number | string>> = []
  for (let from = 0; from < days; from += step) {
    const point: Record<string, number | string> = {
      label: step === 1 ? `Day ${from + 1}` : `Days ${from + 1}–${Math.min(from + step, days)}`
    }
    lines.forEach((line, i) => {
      const span = line.days.slice(from, from + step)
      point[`reviews${i}`] = Number((span.reduce((sum, d) => sum + d.reviews, 0) / span.length).toFixed(1))
      point[`remembered${i}`] = Math.round(span.at(-1)!.memorized)
    })
    data.push(point)
  }
  const chart = (key: 'reviews' | 'remembered', title: string, id: string) => (
    <div className="flex flex-col gap-2">
      <h3 id={id} className="font-medium">
        {title}
      </h3>
      <LineChart data={data} style={chartStyle(180)} responsive margin={{ top: 8, right: 8, bottom: 0, left: -8 }} {...chartImage(id)}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" {...axisProps} interval="preserveStartEnd" minTickGap={32} />
        <YAxis {...axisProps} />
        <Tooltip content={<ChartTooltip />} />
        <Legend {...legendProps} />
        {lines.map((line, i) => (
          <Line
            key={line.retention}
            dataKey={`${key}${i}`}
            name={name(line)}
            stroke={LINE_COLOURS[i]}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  )
  return (
    <>
      {chart('reviews', step === 1 ? 'Reviews a day' : `Reviews a day (mean of ${step} days)`, 'workload-reviews')}
      {chart('remembered', 'Cards remembered (sum of each card’s recall)', 'workload-remembered')}
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">
          Show day by day as a table
        </summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <FiguresTable
            caption="Simulated days"
            head={['Day', ...lines.flatMap((l) => [`Reviews at ${name(l)}`, `Remembered at ${name(l)}`])]}
            rows={data.map((p) => [String(p.label), ...lines.flatMap((_, i) => [p[`reviews${i}`]!, p[`remembered${i}`]!])])}
          />
        </div>
      </details>
    </>
  )
}
