import { ChartSection, FiguresTable } from '@components/charts/ChartSection'
import { COLOURS } from '@components/charts/chart-parts'
import { PlainBarChart, type ChartSeries } from '@components/charts/PlainCharts'
import { percent } from '@core/format'
import type { ButtonGroup, ButtonGroupSeries } from '@core/stats/answer-buttons'
import { ANSWER_BUTTON_DAYS } from '@core/stats/snapshot'

const GROUPS: Record<ButtonGroup, string> = { learning: 'Learning', young: 'Young', mature: 'Mature' }
const BUTTONS = [
  { key: 'again', label: 'Again', colour: COLOURS.red },
  { key: 'hard', label: 'Hard', colour: COLOURS.amber },
  { key: 'good', label: 'Good', colour: COLOURS.green },
  { key: 'easy', label: 'Easy', colour: COLOURS.blue }
] as const

/** The chart's categories and one series of bars per button. */
function chartOf(series: ButtonGroupSeries[]): { labels: string[]; bars: ChartSeries[] } {
  return {
    labels: series.map((s) => GROUPS[s.group]),
    bars: BUTTONS.map((b, i) => ({ key: b.key, name: b.label, colour: b.colour, values: series.map((s) => s.counts[i] ?? 0) }))
  }
}

export function AnswerButtonsPanel({ series }: { series: ButtonGroupSeries[] }) {
  const data = series.map((s) => ({
    label: GROUPS[s.group],
    again: s.counts[0],
    hard: s.counts[1],
    good: s.counts[2],
    easy: s.counts[3],
    s
  }))
  const chart = chartOf(series) // the panel is memoised on `series`
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
      <PlainBarChart labels={chart.labels} series={chart.bars} height={220} legend labelledBy="buttons-title buttons-summary" />
    </ChartSection>
  )
}
