import { useCallback, useEffect, useState } from 'react'
import { Button } from '@components/Button'
import { CardText, prepareCardText } from '@components/CardText'
import { Counts } from '@components/Counts'
import { countQueue } from '@core/scheduling/queue'
import { actions, useRecall } from '@store'
import { likelyNextCard } from '@store/study-slice'
import { AnswerButtons } from '@screens/study/AnswerButtons'
import { CardHistoryDialog } from '@components/CardHistoryDialog'
import { DoneView } from '@screens/study/DoneView'
import { EditCardDialog } from '@screens/study/EditCardDialog'
import { StudyToolbar } from '@screens/study/StudyToolbar'
import { run, useStudyKeys } from '@screens/study/use-study-keys'

/** Runs `work` when the page is idle (soon after, where the browser has no idle callbacks); returns a cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(work, 50)
    return () => clearTimeout(timer)
  }
  const idle = requestIdleCallback(work, { timeout: 1000 })
  return () => cancelIdleCallback(idle)
}

const FLAG_COLOURS = ['', 'bg-red-500', 'bg-orange-400', 'bg-green-500', 'bg-blue-500', 'bg-pink-400', 'bg-teal-400', 'bg-purple-500']

export function StudyScreen() {
  const session = useRecall((s) => s.session)!
  const canUndo = useRecall((s) => s.undoStack.length > 0)
  const [panel, setPanel] = useState<'edit' | 'info' | null>(null)
  const { card, revealed, step } = session
  const open = useCallback((p: 'edit' | 'info') => card && setPanel(p), [card])
  useStudyKeys(revealed, panel === null, open)
  // While the answer is read, the likely next question is parsed in idle time: the grade then
  // only has to write and lay it out.
  useEffect(() => {
    if (!revealed) return
    return whenIdle(() => {
      const next = likelyNextCard(session, Date.now())
      if (next) prepareCardText(next.question)
    })
  }, [revealed, session])

  return (
    <main className="flex flex-1 flex-col gap-4" aria-label={`Studying ${session.deckName}`}>
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
      <p role="status" className="min-h-5 text-center text-sm text-slate-600 dark:text-slate-400">
        {session.notice}
      </p>

      {card ? (
        <>
          <article className="relative flex flex-1 flex-col items-center gap-6 rounded-lg bg-white p-8 text-center text-xl shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
            {card.flag ? <span className={`absolute top-3 right-3 size-3 rounded-full ${FLAG_COLOURS[card.flag]}`} role="img" aria-label={`Flag ${card.flag}`} /> : null}
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
          <footer className="flex flex-col items-center gap-4">
            {revealed ? (
              <AnswerButtons outcomes={session.outcomes!} now={session.shownAt} disabled={session.saving} />
            ) : (
              <Button tone="primary" autoFocus onClick={() => actions().reveal()} className="min-w-48">
                Show answer <kbd className="ms-2 text-sm">Space</kbd>
              </Button>
            )}
            <StudyToolbar canUndo={canUndo} onCommand={(c) => run(c, open)} />
          </footer>
        </>
      ) : (
        <>
          <DoneView step={step} />
          {canUndo && (
            <div className="flex justify-center">
              <Button onClick={() => void actions().undoLast()}>
                Undo last answer <kbd className="ms-1 text-xs">Ctrl+Z</kbd>
              </Button>
            </div>
          )}
        </>
      )}
      {panel === 'edit' && card && <EditCardDialog card={card} onClose={() => setPanel(null)} />}
      {panel === 'info' && card && <CardHistoryDialog onClose={() => setPanel(null)} />}
    </main>
  )
}
