import type { QueueCounts } from '@core/scheduling/queue'

const ITEMS: Array<{ key: keyof QueueCounts; label: string; colour: string }> = [
  { key: 'fresh', label: 'new', colour: 'text-blue-600 dark:text-blue-400' },
  { key: 'learning', label: 'learning', colour: 'text-red-600 dark:text-red-400' },
  { key: 'review', label: 'to review', colour: 'text-green-700 dark:text-green-400' }
]

/** "20 new, 0 learning, 3 to review", and which of them the card on screen comes from. */
function countsLabel(counts: QueueCounts, emphasise?: keyof QueueCounts): string {
  const text = ITEMS.map((item) => `${counts[item.key]} ${item.label}`).join(', ')
  const from = ITEMS.find((item) => item.key === emphasise)
  return from ? `${text}; this card is ${from.label === 'to review' ? 'a review' : from.label}` : text
}

/**
 * Anki's three numbers, in Anki's colours: new (blue), learning (red), due (green). Read as one
 * picture with words ("20 new, 0 learning, 0 to review"): bare numbers, or an `aria-label` on a
 * span without a role, which screen readers ignore, would be read as "20 0 0".
 */
export function Counts({ counts, emphasise }: { counts: QueueCounts; emphasise?: keyof QueueCounts }) {
  return (
    <span role="img" aria-label={countsLabel(counts, emphasise)} className="inline-flex gap-3 font-semibold" data-testid="counts">
      {ITEMS.map((item) => (
        <span key={item.key} className={`${item.colour} tabular-nums ${emphasise === item.key ? 'underline underline-offset-4' : ''}`}>
          {counts[item.key]}
        </span>
      ))}
    </span>
  )
}
