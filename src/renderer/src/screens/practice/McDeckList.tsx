import { Counts } from '@components/Counts'
import { hintClass } from '@screens/practice/form'
import { PracticePanel } from '@screens/practice/PracticePanel'
import { actions, useRecall } from '@store'

/** Each deck's reviews for today, to answer as multiple choice instead of by flipping cards. */
export function McDeckList() {
  const decks = useRecall((s) => s.library.decks)
  const loading = useRecall((s) => s.library.status === 'loading')
  return (
    <PracticePanel
      id="mc"
      title="Multiple choice"
      hint={
        <>
          Today’s cards of a deck, each with four answers to pick from (1–4 or A–D), in both directions. A wrong pick counts as Again and a
          right one as Good (H for Hard, E for Easy), and FSRS schedules the card as in normal study.
        </>
      }
    >
      {decks.length === 0 ? (
        <p className={hintClass} aria-live="polite">
          {loading ? 'Loading decks…' : 'No decks yet.'}
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 dark:divide-slate-700">
          {decks.map((deck) => {
            const waiting = deck.counts.fresh + deck.counts.learning + deck.counts.review
            return (
              <li key={deck.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="min-w-0 flex-1 font-medium">{deck.name}</span>
                {waiting === 0 ? <span className={hintClass}>nothing due today</span> : <Counts counts={deck.counts} />}
                <button
                  type="button"
                  onClick={() => void actions().startMcStudy(deck.id)}
                  className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-700"
                >
                  {/* The deck's name is in the button's name for screen readers, and in the row for everyone. */}
                  Study <span className="sr-only">{deck.name} </span>as multiple choice
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </PracticePanel>
  )
}
