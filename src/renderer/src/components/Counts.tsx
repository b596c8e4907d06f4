import type { QueueCounts } from '@core/scheduling/queue'

/** Anki's three numbers, in Anki's colours: new (blue), learning (red), due (green). */
export function Counts({ counts, emphasise }: { counts: QueueCounts; emphasise?: keyof QueueCounts }) {
  const item = (key: keyof QueueCounts, label: string, colour: string) => (
    <span
      className={`${colour} tabular-nums ${emphasise === key ? 'underline underline-offset-4' : ''}`}
      aria-label={`${counts[key]} ${label}`}
    >
      {counts[key]}
    </span>
  )
  return (
    <span className="inline-flex gap-3 font-semibold" data-testid="counts">
      {item('fresh', 'new', 'text-blue-600 dark:text-blue-400')}
      {item('learning', 'learning', 'text-red-600 dark:text-red-400')}
      {item('review', 'to review', 'text-green-700 dark:text-green-400')}
    </span>
  )
}
