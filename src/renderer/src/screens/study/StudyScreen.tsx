import { useEffect } from 'react'
import { Button } from '../../components/Button'
import { CardText } from '../../components/CardText'
import { Counts } from '../../components/Counts'
import { countQueue } from '../../core/queue'
import { actions, useRecall } from '../../store'
import { AnswerButtons } from './AnswerButtons'
import { DoneView } from './DoneView'
import { commandForKey } from './study-keys'

export function StudyScreen() {
  const session = useRecall((s) => s.session)!
  const { card, revealed, step } = session

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat || event.ctrlKey || event.metaKey || event.altKey) return
      if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select')) return
      const command = commandForKey(event.key, revealed)
      if (!command) return
      event.preventDefault()
      if (command.kind === 'leave') void actions().leaveStudy()
      else if (command.kind === 'reveal') actions().reveal()
      else void actions().grade(command.rating)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [revealed])

  return (
    <main className="flex flex-1 flex-col gap-6" aria-label={`Studying ${session.deckName}`}>
      <header className="flex items-center justify-between gap-4">
        <Button onClick={() => void actions().leaveStudy()} aria-label="Back to decks (Esc)">
          ← Decks
        </Button>
        <h1 className="truncate text-lg font-semibold">{session.deckName}</h1>
        <Counts counts={countQueue(session.queue)} emphasise={step.kind === 'card' ? step.from : undefined} />
      </header>

      {session.error && (
        <p role="alert" className="rounded-md bg-red-100 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">
          {session.error}
        </p>
      )}

      {card ? (
        <>
          <article className="flex flex-1 flex-col items-center gap-6 rounded-lg bg-white p-8 text-center text-xl shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
            <section aria-label="Question" data-testid="question">
              <CardText text={card.question} />
            </section>
            {revealed && (
              <>
                <hr className="w-full border-slate-200 dark:border-slate-600" />
                <section aria-label="Answer" data-testid="answer" aria-live="polite">
                  <CardText text={card.answer} />
                  {card.extra && <CardText text={card.extra} className="mt-4 text-base text-slate-600 dark:text-slate-400" />}
                </section>
              </>
            )}
          </article>
          <footer className="flex justify-center">
            {revealed ? (
              <AnswerButtons outcomes={session.outcomes!} now={session.shownAt} disabled={session.saving} />
            ) : (
              <Button tone="primary" autoFocus onClick={() => actions().reveal()} className="min-w-48">
                Show answer <kbd className="ms-2 text-sm opacity-75">Space</kbd>
              </Button>
            )}
          </footer>
        </>
      ) : (
        <DoneView step={step} />
      )}
    </main>
  )
}
