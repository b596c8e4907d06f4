import { ChartSection } from '@components/charts/ChartSection'
import { plural } from '@core/format'
import type { ReviewCalendar } from '@core/stats/review-calendar'
import type { Streaks } from '@core/stats/streaks'
import { agree } from '@shared/plural'
import { memo, useMemo } from 'react'

const CELL = 11
const STEP = 13
const TOP = 16
const LEFT = 26

/** Zero, then four shades of green up to the busiest day; each pair reads on its own background. */
const LEVELS = [
  'fill-slate-200 dark:fill-slate-700',
  'fill-green-200 dark:fill-green-900',
  'fill-green-400 dark:fill-green-700',
  'fill-green-600 dark:fill-green-500',
  'fill-green-800 dark:fill-green-300'
]

function levelOf(count: number, max: number): number {
  if (count === 0 || max === 0) return 0
  return Math.min(4, Math.ceil((count / max) * 4))
}

interface Cell {
  start: number
  x: number
  y: number
  level: string
  label: string
}

/**
 * The grid's cells and month labels, worked out once per calendar: one date and one number
 * format for the year's 365 labels (toLocaleDateString makes a formatter on every call, which
 * was a sixth of the screen's first render).
 */
function layOut(calendar: ReviewCalendar) {
  const dates = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' })
  const monthsOf = new Intl.DateTimeFormat(undefined, { month: 'short' })
  const numbers = new Intl.NumberFormat()
  const first = calendar.days[0]
  const offset = first ? (new Date(first.start).getDay() + 6) % 7 : 0
  const months: Array<{ column: number; label: string }> = []
  const cells: Cell[] = calendar.days.map((day, i) => {
    const date = new Date(day.start)
    const p = offset + i
    if (date.getDate() === 1) months.push({ column: Math.floor(p / 7), label: monthsOf.format(date) })
    return {
      start: day.start,
      x: LEFT + Math.floor(p / 7) * STEP,
      y: TOP + (p % 7) * STEP,
      level: LEVELS[levelOf(day.count, calendar.max)]!,
      label: `${dates.format(date)}: ${numbers.format(day.count)} ${agree(day.count, 'answer', 'answers')}`
    }
  })
  return { cells, months, columns: Math.ceil((offset + calendar.days.length) / 7) }
}

/** A year of study days as a 53 × 7 grid, weeks as columns starting on Monday, as on GitHub. */
export const ReviewCalendarPanel = memo(function ReviewCalendarPanel({
  calendar,
  streaks
}: {
  calendar: ReviewCalendar
  streaks: Streaks
}) {
  const { cells, months, columns } = useMemo(() => layOut(calendar), [calendar])
  const summary =
    `${plural(calendar.total, 'answer')} on ${plural(calendar.activeDays, 'day')} of the last ${calendar.days.length}. ` +
    `Current streak ${plural(streaks.current, 'day')}, longest ${plural(streaks.longest, 'day')}.`

  return (
    <ChartSection id="calendar" title="Review calendar" summary={summary}>
      <dl className="flex gap-6">
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">Current streak</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="streak-current">
            {plural(streaks.current, 'day')}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">Longest streak</dt>
          <dd className="text-2xl font-semibold tabular-nums">{plural(streaks.longest, 'day')}</dd>
        </div>
      </dl>
      <svg
        viewBox={`0 0 ${LEFT + columns * STEP} ${TOP + 7 * STEP}`}
        className="w-full max-w-3xl text-slate-600 dark:text-slate-400"
        role="img"
        aria-labelledby="calendar-summary"
        data-testid="calendar"
      >
        {months.map((m) => (
          <text key={`${m.column}-${m.label}`} x={LEFT + m.column * STEP} y={10} fontSize={9} fill="currentColor">
            {m.label}
          </text>
        ))}
        {['Mon', 'Wed', 'Fri'].map((label, i) => (
          <text key={label} x={0} y={TOP + (i * 2 + 1) * STEP - 3} fontSize={9} fill="currentColor">
            {label}
          </text>
        ))}
        {cells.map((cell) => (
          <rect key={cell.start} x={cell.x} y={cell.y} width={CELL} height={CELL} rx={2} className={cell.level} aria-label={cell.label}>
            <title>{cell.label}</title>
          </rect>
        ))}
      </svg>
      <p className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400" aria-hidden>
        Fewer
        {LEVELS.map((level) => (
          <svg key={level} width={CELL} height={CELL}>
            <rect width={CELL} height={CELL} rx={2} className={level} />
          </svg>
        ))}
        More (busiest day: {calendar.max})
      </p>
    </ChartSection>
  )
})
