import { Counts } from '@components/Counts'
import { plural } from '@core/format'
import type { DeckSummary } from '@store/library-slice'

export function DeckRow({
  deck,
  onStudy,
  onOptions,
  onDetails,
  autoFocus
}: {
  deck: DeckSummary
  onStudy: () => void
  onOptions: () => void
  onDetails: () => void
  autoFocus?: boolean
}) {
  const { fresh, learning, review } = deck.counts
  const waiting = fresh + learning + review
  return (
    <li className="flex items-center gap-4 px-4 py-3">
      <div className="min-w-0 flex-1">
        <button
          type="button"
          autoFocus={autoFocus}
          onClick={onStudy}
          className="rounded text-left text-lg font-semibold hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500"
          aria-label={`Study ${deck.name}: ${fresh} new, ${learning} learning, ${review} to review`}
        >
          {deck.name}
        </button>
        {deck.description && <p className="truncate text-sm text-slate-600 dark:text-slate-400">{deck.description}</p>}
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {plural(deck.cardCount, 'card')} · {deck.origin === 'builtin' ? 'built-in' : 'your deck'}
          {waiting === 0 ? ' · nothing due today' : ''}
        </p>
      </div>
      <Counts counts={deck.counts} />
      <button
        type="button"
        onClick={onOptions}
        aria-label={`Options for ${deck.name}`}
        title="Deck options"
        className="rounded p-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-700"
      >
        ⚙
      </button>
      <button
        type="button"
        onClick={onDetails}
        aria-label={`Details, export and more for ${deck.name}`}
        title="Details and export"
        className="rounded p-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-700"
      >
        ⋯
      </button>
    </li>
  )
}
