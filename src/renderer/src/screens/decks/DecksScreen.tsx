import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { lazyPart, LazyView } from '@components/LazyPart'
import { pickDeckFile } from '@components/use-import-triggers'
import { DeckRow } from '@screens/decks/DeckRow'
import { formatProblem } from '@shared/deck/problems'
import { actions, useRecall } from '@store'

// A deck's details dialog (rename, export, delete) is fetched the first time one opens.
const deckAdmin = lazyPart(() => import('@screens/decks/DeckAdminDialog'), 'DeckAdminDialog')

export function DecksScreen() {
  const library = useRecall((s) => s.library)
  // Keyed by deck so the dialog's form starts from that deck's name.
  const adminDeckId = useRecall((s) => s.deckAdmin?.deckId)
  return (
    <main className="flex flex-col gap-6" aria-labelledby="decks-title">
      <header className="flex items-baseline justify-between">
        <h1 id="decks-title" className="text-2xl font-bold">
          Decks
        </h1>
        <span className="text-sm text-slate-500 dark:text-slate-400">
          <span className="text-blue-600 dark:text-blue-400">new</span> · <span className="text-red-600 dark:text-red-400">learning</span> ·{' '}
          <span className="text-green-700 dark:text-green-400">due</span>
        </span>
        <span className="flex gap-2">
          <Button
            onClick={pickDeckFile}
            aria-keyshortcuts="Control+Shift+I"
            title="Import a deck (Ctrl+Shift+I), or drop a file on the window"
          >
            Import…
          </Button>
          <Button onClick={() => void actions().openBackups()}>Backups…</Button>
        </span>
      </header>
      {adminDeckId && <LazyView key={adminDeckId} part={deckAdmin} what="the deck's details" />}

      {library.status === 'failed' && <Alert>Recall could not open your decks: {library.error}</Alert>}
      {library.status === 'loading' && library.decks.length === 0 && <p aria-live="polite">Loading decks…</p>}

      {library.decks.length > 0 && (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:divide-slate-700 dark:bg-slate-800 dark:ring-slate-700">
          {library.decks.map((deck, i) => (
            <DeckRow
              key={deck.id}
              deck={deck}
              autoFocus={i === 0}
              onStudy={() => void actions().startStudy(deck.id)}
              onOptions={() => void actions().openOptions(deck.id)}
              onDetails={() => actions().openDeckAdmin(deck.id)}
            />
          ))}
        </ul>
      )}

      {library.problems.length > 0 && (
        <section
          aria-labelledby="problems-title"
          className="rounded-md bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          <h2 id="problems-title" className="font-semibold">
            Some deck files could not be read
          </h2>
          <ul className="mt-1 list-disc ps-5 font-mono text-sm">
            {library.problems.map((p, i) => (
              <li key={i}>{formatProblem(p)}</li>
            ))}
          </ul>
        </section>
      )}

      <p className="text-sm text-slate-500 dark:text-slate-400">
        Tab to a deck and press Enter to study. While studying: Space shows the answer, 1–4 grade it, Esc returns here.
      </p>
    </main>
  )
}
