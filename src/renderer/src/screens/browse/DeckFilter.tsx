import { Button } from '@components/Button'
import { actions, useRecall } from '@store'

/** Narrows the list to one deck; a built-in deck can be copied from here into the user's decks. */
export function DeckFilter() {
  const decks = useRecall((s) => s.browse.decks)
  const deckFilter = useRecall((s) => s.browse.deckFilter)
  const busy = useRecall((s) => s.browse.busy)
  const chosen = decks.find((d) => d.id === deckFilter)

  return (
    <div className="flex items-center gap-2">
      <select
        aria-label="Deck"
        value={deckFilter}
        onChange={(e) => void actions().setDeckFilter(e.target.value)}
        className="max-w-72 rounded-md bg-white px-2 py-2 text-sm ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-900 dark:ring-slate-600"
      >
        <option value="">All decks</option>
        {decks.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
            {d.origin === 'builtin' ? ' (built-in)' : ''}
          </option>
        ))}
      </select>
      {chosen && !chosen.editable && (
        <Button
          className="px-3! py-2! text-sm"
          disabled={busy}
          onClick={() => void actions().copyDeckToMine(chosen.id)}
          title="A deck of your own with the same cards, progress starting fresh"
        >
          Copy to my decks
        </Button>
      )}
    </div>
  )
}
