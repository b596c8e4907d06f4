import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { actions, useRecall } from '@store'
import { useEffect, useRef, useState } from 'react'

/** Fit FSRS to your own history: run, compare old and new, apply only if you accept. */
export function OptimizerPanel({ disabled }: { disabled: boolean }) {
  const optimizer = useRecall((s) => s.optimizer)
  const running = optimizer?.status === 'running'
  const seconds = useElapsedSeconds(running)
  const buttons = useRef<HTMLDivElement>(null)
  const cancelled = optimizer?.status === 'cancelled'
  // Cancel disappears with the run: the keyboard focus goes back to Optimize rather than to the page.
  const focusAfterCancel = useRef(false)
  useEffect(() => {
    if (!cancelled || !focusAfterCancel.current) return
    focusAfterCancel.current = false
    buttons.current?.querySelector('button')?.focus()
  }, [cancelled])
  const percent = optimizer?.progress === undefined ? undefined : Math.floor(optimizer.progress * 100)

  return (
    <section aria-labelledby="optimizer-title" className="flex flex-col gap-3 rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-700">
      <h2 id="optimizer-title" className="text-lg font-semibold">
        Personal parameters
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The FSRS optimizer fits the scheduler to how you actually remember, from the review history of the decks using this preset.
      </p>
      <div ref={buttons} className="flex gap-2">
        <Button onClick={() => void actions().optimizeParameters()} disabled={disabled || running}>
          {running ? 'Optimizing…' : 'Optimize'}
        </Button>
        {running && (
          <Button
            onClick={() => {
              focusAfterCancel.current = true
              actions().cancelOptimize()
            }}
          >
            Cancel
          </Button>
        )}
      </div>
      {running && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <progress aria-label={PHASES[optimizer.phase ?? 'preparing']} className="w-48" max={100} value={percent} />
          <span aria-live="polite">
            {PHASES[optimizer.phase ?? 'preparing']}
            {percent === undefined ? '' : ` ${percent}%`}
          </span>
          <span>{seconds}s (the window stays usable)</span>
        </div>
      )}
      {optimizer?.status === 'failed' && <Alert kind="warning">{optimizer.message}</Alert>}
      {cancelled && (
        <p role="status" className="text-sm">
          {optimizer.message}
        </p>
      )}
      {optimizer?.status === 'ready' && optimizer.before && optimizer.after && optimizer.proposed && (
        <div className="flex flex-col gap-3" data-testid="optimizer-result">
          <table className="w-full max-w-md text-sm tabular-nums">
            <caption className="text-left font-medium">
              How well each set predicts your {optimizer.after.reviews} later-day reviews (lower is better)
            </caption>
            <thead>
              <tr className="text-left">
                <th scope="col"></th>
                <th scope="col">Current</th>
                <th scope="col">Optimized</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row" className="text-left font-normal">
                  Log loss
                </th>
                <td>{optimizer.before.logLoss.toFixed(4)}</td>
                <td>{optimizer.after.logLoss.toFixed(4)}</td>
              </tr>
              <tr>
                <th scope="row" className="text-left font-normal">
                  RMSE (bins)
                </th>
                <td>{(optimizer.before.rmseBins * 100).toFixed(2)}%</td>
                <td>{(optimizer.after.rmseBins * 100).toFixed(2)}%</td>
              </tr>
            </tbody>
          </table>
          <details>
            <summary className="cursor-pointer text-sm">The 21 parameters, current → optimized</summary>
            <p className="mt-1 font-mono text-xs break-words">
              {optimizer.proposed.map((w, i) => `w${i}: ${optimizer.current?.[i]?.toFixed(3)} → ${w.toFixed(3)}`).join(' · ')}
            </p>
          </details>
          <div className="flex gap-2">
            <Button tone="primary" onClick={() => actions().acceptOptimized()}>
              Use the optimized parameters
            </Button>
            <Button onClick={() => actions().discardOptimized()}>Keep my current ones</Button>
          </div>
        </div>
      )}
    </section>
  )
}

const PHASES = {
  preparing: 'Reading the review history…',
  training: 'Fitting parameters…',
  evaluating: 'Comparing the current and optimized parameters…'
} as const

function useElapsedSeconds(running: boolean): number {
  const [clock, setClock] = useState({ since: 0, now: 0 })
  useEffect(() => {
    if (!running) return
    const since = Date.now()
    const tick = () => setClock({ since, now: Date.now() })
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [running])
  return running ? Math.max(0, Math.floor((clock.now - clock.since) / 1000)) : 0
}
