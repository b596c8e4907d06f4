import { Button } from '@components/Button'
import { LEARN_AHEAD_MS } from '@core/scheduling/queue'
import { formatInterval } from '@core/time/format'
import { actions } from '@store'
import type { McSession } from '@store/practice-mc-slice'
import { useEffect } from 'react'

/** Nothing left to ask now; waits for learning cards due later today, as the study screen does. */
export function McDoneView({ session }: { session: McSession }) {
  const waitUntil = session.step.kind === 'wait' ? session.step.until : null
  useEffect(() => {
    if (waitUntil === null) return
    // Timers cap at about 24 days; the store checks the queue again with its own clock.
    const timer = setTimeout(
      () => void actions().resumeMc(),
      Math.min(Math.max(0, waitUntil - Date.now() - LEARN_AHEAD_MS) + 500, 2 ** 31 - 1)
    )
    return () => clearTimeout(timer)
  }, [waitUntil])

  return (
    <section className="flex flex-1 flex-col items-center justify-center gap-4 text-center" data-testid="done" aria-live="polite">
      <h2 className="text-2xl font-bold">{waitUntil === null ? 'Done for today' : 'Nothing to ask right now'}</h2>
      <p className="max-w-md text-slate-600 dark:text-slate-400">
        {session.answered > 0 && `You answered ${session.correct} of ${session.answered} right. `}
        {waitUntil === null
          ? 'Every card due in this deck today has been answered.'
          : `A learning card comes back in about ${formatInterval(waitUntil - session.shownAt)}. Keep this screen open, or come back later.`}
      </p>
      <Button tone="primary" autoFocus onClick={() => void actions().showPracticeHome()}>
        Back to practice
      </Button>
    </section>
  )
}
