import { ChartSection, FiguresTable } from '@components/charts/ChartSection'
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
import { percent } from '@core/format'
import type { ButtonGroup, ButtonGroupSeries } from '@core/stats/answer-buttons'
import { ANSWER_BUTTON_DAYS } from '@core/stats/snapshot'
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'

const GROUPS: Record<ButtonGroup, string> = { learning: 'Learning', young: 'Young', mature: 'Mature' }
const BUTTONS = [
  { key: 'again', label: 'Again', colour: COLOURS.red },
  { key: 'hard', label: 'Hard', colour: COLOURS.amber },
  { key: 'good', label: 'Good', colour: COLOURS.green },
  { key: 'easy', label: 'Easy', colour: COLOURS.blue }
] as const

export function AnswerButtonsPanel({ series }: { series: ButtonGroupSeries[] }) {
  const data = series.map((s) => ({
    label: GROUPS[s.group],
    again: s.counts[0],
    hard: s.counts[1],
    good: s.counts[2],
    easy: s.counts[3],
    s
  }))
  const answered = series.filter((s) => s.total > 0)
  const summary =
    answered.length === 0
      ? `No answers in the last ${ANSWER_BUTTON_DAYS} days.`
      : `Last ${ANSWER_BUTTON_DAYS} days, share answered above Again: ` +
        answered.map((s) => `${GROUPS[s.group].toLowerCase()} cards ${percent(s.correct)} of ${s.total}`).join(', ') +
        '.'
  return (
    <ChartSection
      id="buttons"
      title="Answer buttons"
      summary={summary}
      table={
        <FiguresTable
          caption="Answer-button presses"
          head={['Cards', 'Again', 'Hard', 'Good', 'Easy', 'Correct']}
          rows={data.map((d) => [d.label, d.again, d.hard, d.good, d.easy, percent(d.s.correct)])}
        />
      }
    >
      <BarChart
        data={data}
        style={chartStyle(220)}
        responsive
        margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        {...chartImage('buttons-title buttons-summary')}
      >
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" {...axisProps} />
        <YAxis allowDecimals={false} {...axisProps} />
        <Tooltip cursor={cursorProps} content={<ChartTooltip />} />
        <Legend {...legendProps} />
        {BUTTONS.map((b) => (
          <Bar key={b.key} dataKey={b.key} name={b.label} fill={b.colour} isAnimationActive={false} maxBarSize={48} />
        ))}
      </BarChart>
    </ChartSection>
  )
}
