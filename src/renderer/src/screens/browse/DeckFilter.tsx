import { DeckSelect } from '@components/DeckSelect'
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
      <DeckSelect
        aria-label="Deck"
        decks={decks}
        value={deckFilter}
        onChoose={(id) => void actions().setDeckFilter(id)}
        all={{ value: '', label: 'All decks' }}
        markBuiltIn
        className="max-w-60 text-sm"
      />
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
