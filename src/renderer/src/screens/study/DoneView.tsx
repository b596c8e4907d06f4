import { Button } from '@components/Button'
import { LEARN_AHEAD_MS, type NextStep } from '@core/scheduling/queue'
import { formatInterval } from '@core/time/format'
import { actions } from '@store'
import { useEffect, useState } from 'react'

/** Shown when nothing is left to study now; waits for learning cards that are due later today. */
export function DoneView({ step }: { step: NextStep }) {
  const waitUntil = step.kind === 'wait' ? step.until : null
  // The wait is told as of when this view appeared; it resumes by itself when the card is due.
  const [shownAt] = useState(() => Date.now())
  useEffect(() => {
    if (waitUntil === null) return
    // Come back when the next learning card is within the learn-ahead limit (timers cap at ~24 days).
    const timer = setTimeout(
      () => void actions().resume(),
      Math.min(Math.max(0, waitUntil - Date.now() - LEARN_AHEAD_MS) + 500, 2 ** 31 - 1)
    )
    return () => clearTimeout(timer)
  }, [waitUntil])

  return (
    <section className="flex flex-1 flex-col items-center justify-center gap-4 text-center" data-testid="done" aria-live="polite">
      <h2 className="text-2xl font-bold">{waitUntil === null ? 'Done for today' : 'Nothing to study right now'}</h2>
      <p className="max-w-md text-slate-600 dark:text-slate-400">
        {waitUntil === null
          ? 'You have studied every card due in this deck today. Come back tomorrow for the next reviews.'
          : `A learning card comes back in about ${formatInterval(waitUntil - shownAt)}. Keep this screen open, or come back later.`}
      </p>
      <Button tone="primary" autoFocus onClick={() => void actions().leaveStudy()}>
        Back to decks
      </Button>
    </section>
  )
}
