import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { FormField, inputClass } from '@components/FormField'
import { percent, plural } from '@core/format'
import type { WorkloadForm } from '@core/simulation/workload-form'
import { actions, useRecall } from '@store'
import { lazy, Suspense } from 'react'

// The charts (and recharts with them) are fetched once there is something to draw.
const WorkloadCharts = lazy(() => import('@screens/options/WorkloadCharts').then((m) => ({ default: m.WorkloadCharts })))

/** The bottom of the range the minimum is looked for in (fsrs-rs's and Anki's). */
const CMRR_LOWEST = 0.7

const FIELDS: Array<{ key: keyof WorkloadForm; label: string; hint: string }> = [
  { key: 'days', label: 'Days to simulate', hint: 'From today; Anki’s simulator starts at a year.' },
  { key: 'newCardsPerDay', label: 'New cards a day', hint: 'Until the deck’s new cards run out.' },
  { key: 'reviewsPerDay', label: 'Maximum reviews a day', hint: 'Reviews beyond it wait for the next day.' },
  { key: 'retention', label: 'Your desired retention', hint: 'The day-by-day lines are drawn for it, 0.70 to 0.99.' }
]

/**
 * Anki's FSRS simulator and "Compute minimum recommended retention": the deck's next days simulated
 * at every desired retention from 0.70 to 0.97, how much work each costs and how much it keeps.
 */
export function WorkloadSimulator() {
  const workload = useRecall((s) => s.workload)
  if (!workload) return null
  const running = workload.status === 'running'
  const result = workload.status === 'ready' ? workload.result : undefined
  const own = result?.outcomes.find((o) => Math.abs(o.retention - (workload.inputs?.retention ?? NaN)) < 1e-9)
  const best = result?.outcomes.find((o) => o.retention === result.cmrr)

  return (
    <section aria-labelledby="workload-title" className="flex flex-col gap-3 rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-700">
      <h2 id="workload-title" className="text-lg font-semibold">
        Workload and desired retention
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Simulates studying this deck every day with the preset’s FSRS parameters, at each desired retention from 70% to 97%: the reviews and
        minutes a day it takes, and how many cards you would remember. Like Anki’s simulator, it also finds the minimum recommended
        retention: the one that costs the least time per card remembered.
      </p>
      <form
        className="grid gap-4 sm:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault()
          void actions().simulateWorkload()
        }}
      >
        {FIELDS.map((f) => (
          <FormField key={f.key} id={`workload-${f.key}`} label={f.label} hint={f.hint} error={workload.errors[f.key]}>
            <input
              id={`workload-${f.key}`}
              className={inputClass}
              inputMode={f.key === 'retention' ? 'decimal' : 'numeric'}
              value={workload.form[f.key]}
              aria-invalid={workload.errors[f.key] ? true : undefined}
              aria-describedby={workload.errors[f.key] ? `workload-${f.key}-error` : `workload-${f.key}-hint`}
              onChange={(e) => actions().editWorkload({ [f.key]: e.target.value })}
            />
          </FormField>
        ))}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-4">
          <Button type="submit" disabled={running}>
            {running ? 'Simulating…' : 'Simulate'}
          </Button>
          {running && (
            <span aria-live="polite" className="flex items-center gap-2 text-sm">
              <progress aria-label="Simulating" className="w-48" max={1} value={workload.progress} />
              {Math.round(workload.progress * 100)}% (the window stays usable)
            </span>
          )}
        </div>
      </form>
      {workload.message && <Alert kind={workload.status === 'failed' ? 'banner' : 'inline'}>{workload.message}</Alert>}
      {result && workload.inputs && (
        <div className="flex flex-col gap-3" data-testid="workload-result">
          <p className="text-sm" data-testid="workload-summary">
            {plural(result.studied, 'studied card')} and {plural(result.fresh, 'new card')}, over {plural(workload.inputs.days, 'day')}
            {own && (
              <>
                {' '}
                · at {percent(own.retention)}: about {Math.round(own.reviewsPerDay)} reviews ({Math.round(own.minutesPerDay)} min) a day,{' '}
                {Math.round(own.memorizedAtEnd).toLocaleString()} cards remembered at the end
              </>
            )}
            .
          </p>
          <p className="text-sm">
            Minimum recommended retention: <strong data-testid="workload-cmrr">{result.cmrr === null ? '—' : percent(result.cmrr)}</strong>
            {best && (
              <>
                {' '}
                ({best.secondsPerMemorized.toFixed(0)} s of study per card remembered).{' '}
                {best.retention <= CMRR_LOWEST
                  ? 'That is the lowest retention looked at, as in Anki: with these parameters the time per card remembered still falls below it, but forgetting that much is rarely worth it.'
                  : 'Below it, relearning forgotten cards costs more time than longer intervals save; above it, each extra point of retention costs more time per card remembered.'}
              </>
            )}
          </p>
          <Suspense fallback={<p className="text-sm">Loading the charts…</p>}>
            <WorkloadCharts sweep={result} days={workload.inputs.days} />
          </Suspense>
        </div>
      )}
    </section>
  )
}
