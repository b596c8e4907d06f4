import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { CardFace } from '@components/CardFace'
import { CardHistoryDialog } from '@components/CardHistoryDialog'
import { prepareCardText } from '@components/CardText'
import { Counts } from '@components/Counts'
import { GradeButtons } from '@components/GradeButtons'
import { countQueue } from '@core/scheduling/queue'
import { GRADES } from '@core/scheduling/scheduler'
import { DoneView } from '@screens/study/DoneView'
import { EditCardDialog } from '@screens/study/EditCardDialog'
import { StudyToolbar } from '@screens/study/StudyToolbar'
import { run, useStudyKeys } from '@screens/study/use-study-keys'
import { actions, useRecall } from '@store'
import { likelyNextCard } from '@store/study-session'
import { useCallback, useEffect, useState } from 'react'
import { Rating } from 'ts-fsrs'

/** Runs `work` when the page is idle (soon after, where the browser has no idle callbacks); returns a cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(work, 50)
    return () => clearTimeout(timer)
  }
  const idle = requestIdleCallback(work, { timeout: 1000 })
  return () => cancelIdleCallback(idle)
}

const KEYS = { [Rating.Again]: '1', [Rating.Hard]: '2', [Rating.Good]: '3', [Rating.Easy]: '4' }

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

      {session.error && <Alert>{session.error}</Alert>}
      <p role="status" className="min-h-5 text-center text-sm text-slate-600 dark:text-slate-400">
        {session.notice}
      </p>

      {card ? (
        <>
          <CardFace question={card.question} answer={card.answer} extra={card.extra} revealed={revealed} flag={card.flag} />
          <footer className="flex flex-col items-center gap-4">
            {revealed ? (
              <GradeButtons
                grades={GRADES}
                outcomes={session.outcomes!}
                now={session.shownAt}
                keys={KEYS}
                autoFocus={Rating.Good}
                disabled={session.saving}
                label="How well did you remember?"
                onPick={(rating) => void actions().grade(rating)}
              />
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
