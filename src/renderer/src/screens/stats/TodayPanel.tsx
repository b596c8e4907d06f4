import { ChartSection } from '@components/charts/ChartSection'
import { percent, plural } from '@core/format'
import type { TodaySummary } from '@core/stats/today'
import { duration } from '@core/time/format'

export function TodayPanel({ today }: { today: TodaySummary }) {
  const summary =
    today.reviews === 0
      ? 'Nothing studied yet today.'
      : `Studied ${plural(today.cards, 'card')} today in ${duration(today.timeMs)}, with ${plural(today.reviews, 'answer')}; ` +
        `Again was pressed ${percent(today.againRate)} of the time.`
  const figures: Array<[string, string, string]> = [
    ['Cards studied', String(today.cards), 'today-cards'],
    ['Answers', String(today.reviews), 'today-reviews'],
    ['Time spent', duration(today.timeMs), 'today-time'],
    ['Again rate', percent(today.againRate), 'today-again']
  ]
  return (
    <ChartSection id="today" title="Today" summary={summary}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([label, value, testId]) => (
          <div key={label} className="rounded-md bg-slate-100 p-3 dark:bg-slate-900">
            <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </ChartSection>
  )
}
