import { FiguresTable } from '@components/charts/ChartSection'
import {
  axisProps,
  chartImage,
  chartStyle,
  ChartTooltip,
  COLOURS,
  cursorProps,
  gridProps,
  legendProps
} from '@components/charts/chart-parts'
import type { SimulatedDay } from '@core/exam-plan/schedule-simulation'
import { shortDate } from '@core/time/format'
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'

/** The simulated days until the exam: reviews and new cards a day if you keep studying as scheduled. */
export function StudyPlanChart({ plan, id }: { plan: SimulatedDay[]; id: string }) {
  const data = plan.map((d, i) => ({ label: i === 0 ? 'Today' : shortDate(d.start), reviews: d.reviews - d.newCards, fresh: d.newCards }))
  return (
    <div className="flex flex-col gap-2">
      <h3 id={`${id}-plan`} className="font-medium">
        Daily work until the exam, if you keep studying as scheduled
      </h3>
      <BarChart
        data={data}
        style={chartStyle(180)}
        responsive
        margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        {...chartImage(`${id}-plan`)}
      >
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" {...axisProps} interval="preserveStartEnd" minTickGap={24} />
        <YAxis allowDecimals={false} {...axisProps} />
        <Tooltip cursor={cursorProps} content={<ChartTooltip />} />
        <Legend {...legendProps} />
        <Bar dataKey="fresh" name="New cards" stackId="day" fill={COLOURS.blue} isAnimationActive={false} maxBarSize={48} />
        <Bar dataKey="reviews" name="Other answers" stackId="day" fill={COLOURS.green} isAnimationActive={false} maxBarSize={48} />
      </BarChart>
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">
          Show as a table
        </summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <FiguresTable
            caption="Daily work until the exam"
            head={['Day', 'New cards', 'Other answers']}
            rows={data.map((d) => [d.label, d.fresh, d.reviews])}
          />
        </div>
      </details>
    </div>
  )
}
